"""The citizen pages on the demo catalogue: home, search, procedure, print view, history, sector, agency."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from catalogue import search_sync
from catalogue.content import AgencyRef, Channel, Fee, Paper, ProcedureContent, ProcessingTime
from catalogue.procedures import create_procedure

from .pages_support import make_app

HOSTILE_NAME = 'Thủ tục thử <script>alert("ten")</script> đăng ký'
HOSTILE_PAPER = '<img src=x onerror=alert(1)> Tờ khai'


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("pages"))
    content = ProcedureContent(
        name=HOSTILE_NAME, sector="Hộ tịch", levels=["commune"], audience=["<b>Công dân</b>"],
        steps=["Bước 1: <a href='javascript:alert(2)'>nộp</a>"],
        channels=[Channel("direct", ProcessingTime(text="<i>3 ngày</i>"), [Fee("fee", None, "<u>10.000 đồng</u>")])],
        papers=[Paper(HOSTILE_PAPER, form="<script>alert(3)</script>", originals=1)],
        conditions="<script>alert(4)</script>", agencies=[AgencyRef("UBND xã <em>Thử</em>", "receiving", "<q>Số 1</q>")],
        online_level="full", online_url="javascript:alert(5)", notes="javascript:alert(6)",
    )
    svc = application.extensions["tthc"]
    with svc.db.unit_of_work("test") as uow:
        procedure, _ = create_procedure(uow.session, "test", content, code="9.999999",
                                        effective_from=dt.date(2025, 1, 1))
        application.config["HOSTILE_ID"] = procedure.id
    search_sync.drain(svc.db, svc.search)
    yield application
    svc.close()


@pytest.fixture
def client(app):
    return app.test_client()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def first_hit(client, q: str) -> int:
    return client.get("/api/v1/search", query_string={"q": q}).get_json()["hits"][0]["id"]


class Elements(HTMLParser):
    """Start tags with their attributes, to check markup without a browser."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


# -- home ---------------------------------------------------------------------------------------------

def test_home_has_one_labelled_search_box_and_the_sectors_in_vietnamese_order(client):
    html = page(client, "/")
    tags = Elements(html)
    assert len(tags.find("form", role="search")) == 1
    assert tags.find("label", **{"for": "q"}) and tags.find("input", id="q", name="q")
    sectors = re.findall(r'<span class="name">([^<]+)</span>', html)
    assert "Hộ tịch" in sectors and "Chứng thực" in sectors
    assert sectors.index("Cấp, quản lý căn cước") < sectors.index("Chứng thực")  # "Cấp" before "Chứng"
    assert sectors.index("Đăng ký, quản lý cư trú") < sectors.index("Đất đai") < sectors.index("Giáo dục trung học")
    assert "Thay đổi gần đây" in html and "Quyết định số 412/QĐ-UBND" in html


# -- search -------------------------------------------------------------------------------------------

def test_search_without_diacritics_finds_the_procedure_first_with_marked_snippets(client):
    html = page(client, "/tim-kiem?q=dang+ky+khai+sinh")
    titles = re.findall(r'<li class="hit">\s*<h3><a href="/thu-tuc/(\d+)', html)
    assert titles and int(titles[0]) == first_hit(client, "dang ky khai sinh")
    assert "<mark>Đăng ký khai sinh</mark>" in html
    assert "phù hợp với “dang ky khai sinh”" in html


def test_search_page_takes_the_api_parameters_and_returns_the_same_hits(client):
    for params in ({"q": "khai sinh", "level": "xa"}, {"q": "", "sector": "Hộ tịch", "per_page": "3", "page": "2"},
                   {"q": "giấy phép", "online_level": "toan_trinh"}, {"q": "cư trú", "include_abolished": "true"},
                   {"q": "cư trú", "as_of": "2026-01-01"}):
        api = client.get("/api/v1/search", query_string=params).get_json()
        html = page(client, "/tim-kiem?" + "&".join(f"{k}={v}" for k, v in params.items()))
        ids = [int(i) for i in re.findall(r'<li class="hit">\s*<h3><a href="/thu-tuc/(\d+)', html)]
        assert ids == [h["id"] for h in api["hits"]], params


