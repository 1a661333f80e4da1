"""Word comments: one per finding, anchored on the located paragraph, a valid .docx afterwards."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from review.annotate import annotate_docx, comment_text
from review.reader import read_docx
from tests.review.outputs_support import (
    DIEU_1, SO_KY_HIEU, TEN_LOAI, build_sample, finding, sample_findings,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comments_xml(path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/comments.xml"))


def anchored_text(path) -> dict[str, str]:
    """Comment id → text of the paragraph holding its range start."""
    document = docx.Document(str(path))
    result = {}
    for start in document.element.body.iter(f"{W}commentRangeStart"):
        paragraph = start.getparent()
        while paragraph.tag != f"{W}p":
            paragraph = paragraph.getparent()
        result[start.get(f"{W}id")] = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
    return result


@pytest.fixture()
def annotated(tmp_path):
    source = build_sample(tmp_path / "qd.docx")
    target = tmp_path / "qd-nhan-xet.docx"
    findings = sample_findings()
    count = annotate_docx(source, findings, target)
    return source, target, findings, count


def test_one_comment_per_finding_naming_the_rule(annotated):
    _, target, findings, count = annotated
    assert count == len(findings)
    comments = comments_xml(target).findall(f"{W}comment")
    assert len(comments) == len(findings)
    texts = ["\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p")) for c in comments]
    for found, text in zip(findings, texts):
        assert text.startswith(f"[{found.rule}]")
        assert found.message in text
        assert found.reference in text
    assert all(c.get(f"{W}author") == "Kiểm tra thể thức" for c in comments)


def test_comments_sit_on_the_located_paragraphs(annotated):
    _, target, findings, _ = annotated
    anchors = anchored_text(target)
    comments = comments_xml(target).findall(f"{W}comment")
    by_rule = {}
    for comment, found in zip(comments, findings):
        by_rule[found.rule] = anchors[comment.get(f"{W}id")]
    assert by_rule["ND30-SKH-002"] == "Số: 5/QĐ-SNV"
    assert by_rule["ND30-TL-001"] == "Quyết định"
    assert by_rule["ND30-ND-004"].startswith("Điều 1.")
    first = "UBND TỈNH BẮC NINH"
    assert by_rule["ND30-PAGE-001"] == by_rule["ND30-DAU-001"] == first
    assert by_rule["ND30-ST-001"] == first  # Word cannot hold comments in a header


def test_the_copy_is_valid_for_python_docx_and_the_safe_reader(annotated):
    source, target, findings, _ = annotated
    reopened = docx.Document(str(target))
    assert len(list(reopened.comments)) == len(findings)
    package = read_docx(target.read_bytes())
    assert package is not None
    assert [p.text for p in reopened.paragraphs] == [p.text for p in docx.Document(str(source)).paragraphs]


def test_comment_text_has_every_part_of_the_finding():
    found = finding("ND30-ND-005", "noi_dung", "size", paragraph=DIEU_1, expected="13–14 pt", actual="12 pt")
    text = comment_text(found)
    lines = text.split("\n")
    assert lines[0] == "[ND30-ND-005] Lỗi: Sai size của noi_dung"
    assert "Thành phần: Nội dung văn bản — cỡ chữ" in lines
    assert "Yêu cầu: 13–14 pt" in lines and "Hiện tại: 12 pt" in lines
    assert "Cách sửa: Sửa size theo quy định (có thể tự sửa an toàn)" in lines
    assert lines[-1].startswith("Căn cứ: Nghị định 30/2020/NĐ-CP")


def test_header_findings_say_where_they_belong():
    found = finding("ND30-ST-001", "so_trang", "size", paragraph=0, part="header", text="Trang 2")
    assert "Vị trí: đoạn 1 (đầu trang): “Trang 2”" in comment_text(found)


def test_control_characters_from_the_document_do_not_break_the_xml(tmp_path):
    source = build_sample(tmp_path / "qd.docx")
    found = finding("ND30-X-001", "other", "text", paragraph=TEN_LOAI, message="Ký tự lạ \x0b\x01 ở đây")
    target = tmp_path / "out.docx"
    annotate_docx(source, [found], target)
    assert "Ký tự lạ" in "".join(t.text or "" for t in comments_xml(target).iter(f"{W}t"))


def test_an_empty_paragraph_and_a_stream_source(tmp_path):
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("Nội dung")
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    count = annotate_docx(buffer, [finding("ND30-X-002", "other", "presence", paragraph=0)], out)
    assert count == 1
    out.seek(0)
    reopened = docx.Document(out)
    assert len(list(reopened.comments)) == 1
    assert [p.text for p in reopened.paragraphs] == ["", "Nội dung"]


def test_a_document_with_no_paragraph_gets_one_for_page_findings(tmp_path):
    source = tmp_path / "empty.docx"
    docx.Document().save(str(source))
    target = tmp_path / "empty-nhan-xet.docx"
    assert annotate_docx(source, sample_findings()[:2], target) == 2
    assert len(list(docx.Document(str(target)).comments)) == 2


def test_several_findings_on_one_paragraph(tmp_path):
    source = build_sample(tmp_path / "qd.docx")
    target = tmp_path / "out.docx"
    findings = [finding(f"ND30-SKH-00{i}", "so_ky_hieu", "text", paragraph=SO_KY_HIEU) for i in range(3)]
    annotate_docx(source, findings, target)
    assert set(anchored_text(target).values()) == {"Số: 5/QĐ-SNV"}
    assert len(anchored_text(target)) == 3
