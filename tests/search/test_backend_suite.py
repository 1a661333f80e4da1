"""The behaviour every search backend must have (run on each backend by the ``backend`` fixture)."""
from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from search.interface import QueryError, SearchQuery, SearchResults
from tests.search.factories import corpus, edition


def ids(results: SearchResults) -> list[int]:
    return [hit.procedure_id for hit in results.hits]


def first(backend, text: str, **options) -> int | None:
    hits = backend.search(SearchQuery(text=text, **options)).hits
    return hits[0].procedure_id if hits else None


# --- ranking -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("đăng ký kết hôn", 1),
    ("dang ky ket hon", 1),
    ("ĐĂNG KÝ KẾT HÔN", 1),
    ("đăng kí kết hôn", 1),  # "kí" and "ký" are both correct spellings
    ("khai sinh", 2),
    (unicodedata.normalize("NFD", "đăng ký khai sinh"), 2),  # decomposed, as pasted from some files
    ("cấp đổi thẻ căn cước", 3),
    ("cap lai the can cuoc", 4),
    ("đổi giấy phép lái xe", 5),
    ("thuỷ lợi", 11),  # new-style tone placement finds the old-style text
    ("thủy lợi", 11),
])
def test_finds_the_procedure_with_and_without_diacritics(backend, text, expected):
    assert first(backend, text) == expected


def test_exact_diacritics_rank_above_folded_lookalikes(backend):
    backend.replace_procedure(20, 1, [edition(20, "Thủ tục đăng ký kết hơn")])  # a near-homograph
    assert ids(backend.search(SearchQuery("đăng ký kết hôn")))[:2] == [1, 20]


def test_name_match_outranks_a_mention_in_the_papers(backend):
    # "giấy xác nhận tình trạng hôn nhân" is in the papers of procedure 1 only.
    backend.replace_procedure(21, 1, [edition(21, "Cấp giấy xác nhận tình trạng hôn nhân")])
    assert ids(backend.search(SearchQuery("xác nhận tình trạng hôn nhân")))[:2] == [21, 1]


@pytest.mark.parametrize("text, expected", [
    ("CCCD", {3, 4}),
    ("cấp đổi CCCD", {3}),
    ("GPLX", {5}),
    ("bằng lái xe", {5}),
    ("làm sổ đỏ", {6}),
    ("so do", {6}),
    ("hộ khẩu", {7}),
])
def test_abbreviations_and_everyday_words(backend, text, expected):
    found = ids(backend.search(SearchQuery(text)))
    assert set(found[:len(expected)]) == expected


def test_question_words_are_ignored(backend):
    assert first(backend, "cần giấy tờ gì để đăng ký thường trú") == 7
    assert first(backend, "can giay to gi de dang ky thuong tru") == 7


def test_a_code_finds_its_procedure(backend):
    assert first(backend, "1.000005") == 5


# --- filters and facets --------------------------------------------------------------------------

def test_browse_lists_procedures_in_force_sorted_by_name(backend):
    results = backend.search(SearchQuery("", per_page=100))
    names = [hit.name for hit in results.hits]
    assert 8 not in ids(results)  # abolished today
    assert results.total == 10 == len(names)
    assert names[0] == "Cấp đổi thẻ căn cước" and names[-1] == "Thủ tục đăng ký khai sinh"
    # Alphabetical as Vietnamese readers expect: "Đ" with "D", diacritics after the letters.
    assert names.index("Đăng ký thường trú") < names.index("Đổi giấy phép lái xe") < names.index(
        "Thủ tục đăng ký kết hôn")


def test_facets_count_procedures(backend):
    facets = backend.search(SearchQuery("")).facets
    assert set(facets) == {"sector", "level", "agency", "online_level", "status"}
    assert dict(facets["sector"])["Căn cước"] == 2
    assert dict(facets["level"])["province"] == 4
    assert dict(facets["online_level"]) == {"full": 6, "partial": 2}
    assert dict(facets["agency"])["Công an cấp tỉnh"] == 2
    assert dict(facets["status"]) == {"in_force": 10, "abolished": 1}  # ignores its own filter
    counts = [n for _, n in facets["sector"]]
    assert counts == sorted(counts, reverse=True)  # most frequent first, ties alphabetical
    assert facets["sector"][:3] == [("Căn cước", 2), ("Đăng ký, quản lý cư trú", 2), ("Hộ tịch", 2)]


