"""Query planning: word list, question words, synonyms, and text that looks like query syntax."""
from __future__ import annotations

import pytest

from search import lexicon
from search.query import MAX_QUERY_SYLLABLES, plan


def alternatives(text: str) -> list[list[tuple[str, ...]]]:
    return [[a.syllables for a in clause.alternatives] for clause in plan(text).clauses]


def test_abbreviations_expand_to_their_long_forms():
    (clause,) = alternatives("CCCD")
    assert clause[0] == ("cccd",) and ("can", "cuoc", "cong", "dan") in clause


def test_unaccented_phrases_find_accented_entries():
    assert alternatives("so do") == alternatives("sổ đỏ")
    assert ("giay", "chung", "nhan", "quyen", "su", "dung", "dat") in alternatives("so do")[0]


def test_marked_syllables_must_match_the_entry_exactly():
    # "sơ đồ" (a plan) is not "sổ đỏ" (a land certificate).
    assert alternatives("sơ đồ") == [[("so",)], [("do",)]]


def test_question_words_vanish_and_weak_words_only_score():
    p = plan("cần giấy tờ gì để đăng ký thường trú")
    assert [c.typed for c in p.clauses][:2] == [("đăng",), ("kí",)]
    assert "can" not in p.optional and "gi" not in p.optional
    assert {"giay", "to", "de"} <= set(p.optional)


def test_a_lone_unmarked_syllable_never_expands_or_vanishes():
    # "can" may be "cần" (a question word) or "căn" (as in "căn cước"): keep it, optionally.
    p = plan("can")
    assert p.clauses == () and p.optional == ("can",)


@pytest.mark.parametrize("text", ["AND OR NOT *", 'name:"kết hôn', "kết hôn~2^3", "(*)"])
def test_query_syntax_is_just_words(text):
    p = plan(text)
    typed = [s for c in p.clauses for s in c.typed]
    assert all(s.isalnum() for s in typed)


@pytest.mark.parametrize("text", ["", "   ", "?!…", "😀", "\u200b"])
def test_nothing_searchable(text):
    assert plan(text).is_empty


def test_long_queries_are_cut():
    p = plan("đăng ký kết hôn " * 2_000)
    assert len(p.text) <= 256 and len(p.clauses) <= MAX_QUERY_SYLLABLES


def test_officers_word_lists_are_plain_yaml(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("equivalent:\n  - [xe công nông, máy cày]\nquestion_words: [nhỉ]\n", encoding="utf-8")
    words = lexicon.load(path)
    p = plan("xe công nông nhỉ", words)
    assert [a.syllables for a in p.clauses[0].alternatives] == [("xe", "cong", "nong"), ("may", "cay")]
    assert len(p.clauses) == 1


def test_packaged_word_list_loads():
    words = lexicon.load()
    assert words.match(["cccd"], 0) is not None
