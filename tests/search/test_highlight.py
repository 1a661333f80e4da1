"""Snippets: marks on the text as written, phrases only where they occur, HTML escaped."""
from __future__ import annotations

from search.highlight import highlight


def test_marks_folded_matches_on_the_original_text():
    assert highlight("Thủ tục đăng ký kết hôn", [("dang", "ki"), ("ket", "hon")], whole=True) == [
        "Thủ tục <mark>đăng ký kết hôn</mark>"]


def test_phrases_are_marked_only_where_they_occur():
    text = "Giấy tờ chứng minh nhân thân; giấy chứng nhận kết hôn"
    (snippet,) = highlight(text, [("giay", "chung", "nhan", "ket", "hon")], whole=True)
    assert snippet == "Giấy tờ chứng minh nhân thân; <mark>giấy chứng nhận kết hôn</mark>"


def test_everything_else_is_escaped():
    (snippet,) = highlight('<script>alert("x")</script> kết hôn & <b>', [("ket", "hon")], whole=True)
    assert snippet == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>kết hôn</mark> &amp; &lt;b&gt;"


def test_long_text_gives_short_fragments_around_matches():
    text = ("Lorem ipsum " * 50) + "nộp tờ khai đăng ký kết hôn tại xã" + (" dolor sit" * 50)
    fragments = highlight(text, [("ket", "hon")])
    assert len(fragments) == 1 and fragments[0].startswith("…") and fragments[0].endswith("…")
    assert "<mark>kết hôn</mark>" in fragments[0] and len(fragments[0]) < 260


def test_no_match_no_snippet():
    assert highlight("Thủ tục đăng ký khai sinh", [("ket", "hon")]) == []
    assert highlight("", [("ket",)]) == []