def test_a_facet_filter_narrows_results_but_not_its_own_counts(backend):
    results = backend.search(SearchQuery("", sector="Căn cước"))
    assert set(ids(results)) == {3, 4} and results.total == 2
    assert dict(results.facets["sector"])["Hộ tịch"] == 2  # the other values stay visible
    assert dict(results.facets["level"]) == {"province": 2, "commune": 2}


@pytest.mark.parametrize("options, expected", [
    ({"level": "ministry"}, {5}),
    ({"agency": "Công an cấp xã"}, {3, 7, 9}),
    ({"online_level": "partial"}, {3, 4}),
    ({"sector": "Căn cước", "level": "commune"}, {3, 4}),
    ({"sector": "Không có lĩnh vực này"}, set()),
])
def test_filters(backend, options, expected):
    assert set(ids(backend.search(SearchQuery("", per_page=100, **options)))) == expected


def test_abolished_procedures_are_excluded_by_default(backend):
    assert 8 not in ids(backend.search(SearchQuery("chứng minh nhân dân")))
    included = backend.search(SearchQuery("chứng minh nhân dân", include_abolished=True))
    assert first(backend, "chứng minh nhân dân", include_abolished=True) == 8
    assert dict(included.facets["status"])["abolished"] == 1
    assert set(ids(backend.search(SearchQuery("", status="abolished")))) == {8}


def test_as_of_a_past_date_finds_what_was_in_force(backend):
    assert first(backend, "chứng minh nhân dân", as_of=date(2020, 6, 1)) == 8
    assert backend.search(SearchQuery("chứng minh nhân dân", as_of=date(2009, 6, 1))).total == 0


def test_future_editions_apply_from_their_date(backend):
    today = backend.search(SearchQuery("đăng ký tạm trú"))
    later = backend.search(SearchQuery("đăng ký tạm trú", as_of=date(2031, 1, 1)))
    assert today.hits[0].name == "Đăng ký tạm trú"
    assert later.hits[0].name == "Đăng ký tạm trú cho người nước ngoài"
    assert later.hits[0].procedure_id == today.hits[0].procedure_id == 9
    assert [h.procedure_id for h in later.hits].count(9) == 1


def test_the_day_an_edition_ends_belongs_to_the_next(backend):
    assert backend.search(SearchQuery("tạm trú", as_of=date(2029, 12, 31))).hits[0].name == "Đăng ký tạm trú"
    assert backend.search(SearchQuery("tạm trú", as_of=date(2030, 1, 1))).hits[0].name.endswith("nước ngoài")


# --- revisions -----------------------------------------------------------------------------------

def test_an_older_revision_never_overwrites_a_newer_one(backend):
    assert backend.replace_procedure(1, 5, [edition(1, "Đăng ký kết hôn (bản mới)", revision=5)])
    assert not backend.replace_procedure(1, 3, [edition(1, "Đăng ký kết hôn (bản cũ)", revision=3)])
    assert backend.search(SearchQuery("kết hôn")).hits[0].name == "Đăng ký kết hôn (bản mới)"
    assert backend.indexed_revisions()[1] == 5
    assert backend.replace_procedure(1, 5, [edition(1, "Đăng ký kết hôn (bản mới)", revision=5)])


def test_deletion_is_revisioned_too(backend):
    assert not backend.delete_procedure(1, 0)
    assert first(backend, "kết hôn") == 1
    assert backend.delete_procedure(1, 7)
    assert 1 not in ids(backend.search(SearchQuery("kết hôn")))
    assert 1 not in backend.indexed_revisions()
    # An update that was drained late cannot bring the deleted procedure back...
    assert not backend.replace_procedure(1, 6, [edition(1, "Thủ tục đăng ký kết hôn", revision=6)])
    assert 1 not in ids(backend.search(SearchQuery("kết hôn")))
    # ...but a newer one can.
    assert backend.replace_procedure(1, 8, [edition(1, "Thủ tục đăng ký kết hôn", revision=8)])
    assert first(backend, "kết hôn") == 1


def test_replacing_swaps_all_editions_of_a_procedure(backend):
    assert backend.replace_procedure(9, 2, [edition(9, "Khai báo tạm trú", edition_id=903, revision=2)])
    assert first(backend, "khai báo tạm trú", as_of=date(2031, 1, 1)) == 9
    found = backend.search(SearchQuery("tạm trú", as_of=date(2031, 1, 1)))
    assert [h.name for h in found.hits if h.procedure_id == 9] == ["Khai báo tạm trú"]


def test_indexed_revisions(backend):
    revisions = backend.indexed_revisions()
    assert revisions == {pid: 1 for pid, _, _ in corpus()}