def test_facets_are_links_that_filter_and_show_the_choice_in_words(client):
    html = page(client, "/tim-kiem?q=khai+sinh")
    assert "Cấp thực hiện" in html and "Lĩnh vực" in html and "Cơ quan thực hiện" in html
    link = re.search(r'href="(/tim-kiem\?q=khai\+sinh&amp;level=xa)"', html)
    assert link, "level facet link"
    chosen = page(client, link.group(1).replace("&amp;", "&"))
    assert 'class="chosen" aria-current="true"' in chosen and "đang chọn" in chosen
    assert "Bộ lọc đang dùng" in chosen and "Cấp: <strong>Cấp xã</strong>" in chosen
    assert "Bỏ lọc Cấp: Cấp xã" in chosen


def test_pagination_links_keep_the_query_and_mark_the_current_page(client):
    html = page(client, "/tim-kiem?sector=H%E1%BB%99+t%E1%BB%8Bch&per_page=2&page=2")
    assert 'aria-current="page">Trang 2</span>' in html
    assert re.search(r'href="/tim-kiem\?sector=[^"]+&amp;per_page=2"[^>]*rel="prev"', html)
    assert 'rel="next"' in html


def test_typo_gets_a_suggestion_link(client):
    html = page(client, "/tim-kiem?q=dang+ky+khia+sinh")
    assert "Có phải bạn muốn tìm" in html
    assert 'href="/tim-kiem?q=dang+ky+khai+sinh"' in html


@pytest.mark.parametrize("query", ["level=huyen", "per_page=51", "page=0", "as_of=2026-13-01",
                                   "include_abolished=maybe", "status=deleted", "online_level=3"])
def test_bad_search_parameters_give_a_400_page_in_vietnamese(client, query):
    html = page(client, f"/tim-kiem?q=khai+sinh&{query}", 400)
    assert 'role="alert"' in html and "Không tìm được" in html


def test_no_results_page_gives_hints(client):
    html = page(client, "/tim-kiem?q=zzzqqqxxx")
    assert "Không tìm thấy thủ tục nào" in html and "Gợi ý" in html


# -- procedure ------------------------------------------------------------------------------------------

def test_procedure_page_puts_papers_time_fees_and_place_first(client):
    html = page(client, f"/thu-tuc/{first_hit(client, 'đăng ký khai sinh')}")
    order = [html.index(s) for s in ("Giấy tờ cần chuẩn bị", "Cách nộp, thời hạn và phí", "Nơi thực hiện",
                                     "Kết quả nhận được", "Trình tự thực hiện", "Căn cứ pháp lý")]
    assert order == sorted(order)
    assert "Giấy tờ phải nộp" in html and "Giấy tờ phải xuất trình" in html
    assert "Số lượng: 1 bản chính" in html and "Mẫu: Tờ khai đăng ký khai sinh" in html
    tags = Elements(html)
    boxes = tags.find("input", type="checkbox")
    assert boxes and all(tags.find("label", **{"for": b["id"]}) for b in boxes)
    assert "Có hiệu lực từ <strong>01/07/2025</strong> theo Quyết định số <strong>105/QĐ-UBND</strong>" in html
    assert "Thời hạn giải quyết" in html and "Miễn phí" in html and "Nơi nộp hồ sơ" in html
    assert "Dịch vụ công trực tuyến" in html and 'href="https://dichvucong.example.vn/thu-tuc/9.000001"' in html
    assert "Số 25 đường Hòa An" in html and re.search(r'href="/co-quan/\d+"', html)


def test_print_view_is_the_checklist_with_the_print_stylesheet_for_every_medium(client):
    pid = first_hit(client, "đăng ký khai sinh")
    html = page(client, f"/thu-tuc/{pid}?in=1")
    assert 'href="/static/print.css" media="all"' in html and 'class="print-view"' in html
    assert "Giấy tờ cần chuẩn bị" in html and "Cách nộp, thời hạn và phí" in html
    assert "Trình tự thực hiện" not in html  # the checklist leaves out what is not needed at the counter
    assert "data-print" in html and "/static/print.js" in html
    normal = page(client, f"/thu-tuc/{pid}")
    assert 'href="/static/print.css" media="print"' in normal


