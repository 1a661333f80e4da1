"""HTML report: self-contained, escaped, paragraphs marked without relying on colour."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.review.outputs_support import (
    DIEU_1, SO_KY_HIEU, TEN_LOAI, TEXTS, TRICH_YEU, build_sample, sample_report, unreadable_report,
)
from review.docx_stories import read_document_text
from review.html_report import render_html
from review.report import Report


class _Collector(HTMLParser):
    """Collects tags and ids, and checks that every tag opened is closed (well nested)."""
    VOID = {"meta", "br", "img", "link", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    assert not collector.errors, collector.errors[:3]
    assert collector.stack == []
    return collector


@pytest.fixture()
def sample(tmp_path):
    path = build_sample(tmp_path / "qd.docx")
    return sample_report(path), read_document_text(path)


def test_page_is_self_contained_and_well_formed(sample):
    report, text = sample
    html = render_html([report], {report.file: text})
    page = parse(html)
    assert html.startswith("<!doctype html>") and '<html lang="vi">' in html
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "iframe", "img")
        assert not any(str(v).startswith(("http://", "https://", "//")) for k, v in attrs.items() if k in ("src", "href"))
    assert len(page.ids) == len(set(page.ids))


def test_untrusted_text_is_escaped(sample):
    report, text = sample
    html = render_html([report], {report.file: text})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert TEXTS[TRICH_YEU] not in html
    assert "Về việc ban hành quy chế làm việc &lt;b&gt;&amp;amp;&lt;/b&gt;" in html


def test_summary_counts_and_vietnamese_labels(sample):
    report, text = sample
    html = render_html([report, unreadable_report()], {report.file: text})
    assert "Số tệp đã kiểm tra: <strong>2</strong>" in html
    assert "Không đạt: <strong>1</strong>" in html
    assert "Không đọc được: <strong>1</strong>" in html
    assert "Lỗi: <strong>5</strong>" in html
    assert "Cảnh báo: <strong>2</strong>" in html
    assert "Cần kiểm tra: <strong>1</strong>" in html
    assert "Tệp không phải .docx hợp lệ" in html


def test_findings_are_grouped_by_component_in_the_decree_order(sample):
    report, text = sample
    html = render_html([report], {report.file: text})
    headings = re.findall(r"<h4>([^<(]+) \(\d+\)</h4>", html)
    assert headings == [
        "Trang văn bản", "Số, ký hiệu văn bản", "Tên loại văn bản", "Nội dung văn bản", "Số trang", "Dấu, chữ ký",
    ]
    assert "Nội dung văn bản (2)" in html


def test_flagged_paragraphs_are_marked_with_words_and_their_findings(sample):
    report, text = sample
    html = render_html([report], {report.file: text})
    page = parse(html)
    flagged = [attrs["id"] for tag, attrs in page.tags if tag == "li" and "flagged" in attrs.get("class", "")]
    assert flagged == [f"tep-1-body-{SO_KY_HIEU}", f"tep-1-body-{TEN_LOAI}", f"tep-1-body-{DIEU_1}", "tep-1-header-0"]
    body = html[html.index(f'id="tep-1-body-{DIEU_1}"'):]
    item = body[:body.index("</aside>")]
    assert "⚑ Có vấn đề:" in item
    assert "ND30-ND-004" in item and "ND30-ND-005" in item
    assert f'aria-label="Vấn đề ở đoạn {DIEU_1 + 1}"' in item
    assert f'<a href="#tep-1-body-{DIEU_1}">đoạn {DIEU_1 + 1}</a>' in html
    unflagged = html[html.index('id="tep-1-body-0"'):]
    assert "Có vấn đề" not in unflagged[:unflagged.index("</li>")]


def test_page_level_findings_are_listed_above_the_paragraphs(sample):
    report, text = sample
    html = render_html([report], {report.file: text})
    assert "3 vấn đề chung của văn bản" in html


def test_without_paragraph_texts_every_finding_is_still_listed(tmp_path):
    report = sample_report(tmp_path / "missing.docx")
    html = render_html([report])
    parse(html)
    assert "Không hiển thị được nội dung văn bản" in html
    for f in report.findings:
        assert f.rule in html
    assert 'href="#tep-1-body' not in html


def test_out_of_range_location_falls_back_to_the_general_list(sample):
    report, text = sample
    short = type(text)(body=text.body[:3])
    html = render_html([report], {report.file: short})
    assert "vấn đề chung của văn bản" in html
    assert f'id="tep-1-body-{DIEU_1}"' not in html


def test_several_files_make_one_page_with_a_table_of_contents(tmp_path):
    first = build_sample(tmp_path / "a.docx")
    second = build_sample(tmp_path / "b.docx")
    clean = Report(file=str(second), profile="nd30", document_type="Quyết định")
    html = render_html([sample_report(first), clean], {
        str(first): read_document_text(first), str(second): read_document_text(second),
    })
    page = parse(html)
    assert html.count("<html") == 1
    assert {"tep-1", "tep-2"} <= set(page.ids)
    assert 'href="#tep-2"' in html
    assert "✔ Đạt" in html and "Không phát hiện vấn đề nào." in html


def test_an_empty_batch_renders():
    html = render_html([])
    parse(html)
    assert "Không có tệp nào được kiểm tra." in html
