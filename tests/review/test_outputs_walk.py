"""The shared paragraph walker: reading order over body, tables, content controls and headers."""
from __future__ import annotations

import docx
import pytest
from lxml import etree

from review.docx_model import build_from_parts
from review.docx_stories import read_document_text, story_paragraphs
from review.docx_walk import body_paragraphs, header_footer_rel_ids, paragraph_text
from review.report import Location
from tests.review.outputs_support import TEXTS, build_sample

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def table(*rows: list[str]) -> str:
    return "<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows
    ) + "</w:tbl>"


def document(body: str) -> etree._Element:
    return etree.fromstring(f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body></w:document>')


COMPLEX = (
    p("A")
    + table([p("B1") + p("B2"), p("C")], [table([p("D")], [p("E")]) + p("F"), p("G")])
    + "<w:sdt><w:sdtPr/><w:sdtContent>" + p("H") + table([p("I")]) + "</w:sdtContent></w:sdt>"
    + "<w:customXml>" + p("J") + "</w:customXml>"
    + '<w:p><w:r><w:t>K</w:t></w:r><w:r><w:drawing><w:txbxContent>'
    + p("not in the story") + "</w:txbxContent></w:drawing></w:r></w:p>"
    + table([p("L") + "<w:sdt><w:sdtContent>" + p("M") + "</w:sdtContent></w:sdt>"])
    + p("N") + "<w:sectPr/>"
)


def test_reading_order_through_tables_controls_and_wrappers():
    texts = [paragraph_text(x) for x in body_paragraphs(document(COMPLEX))]
    assert texts == ["A", "B1", "B2", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N"]


def test_the_walker_and_the_document_model_count_alike():
    root = document(COMPLEX)
    model = build_from_parts(root)
    assert [para.text for para in model.paragraphs] == [paragraph_text(x) for x in body_paragraphs(root)]


def test_paragraph_text_keeps_tabs_and_breaks_and_skips_deleted_text():
    para = etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:tabs><w:tab w:val="left" w:pos="100"/></w:tabs></w:pPr>'
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>"
        "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>")
    assert paragraph_text(para) == "a\tb\nc"


def test_header_order_follows_the_sections_once_each_and_skips_history():
    root = document(
        '<w:p><w:pPr><w:sectPr><w:headerReference r:id="rId9"/><w:footerReference r:id="rId3"/>'
        '<w:sectPrChange><w:sectPr><w:headerReference r:id="rIdOld"/></w:sectPr></w:sectPrChange>'
        "</w:sectPr></w:pPr></w:p>"
        '<w:sectPr><w:headerReference r:id="rId2"/><w:headerReference r:id="rId9"/></w:sectPr>'
    )
    assert header_footer_rel_ids(root, "header") == ["rId9", "rId2"]
    assert header_footer_rel_ids(root, "footer") == ["rId3"]
    with pytest.raises(ValueError):
        header_footer_rel_ids(root, "footnote")


def test_stories_of_the_sample(tmp_path):
    path = build_sample(tmp_path / "qd.docx")
    text = read_document_text(path)
    assert list(text.body) == [t for t in TEXTS]
    assert text.header == ("Trang 2",) and text.footer == ()
    stories = story_paragraphs(docx.Document(str(path)))
    assert paragraph_text(stories.resolve(Location("header", 0))) == "Trang 2"
    assert stories.resolve(Location("body", len(TEXTS))) is None
    assert stories.resolve(Location("footer", 0)) is None


def test_headers_of_several_sections_run_on(tmp_path):
    document_ = docx.Document()
    document_.add_paragraph("Trang một")
    document_.sections[0].header.paragraphs[0].text = "Đầu 1"
    second = document_.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Đầu 2"
    second.header.add_paragraph("Đầu 2b")
    path = tmp_path / "sections.docx"
    document_.save(str(path))
    assert read_document_text(path).header == ("Đầu 1", "Đầu 2", "Đầu 2b")