def test_abolished_replaced_and_upcoming_procedures_say_so(client):
    abolished = client.get("/api/v1/procedures?status=abolished").get_json()["items"][0]
    html = page(client, f"/thu-tuc/{abolished['procedure_id']}")
    assert "Thủ tục này đã bị bãi bỏ từ ngày 01/04/2026" in html
    assert "chỉ để tham khảo" in html and "In danh sách giấy tờ" not in html and "nộp hồ sơ trực tuyến</a>" not in html
    assert "Nộp hồ sơ trực tuyến<span" not in html
    replaced = client.get("/api/v1/procedures?status=replaced").get_json()["items"][0]
    html = page(client, f"/thu-tuc/{replaced['procedure_id']}")
    assert "đã bị thay thế từ ngày 01/04/2026 bởi thủ tục" in html
    upcoming = first_hit(client, "đăng ký thành lập hộ kinh doanh")
    html = page(client, f"/thu-tuc/{upcoming}?as_of=2026-06-01")
    assert "Sắp thay đổi:" in html and "Quyết định số 1287/QĐ-UBND" in html
    assert "Bạn đang xem thủ tục theo quy định áp dụng vào ngày <strong>01/06/2026</strong>" in html


def test_history_lists_editions_with_what_changed(client):
    amended = [p for p in client.get("/api/v1/procedures?per_page=100").get_json()["items"] if p["kind"] == "amended"]
    html = page(client, f"/thu-tuc/{amended[0]['procedure_id']}/lich-su")
    assert "Sửa đổi, bổ sung" in html and "Ban hành mới" in html and "Đang áp dụng" in html
    assert "Những điểm thay đổi so với phiên bản trước" in html and "<del>" in html and "<ins>" in html
    assert "Thủ tục được công bố lần đầu." in html
    assert re.search(r'href="/thu-tuc/\d+\?as_of=\d{4}-\d\d-\d\d">Xem nội dung phiên bản này', html)


def test_sector_and_agency_pages_list_and_paginate(client):
    html = page(client, "/linh-vuc/ho-tich")
    assert "Lĩnh vực: Hộ tịch" in html and "thủ tục đang có hiệu lực" in html
    assert 'name="sector" value="Hộ tịch"' in html
    pid = first_hit(client, "đăng ký khai sinh")
    agency = re.search(r'href="/co-quan/(\d+)"', page(client, f"/thu-tuc/{pid}")).group(1)
    html = page(client, f"/co-quan/{agency}")
    assert "Thủ tục do cơ quan thực hiện hoặc tiếp nhận" in html and "/thu-tuc/" in html


@pytest.mark.parametrize("url", ["/thu-tuc/999999", "/thu-tuc/999999/lich-su", "/linh-vuc/khong-co", "/co-quan/999999"])
def test_missing_things_are_404_pages(client, url):
    assert "Lỗi 404" in page(client, url, 404)


def test_pages_send_a_strict_content_security_policy(client):
    for url in ("/", "/tim-kiem?q=x", f"/thu-tuc/{first_hit(client, 'khai sinh')}", "/kiem-tra-van-ban"):
        policy = client.get(url).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "object-src 'none'" in policy and "unsafe-inline" not in policy


# -- hostile content ---------------------------------------------------------------------------------------

def _no_live_markup(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Công" not in html
    assert 'href="javascript:' not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")


def test_markup_in_procedure_fields_is_shown_as_text(client, app):
    pid = app.config["HOSTILE_ID"]
    for url in (f"/thu-tuc/{pid}", f"/thu-tuc/{pid}?in=1", f"/thu-tuc/{pid}/lich-su"):
        html = page(client, url)
        _no_live_markup(html)
    html = page(client, f"/thu-tuc/{pid}")
    assert "&lt;script&gt;alert(&#34;ten&#34;)&lt;/script&gt;" in html
    assert "Nộp hồ sơ trực tuyến" not in html  # a javascript: link is never offered


def test_markup_in_search_results_and_query_is_inert(client):
    for q in ("thủ tục thử", '<script>alert("q")</script>', "javascript:alert(1)", '"><img src=x onerror=alert(1)>'):
        html = client.get("/tim-kiem", query_string={"q": q}).get_data(as_text=True)
        _no_live_markup(html)
        assert '<script>alert("q")' not in html
    html = client.get("/tim-kiem", query_string={"q": "thủ tục thử đăng ký"}).get_data(as_text=True)
    assert "&lt;script&gt;" in html and "<mark>" in html
