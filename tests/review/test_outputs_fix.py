"""Safe fixes: each kind applied to a real .docx, unsafe ones untouched, the copy still valid."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt, RGBColor, Twips
from lxml import etree

from review import fix_values as values
from review.docx_edit import PPR_ORDER, RPR_ORDER, edit_text
from review.docx_stories import read_document_text, story_paragraphs
from review.fix import apply_safe_fixes, fix_docx
from review.fix_texts import date_edits, number_edits
from review.reader import read_docx
from tests.review.outputs_support import (
    CAN_CU, CO_QUAN, DIA_DANH, DIEU_1, NOI_NHAN, SO_KY_HIEU, TEN_LOAI, TRICH_YEU, build_sample, finding,
    sample_findings,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body(path) -> list[etree._Element]:
    return story_paragraphs(docx.Document(str(path))).body


def run_props(paragraph: etree._Element, name: str) -> list[str | None]:
    """The ``w:val`` (or "on" when present without one) of ``name`` in each run's rPr."""
    found = []
    for run in paragraph.iter(f"{W}r"):
        element = run.find(f"{W}rPr/{W}{name}")
        found.append(None if element is None else element.get(f"{W}val", "on"))
    return found


def assert_schema_order(root: etree._Element) -> None:
    for container, order in ((f"{W}rPr", RPR_ORDER), (f"{W}pPr", PPR_ORDER)):
        for element in root.iter(container):
            names = [etree.QName(c).localname for c in element if etree.QName(c).namespace == W[1:-1]]
            ranks = [order.index(n) for n in names if n in order]
            assert ranks == sorted(ranks), names


@pytest.fixture()
def fixed(tmp_path):
    source = build_sample(tmp_path / "qd.docx")
    target = tmp_path / "qd-da-sua.docx"
    result = fix_docx(source, sample_findings(), target)
    return source, target, result