def test_a_procedure_can_be_indexed_without_editions(backend):
    assert backend.replace_procedure(30, 4, [])
    assert backend.indexed_revisions()[30] == 4


def test_editions_must_belong_to_the_procedure(empty_backend):
    with pytest.raises(ValueError):
        empty_backend.replace_procedure(1, 1, [edition(2, "Thủ tục khác")])


def test_rebuild_replaces_everything(backend):
    count = backend.rebuild([(40, 3, [edition(40, "Đăng ký kết hôn lưu động")])])
    assert count == 1
    assert backend.indexed_revisions() == {40: 3}
    assert ids(backend.search(SearchQuery("kết hôn"))) == [40]


# --- presentation --------------------------------------------------------------------------------

def test_hits_carry_what_a_result_list_shows(backend):
    hit = backend.search(SearchQuery("cấp đổi thẻ căn cước")).hits[0]
    assert (hit.procedure_id, hit.code, hit.name, hit.sector) == (3, "1.000003", "Cấp đổi thẻ căn cước", "Căn cước")
    assert hit.levels == ["province", "commune"]
    assert hit.score > 0
    assert hit.highlights["name"] == ["<mark>Cấp đổi thẻ căn cước</mark>"]


def test_highlights_are_marked_on_the_text_as_written(backend):
    hit = backend.search(SearchQuery("dang ky ket hon")).hits[0]
    assert hit.highlights["name"] == ["Thủ tục <mark>đăng ký kết hôn</mark>"]
    assert "<mark>đăng ký kết hôn</mark>" in hit.highlights["papers"][0]


def test_highlights_escape_html(backend):
    hit = backend.search(SearchQuery("thử nghiệm")).hits[0]
    assert hit.procedure_id == 10
    snippets = " ".join(f for fragments in hit.highlights.values() for f in fragments)
    assert "<script>" not in snippets and "<b>" not in snippets
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>thử nghiệm</mark>" in hit.highlights["name"][0]
    assert "&lt;b&gt;Tờ khai&lt;/b&gt; &amp; bản sao &quot;<mark>thử nghiệm</mark>&quot;" in hit.highlights["papers"][0]


def test_a_typo_gets_a_suggestion_and_its_results(backend):
    results = backend.search(SearchQuery("đăng ký kết hônn"))
    assert results.suggestion == "đăng ký kết hôn"
    assert ids(results)[0] == 1
    assert backend.search(SearchQuery("dang ky ket hn")).suggestion == "dang ky ket hon"


def test_no_suggestion_when_the_query_matches(backend):
    assert backend.search(SearchQuery("đăng ký kết hôn")).suggestion is None


def test_pagination(backend):
    pages = [backend.search(SearchQuery("", page=p, per_page=3)) for p in (1, 2, 3, 4, 5)]
    seen = [pid for page in pages for pid in ids(page)]
    assert len(seen) == len(set(seen)) == 10
    assert all(page.total == 10 for page in pages)
    assert [len(page.hits) for page in pages] == [3, 3, 3, 1, 0]
    assert pages[1].page == 2 and pages[1].per_page == 3


@pytest.mark.parametrize("text", [
    "", "   ", "?!.,;:()[]{}", "😀🎉", "AND OR NOT *", '"đăng ký kết hôn', "name:kết hôn", "kết hôn~2^3",
    "*", "\\", "'; DROP TABLE search_edition; --", "\x00\x01\u200b\u00a0", "đăng ký kết hôn " * 700,
    "a" * 10_000, "ｃｃｃｄ", "\u0301\u0300",
])
def test_bad_input_never_crashes(backend, text):
    results = backend.search(SearchQuery(text))
    assert isinstance(results, SearchResults)
    assert results.total >= len(results.hits)


def test_long_text_is_cut_but_still_searched(backend):
    assert first(backend, "đăng ký kết hôn " * 700) == 1


@pytest.mark.parametrize("options, field", [
    ({"page": 0}, "page"), ({"per_page": 0}, "per_page"), ({"per_page": 1000}, "per_page"),
    ({"page": 100_000}, "page"), ({"level": "district"}, "level"), ({"status": "draft"}, "status"),
    ({"online_level": "some"}, "online_level"),
])
def test_impossible_queries_raise_query_error(backend, options, field):
    with pytest.raises(QueryError) as error:
        backend.search(SearchQuery("kết hôn", **options))
    assert error.value.field == field
    assert error.value.message and not error.value.message.isascii()  # Vietnamese, for the user