def test_the_sample_fixes_are_applied(fixed):
    _, target, result = fixed
    applied = {f.rule for f in result.applied}
    assert applied == {"ND30-PAGE-001", "ND30-PAGE-003", "ND30-SKH-002", "ND30-TL-001", "ND30-ND-004", "ND30-ND-005"}
    document = docx.Document(str(target))
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert section.top_margin.twips == 1417  # 25.4 mm → nearest bound 25 mm
    assert section.bottom_margin.twips == 1440  # not named: left alone
    text = read_document_text(target)
    assert text.body[SO_KY_HIEU] == "Số: 05/QĐ-SNV"
    assert text.body[TEN_LOAI] == "QUYẾT ĐỊNH"
    dieu = body(target)[DIEU_1]
    fonts = dieu.find(f"{W}r/{W}rPr/{W}rFonts")
    assert {fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert run_props(dieu, "sz") == ["26"] and run_props(dieu, "szCs") == ["26"]


def test_unsafe_and_fixless_findings_are_left_alone(fixed):
    source, target, result = fixed
    assert {o.finding.rule for o in result.outcomes} == {f.rule for f in sample_findings() if f.fix and f.fix.safe}
    before, after = read_document_text(source), read_document_text(target)
    assert after.header == before.header
    for index in (CAN_CU, TRICH_YEU, NOI_NHAN, DIA_DANH):
        assert after.body[index] == before.body[index]


def test_the_fixed_copy_is_valid(fixed):
    _, target, _ = fixed
    assert read_docx(target.read_bytes()) is not None
    document = docx.Document(str(target))
    assert_schema_order(document.element)
    assert_schema_order(document.styles.element)


def test_the_date_keeps_its_runs(tmp_path):
    source = build_sample(tmp_path / "qd.docx")
    target = tmp_path / "out.docx"
    result = fix_docx(source, [finding("ND30-TG-001", "dia_danh_thoi_gian", "text", paragraph=DIA_DANH,
                                       expected="ngày 05 tháng 3 năm 2024")], target)
    assert result.skipped == []
    paragraph = body(target)[DIA_DANH]
    assert [t.text for t in paragraph.iter(f"{W}t")] == ["Bắc Ninh, ngày ", "05", " tháng 3 năm 2024"]


@pytest.mark.parametrize(("before", "after"), [
    ("Hà Nội, ngày 5 tháng 3 năm 2024", "Hà Nội, ngày 05 tháng 3 năm 2024"),
    ("Hà Nội, ngày 15 tháng 1 năm 2024", "Hà Nội, ngày 15 tháng 01 năm 2024"),
    ("Hà Nội, ngày 9 tháng 2 năm 2024", "Hà Nội, ngày 09 tháng 02 năm 2024"),
    ("Hà Nội, ngày 05 tháng 03 năm 2024", "Hà Nội, ngày 05 tháng 3 năm 2024"),
    ("Hà Nội, ngày 29 tháng 12 năm 2019", "Hà Nội, ngày 29 tháng 12 năm 2019"),
    ("Hà Nội ngày 5 tháng 3 năm 2024", "Hà Nội, ngày 05 tháng 3 năm 2024"),
    ("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"),
    ("ngày 1 tháng 1 năm 2020", "ngày 01 tháng 01 năm 2020"),
])
def test_date_edits(before, after):
    assert apply(before, date_edits(before)) == after


@pytest.mark.parametrize(("before", "after"), [
    ("Số: 5/QĐ-SNV", "Số: 05/QĐ-SNV"),
    ("Số 5 / QĐ - SNV", "Số: 05/QĐ-SNV"),
    ("SỐ: 7/QĐ-UBND", "Số: 07/QĐ-UBND"),
    ("Số : 12/BC-UBND", "Số: 12/BC-UBND"),
    ("Số:12/TTr-SNV", "Số: 12/TTr-SNV"),
    ("Số:      /QĐ-SNV", "Số:      /QĐ-SNV"),
    ("Số      /QyĐ-UBND", "Số:      /QyĐ-UBND"),
    ("Số: 123/UBND-VP", "Số: 123/UBND-VP"),
    ("Số: 12-QĐ-UBND", "Số: 12/QĐ-UBND"),
    ("Số: 12/qđ-ubnd", "Số: 12/QĐ-UBND"),
    ("Số: 3/ttr-snv", "Số: 03/TTr-SNV"),
    ("Số: 4/QyĐ-UBND", "Số: 04/QyĐ-UBND"),
    ("Số:   -QĐ", "Số:   -QĐ"),
])
def test_number_edits(before, after):
    assert apply(before, number_edits(before)) == after


def apply(text: str, edits) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_edit_text_across_runs():
    paragraph = etree.fromstring(
        f'<w:p xmlns:w="{W[1:-1]}"><w:r><w:t>Số 5 </w:t></w:r><w:r><w:t>/ QĐ</w:t></w:r></w:p>')
    assert edit_text(paragraph, [(2, 7, "05/")])
    texts = [t.text for t in paragraph.iter(f"{W}t")]
    assert texts == ["Số05/", "QĐ"]
    assert not edit_text(paragraph, [])


def test_bold_italic_alignment_and_indent(tmp_path):
    source = tmp_path / "in.docx"
    document = docx.Document()
    first = document.add_paragraph()
    first.add_run("Độc lập - ").bold = False
    first.add_run("Tự do - Hạnh phúc")
    second = document.add_paragraph()
    second.add_run("Căn cứ Luật;").italic = False
    document.add_paragraph("Nội dung")
    document.save(str(source))
    target = tmp_path / "out.docx"
    result = fix_docx(source, [
        finding("R1", "tieu_ngu", "bold", paragraph=0, expected="đậm"),
        finding("R2", "noi_dung", "italic", paragraph=1, expected="in thường, nghiêng"),
        finding("R3", "noi_dung", "bold", paragraph=1, expected="không đậm"),
        finding("R4", "tieu_ngu", "alignment", paragraph=0, expected="căn giữa"),
        finding("R5", "noi_dung", "indent", paragraph=2, expected="1 cm hoặc 1,27 cm"),
        finding("R6", "noi_dung", "alignment", paragraph=2, expected="căn đều hai lề"),
        finding("R7", "noi_dung", "underline", paragraph=2, expected="không gạch chân"),
        finding("R8", "tieu_ngu", "underline", paragraph=0, expected="gạch chân"),
    ], target)
    assert result.skipped == []
    paragraphs = body(target)
    assert run_props(paragraphs[0], "b") == ["on", "on"]
    assert run_props(paragraphs[1], "i") == ["on"] and run_props(paragraphs[1], "b") == ["0"]
    assert paragraphs[0].find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
    assert paragraphs[2].find(f"{W}pPr/{W}jc").get(f"{W}val") == "both"
    assert paragraphs[2].find(f"{W}pPr/{W}ind").get(f"{W}firstLine") == "567"
    assert run_props(paragraphs[2], "u") == ["none"] and run_props(paragraphs[0], "u") == ["single", "single"]
    assert paragraphs[0].find(f"{W}pPr/{W}rPr/{W}b") is not None  # the paragraph mark too
    assert_schema_order(docx.Document(str(target)).element)


def test_document_wide_font(tmp_path):
    source = tmp_path / "in.docx"
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    run = document.add_paragraph().add_run("Nội dung")
    run.font.name = "Calibri"
    plain = document.add_paragraph().add_run("Không đặt phông")
    document.sections[0].header.paragraphs[0].add_run("Đầu trang").font.name = "Tahoma"
    document.save(str(source))
    target = tmp_path / "out.docx"
    result = fix_docx(source, [finding("R1", "noi_dung", "font", expected="Phông Times New Roman")], target)
    assert result.skipped == [] and "toàn văn bản" in result.outcomes[0].note
    fixed = docx.Document(str(target))
    styles = fixed.styles.element
    default_fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default_fonts.get(f"{W}hAnsi") == "Times New Roman"
    assert not any(default_fonts.get(f"{W}{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
    assert fixed.styles["Normal"].font.name == "Times New Roman"
    assert fixed.paragraphs[0].runs[0].font.name == "Times New Roman"
    assert fixed.paragraphs[1].runs[0].font.name is None  # inherits the new default
    assert fixed.sections[0].header.paragraphs[0].runs[0].font.name == "Times New Roman"
    assert plain.text == fixed.paragraphs[1].text
    assert_schema_order(styles)


def test_page_orientation_and_negative_margin(tmp_path):
    source = tmp_path / "in.docx"
    document = docx.Document()
    document.add_paragraph("Nội dung")
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = Twips(-800)
    section.left_margin = Mm(40)
    section.right_margin = Mm(10)
    document.save(str(source))
    target = tmp_path / "out.docx"
    result = fix_docx(source, [
        finding("R1", "page", "orientation", expected="Trình bày theo chiều dài (dọc)"),
        finding("R2", "page", "margin", expected="trên và dưới 20 - 25 mm, trái 30 - 35 mm, phải 15 - 20 mm"),
    ], target)
    assert result.skipped == []
    fixed = docx.Document(str(target)).sections[0]
    assert fixed.orientation == WD_ORIENT.PORTRAIT
    assert fixed.page_width < fixed.page_height
    assert fixed.top_margin.twips == -1134  # fixed-position top margin keeps its sign
    assert fixed.left_margin.twips == 1984  # 40 mm → 35 mm
    assert fixed.right_margin.twips == 851  # 10 mm → 15 mm
    assert fixed.bottom_margin.twips == 1417  # 1 inch → 25 mm


def test_a_size_finding_in_the_header(tmp_path):
    source = build_sample(tmp_path / "qd.docx")
    target = tmp_path / "out.docx"
    result = fix_docx(source, [finding("R1", "so_trang", "size", paragraph=0, part="header",
                                       expected="13 - 14", actual="11")], target)
    assert result.skipped == []
    header = docx.Document(str(target)).sections[0].header.paragraphs[0]
    assert header.runs[0].font.size == Pt(13)


@pytest.mark.parametrize(("found", "reason"), [
    (finding("R1", "noi_dung", "font", paragraph=DIEU_1, expected="Arial"), "Times New Roman"),
    (finding("R2", "noi_dung", "size", paragraph=DIEU_1, expected="vừa phải"), "cỡ chữ"),
    (finding("R3", "noi_dung", "size", expected="13–14 pt"), "không có vị trí"),
    (finding("R4", "noi_dung", "size", paragraph=99, expected="13–14 pt"), "không có trong tệp"),
    (finding("R5", "noi_dung", "spacing", paragraph=DIEU_1, expected="6 pt"), "chưa hỗ trợ"),
    (finding("R6", "co_quan_ban_hanh", "case", paragraph=CO_QUAN, expected="in thường"), "cần người sửa"),
    (finding("R14", "ten_loai", "case", paragraph=TEN_LOAI, expected="?"), "không đọc được"),
    (finding("R7", "page", "margin", expected="20–25 mm"), "không xác định được lề"),
    (finding("R8", "page", "paper_size", expected="Letter"), "khổ giấy"),
    (finding("R9", "noi_dung", "text", paragraph=CAN_CU, expected="Căn cứ …", actual="Căn cứ"), "cần người sửa"),
    (finding("R12", "trich_yeu", "text", paragraph=TRICH_YEU, expected="Về việc …"), "không tìm thấy"),
    (finding("R13", "noi_dung", "text", paragraph=CAN_CU, expected="Luật", actual="Nghị định"), "không tìm thấy"),
    (finding("R10", "so_ky_hieu", "text", paragraph=CAN_CU, expected="Số: 05/…"), "không tìm thấy"),
    (finding("R11", "page", "orientation", expected="dọc"), "không có trang nằm ngang"),
])
def test_what_cannot_be_fixed_is_skipped_with_a_reason(tmp_path, found, reason):
    source = build_sample(tmp_path / "qd.docx")
    document = docx.Document(str(source))
    result = apply_safe_fixes(document, [found])
    (outcome,) = result.outcomes
    assert not outcome.applied and reason in outcome.note


def test_margin_taken_from_the_message_when_expected_names_no_side():
    ranges = values.margin_ranges("20–25 mm", "Lề trái 15 mm không đúng quy định")
    assert ranges == {"left": (20.0, 25.0)}


@pytest.mark.parametrize(("text", "bounds"), [
    ("13–14 pt", (13.0, 14.0)), ("cỡ chữ từ 13 đến 14", (13.0, 14.0)), ("13 - 14", (13.0, 14.0)),
    ("13", (13.0, 13.0)), ("12,5 pt", (12.5, 12.5)), ("14-13", (13.0, 14.0)),
])
def test_number_ranges(text, bounds):
    assert values.number_range(text) == bounds


@pytest.mark.parametrize(("text", "word", "wanted"), [
    ("đậm", "đậm", True), ("kiểu chữ đứng, đậm", "đậm", True), ("không đậm", "đậm", False),
    ("kiểu chữ đứng", "nghiêng", False), ("nghiêng", "nghiêng", True), ("", "đậm", None), ("?", "đậm", None),
])
def test_toggles(text, word, wanted):
    assert values.toggle(text, word) is wanted


def test_margin_ranges_of_the_decree_sentence_in_cm():
    assert values.margin_ranges("Lề trên 2–2,5 cm") == {"top": (20.0, 25.0)}


def one_paragraph(tmp_path, text: str, **run_props) -> Path:
    document = docx.Document()
    run = document.add_paragraph().add_run(text)
    for name, value in run_props.items():
        setattr(run.font, name, value)
    path = tmp_path / "in.docx"
    document.save(str(path))
    return path


def test_colour_becomes_automatic(tmp_path):
    source = one_paragraph(tmp_path, "Nội dung")
    document = docx.Document(str(source))
    document.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0, 0)
    result = apply_safe_fixes(document, [finding("R1", "noi_dung", "color", paragraph=0, expected="đen")])
    assert result.skipped == []
    assert run_props(story_paragraphs(document).body[0], "color") == ["auto"]


@pytest.mark.parametrize(("written", "fixed"), [
    ("Độc lập-Tự do-Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("Độc Lập – Tự Do – Hạnh Phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("Doc lap - Tu do - Hanh phuc", "Độc lập - Tự do - Hạnh phúc"),
])
def test_tieu_ngu_is_written_as_the_decree_does(tmp_path, written, fixed):
    document = docx.Document(str(one_paragraph(tmp_path, written, bold=True)))
    result = apply_safe_fixes(document, [finding("ND30-203", "tieu_ngu", "text", paragraph=0,
                                                 expected="Độc lập - Tự do - Hạnh phúc")])
    assert result.skipped == []
    assert document.paragraphs[0].text == fixed and document.paragraphs[0].runs[0].bold


def test_a_different_tieu_ngu_is_left_to_a_person(tmp_path):
    document = docx.Document(str(one_paragraph(tmp_path, "Độc lập - Tự do")))
    result = apply_safe_fixes(document, [finding("ND30-203", "tieu_ngu", "text", paragraph=0,
                                                 expected="Độc lập - Tự do - Hạnh phúc")])
    assert "cần người sửa" in result.skipped[0].note
    assert document.paragraphs[0].text == "Độc lập - Tự do"


def test_page_numbering_arabic_from_one(tmp_path):
    document = docx.Document(str(one_paragraph(tmp_path, "Nội dung")))
    result = apply_safe_fixes(document, [
        finding("ND30-107", "so_trang", "text", expected="1, 2, 3"),
        finding("ND30-107", "so_trang", "text", expected="bắt đầu từ 1"),
    ])
    assert result.skipped == []
    numbering = document.sections[0]._sectPr.find(f"{W}pgNumType")
    assert numbering.get(f"{W}fmt") == "decimal" and numbering.get(f"{W}start") == "1"
    assert_schema_order(document.element)
    names = [etree.QName(c).localname for c in document.sections[0]._sectPr]
    assert names.index("pgNumType") > names.index("pgMar")


def test_decomposed_text_becomes_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Quyết định")
    document = docx.Document(str(one_paragraph(tmp_path, decomposed)))
    result = apply_safe_fixes(document, [finding("ND30-105", "noi_dung", "text", paragraph=0,
                                                 expected="Unicode dựng sẵn (NFC)")])
    assert result.skipped == [] and document.paragraphs[0].text == "Quyết định"


def test_the_word_so_in_capitals(tmp_path):
    document = docx.Document(str(one_paragraph(tmp_path, "SỐ: 12/QĐ-UBND")))
    result = apply_safe_fixes(document, [finding("ND30-224", "so_ky_hieu", "case", paragraph=0, expected="Số")])
    assert result.skipped == [] and document.paragraphs[0].text == "Số: 12/QĐ-UBND"


def test_legacy_fonts_are_never_swapped_for_times_new_roman(tmp_path):
    document = docx.Document(str(one_paragraph(tmp_path, "Quyeát ñònh", name=".VnTime")))
    result = apply_safe_fixes(document, [finding("ND30-105", "noi_dung", "font", paragraph=0,
                                                 expected="Unicode (Times New Roman)")])
    assert "chuyển mã" in result.skipped[0].note
    assert document.paragraphs[0].runs[0].font.name == ".VnTime"


def test_the_gutter_counts_in_the_left_margin(tmp_path):
    document = docx.Document(str(one_paragraph(tmp_path, "Nội dung")))
    section = document.sections[0]
    section.left_margin, section.gutter = Mm(30), Mm(10)
    result = apply_safe_fixes(document, [finding("ND30-103", "page", "margin", expected="lề trái 30–35 mm")])
    assert result.skipped == []
    assert section.left_margin.twips + section.gutter.twips == 1984  # 40 mm → 35 mm in all


@pytest.mark.parametrize(("written", "prop", "actual", "expected", "fixed"), [
    ("K.T. CHỦ TỊCH", "text", "K.T.", "KT.", "KT. CHỦ TỊCH"),
    ("Nơi nhận", "text", "Nơi nhận", "Nơi nhận:", "Nơi nhận:"),
    ("a. Điểm một", "text", "a.", "a)", "a) Điểm một"),
    ("Gửi bộ nội vụ để biết", "case", "bộ nội vụ", "Bộ Nội vụ", "Gửi Bộ Nội vụ để biết"),
    ("căn cứ Luật; căn cứ khác", "case", "căn", "Căn", None),
    ("Hà nội, ngày 05", "case", "Hà nội", "Hà Nội", "Hà Nội, ngày 05"),
])
def test_quoted_replacements(tmp_path, written, prop, actual, expected, fixed):
    document = docx.Document(str(one_paragraph(tmp_path, written)))
    found = finding("R1", "noi_dung", prop, paragraph=0, expected=expected, actual=actual)
    (outcome,) = apply_safe_fixes(document, [found]).outcomes
    if fixed is None:
        assert "có nhiều chỗ" in outcome.note and document.paragraphs[0].text == written
    else:
        assert outcome.applied and document.paragraphs[0].text == fixed


@pytest.mark.parametrize(("component", "written", "fixed"), [
    ("ho_ten", "NGUYỄN VĂN AN", "Nguyễn Văn An"),
    ("phu_luc", "PHỤ LỤC II", "Phụ lục II"),
    ("tieu_ngu", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "Độc lập - Tự do - Hạnh phúc"),
])
def test_lower_case_where_the_right_form_is_certain(tmp_path, component, written, fixed):
    document = docx.Document(str(one_paragraph(tmp_path, written)))
    found = finding("R1", component, "case", paragraph=0, expected="in thường", actual="in hoa toàn bộ")
    (outcome,) = apply_safe_fixes(document, [found]).outcomes
    assert outcome.applied and document.paragraphs[0].text == fixed


def test_capitals_from_formatting_are_switched_off(tmp_path):
    document = docx.Document(str(one_paragraph(tmp_path, "Độc lập - Tự do - Hạnh phúc", all_caps=True)))
    found = finding("R1", "tieu_ngu", "case", paragraph=0, expected="in thường", actual="in hoa toàn bộ")
    (outcome,) = apply_safe_fixes(document, [found]).outcomes
    assert outcome.applied and document.paragraphs[0].runs[0].font.all_caps is False
    assert document.paragraphs[0].text == "Độc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize(("component", "written", "expected", "fixed"), [
    ("trich_yeu", "V/V hướng dẫn lập dự toán", "V/v …", "V/v hướng dẫn lập dự toán"),
    ("trich_yeu", "Về việc hướng dẫn", "V/v …", "V/v hướng dẫn"),
    ("trich_yeu", "hướng dẫn lập dự toán", "V/v …", "V/v hướng dẫn lập dự toán"),
    ("trich_yeu", "V/v ban hành Quy chế", "Về việc …", "Về việc ban hành Quy chế"),
    ("noi_dung", "Chương 2", "Chương I, Chương II, …", "Chương II"),
    ("noi_dung", "Mục III", "Mục 1, Mục 2, …", "Mục 3"),
    ("noi_dung", "Điều 4: Hiệu lực thi hành", "Điều 4. …", "Điều 4. Hiệu lực thi hành"),
    ("phu_luc", "Phụ lục 2", "Phụ lục I, Phụ lục II, …", "Phụ lục II"),
    ("dia_danh_thoi_gian", "Quảng Ninh, 05/3/2024", "Hà Nội, ngày 05 tháng 3 năm 2024",
     "Quảng Ninh, ngày 05 tháng 3 năm 2024"),
])
def test_text_rewrites_by_component_and_example(tmp_path, component, written, expected, fixed):
    document = docx.Document(str(one_paragraph(tmp_path, written)))
    (outcome,) = apply_safe_fixes(document, [finding("R1", component, "text", paragraph=0, expected=expected,
                                                     actual=written[:20])]).outcomes
    assert outcome.applied, outcome.note
    assert document.paragraphs[0].text == fixed


def test_a_symbol_font_keeps_its_glyphs(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Nội dung").font.name = "Arial"
    paragraph.add_run("\uf0fc").font.name = "Wingdings"
    path = tmp_path / "in.docx"
    document.save(str(path))
    document = docx.Document(str(path))
    result = apply_safe_fixes(document, [finding("R1", "noi_dung", "font", paragraph=0, expected="Times New Roman",
                                                 actual="Arial")])
    assert result.skipped == []
    assert [r.font.name for r in document.paragraphs[0].runs] == ["Times New Roman", "Wingdings"]
