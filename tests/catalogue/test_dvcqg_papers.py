"""The national portal's flattened "Thành phần hồ sơ" tables, on strings shaped like the real ones."""
from __future__ import annotations

import unicodedata

from catalogue.importers.dvcqg_papers import parse_papers, split_form

HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"


def test_rows_with_forms_and_quantities():
    text = ("--" + HEADER + "Tờ khai đề nghị cấp giấy phép theo Mẫu số 01 ban hành kèm theo Nghị định "
            "số 23/2026/NĐ-CP.Mau01.docx1 bản chínhBản sao Giấy chứng nhận đăng ký doanh nghiệp0 bản chính,"
            "1 bản sao- Báo cáo tài chính năm gần nhất;2 bản chính")
    papers, notes, warnings = parse_papers(text)
    assert (notes, warnings) == ([], [])
    assert [(p.name, p.form, p.originals, p.copies, p.quantity_text) for p in papers] == [
        ("Tờ khai đề nghị cấp giấy phép theo Mẫu số 01 ban hành kèm theo Nghị định số 23/2026/NĐ-CP",
         "Mau01.docx", 1, None, "1 bản chính"),
        ("Bản sao Giấy chứng nhận đăng ký doanh nghiệp", None, 0, 1, "0 bản chính, 1 bản sao"),
        ("Báo cáo tài chính năm gần nhất", None, 2, None, "2 bản chính"),
    ]
    assert {(p.group, p.case) for p in papers} == {("submit", None)}


def test_groups_case_titles_and_notes():
    text = ("* Giấy tờ phải nộp:" + HEADER + "Tờ khai đăng ký khai sinhTK01.docx1 bản chính"
            "* Giấy tờ phải xuất trình:" + HEADER + "- Hộ chiếu hoặc thẻ căn cước1 bản chính"
            "Trường hợp ủy quyền thực hiện thủ tục:" + HEADER + "Văn bản ủy quyền1 bản chính,1 bản sao"
            "* Lưu ý:" + HEADER + "- Giấy tờ do nước ngoài cấp phải được hợp pháp hóa lãnh sự.0 bản chính")
    papers, notes, _ = parse_papers(text)
    assert [(p.name, p.group, p.case) for p in papers] == [
        ("Tờ khai đăng ký khai sinh", "submit", None),
        ("Hộ chiếu hoặc thẻ căn cước", "present", None),
        ("Văn bản ủy quyền", "submit", "Trường hợp ủy quyền thực hiện thủ tục"),
    ]
    assert papers[0].form == "TK01.docx"
    assert notes == ["Giấy tờ do nước ngoài cấp phải được hợp pháp hóa lãnh sự"]


def test_zero_quantity_rows_that_explain_go_to_the_notes():
    text = ("--" + HEADER + "Trường hợp các thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư thì không "
            "phải tải lên0 bản chính- Giấy tờ phải nộp:0 bản chính- Chứng cứ chứng minh quan hệ cha, con gồm:"
            "0 bản chínhGiấy khai sinh1 bản chính")
    papers, notes, _ = parse_papers(text)
    assert [p.name for p in papers] == ["Giấy khai sinh"]
    assert notes == [
        "Trường hợp các thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư thì không phải tải lên",
        "Chứng cứ chứng minh quan hệ cha, con gồm:",
    ]


def test_numbers_glued_to_the_quantity_cell():
    text = ("--" + HEADER + "Văn bản đề nghị theo Phụ lục I ban hành ngày 01/01/20261 bản chính"
            "Bản kê khai theo mẫu: 01 bản chính.1 bản chính")
    papers, _, _ = parse_papers(text)
    assert [(p.name, p.originals) for p in papers] == [
        ("Văn bản đề nghị theo Phụ lục I ban hành ngày 01/01/2026", 1),
        ("Bản kê khai theo mẫu: 01 bản chính", 1),
    ]


def test_shuffled_labelled_rows_are_put_back_in_order():
    text = ("--" + HEADER + "(2) Giấy chứng nhận đã cấp.0 bản chính,1 bản sao(3) Mảnh trích đo bản đồ địa chính"
            "0 bản chính,1 bản sao(1) Đơn đăng ký biến động đất đai1 bản chính")
    papers, _, _ = parse_papers(text)
    assert [p.name[:3] for p in papers] == ["(1)", "(2)", "(3)"]


def test_decomposed_unicode_nbsp_and_tabs():
    text = unicodedata.normalize("NFD", "--" + HEADER + "Đơn\u00a0đề nghị1 bản chính\tGiấy phép cũ1 bản chính")
    papers, _, _ = parse_papers(text)
    assert [p.name for p in papers] == ["Đơn đề nghị", "Giấy phép cũ"]


def test_text_without_a_table_is_reported():
    papers, notes, warnings = parse_papers("); nộp hồ sơ cho cơ quan BHXH.\nBước 2. Cơ quan BHXH tiếp nhận")
    assert (papers, notes) == ([], [])
    assert warnings and warnings[0].startswith("Thành phần hồ sơ:")
    assert parse_papers("--") == ([], [], [])
    assert parse_papers(None) == ([], [], [])


def test_split_form_finds_where_the_file_name_starts():
    assert split_form("Đơn đề nghị cấp lại Giấy chứng nhậnMẫu đơn xin cấp lại.docx") == (
        "Đơn đề nghị cấp lại Giấy chứng nhận", "Mẫu đơn xin cấp lại.docx")
    assert split_form("Bản khai cá nhân (Mẫu số 03).Mẫu 03.TT41.doc") == (
        "Bản khai cá nhân (Mẫu số 03).", "Mẫu 03.TT41.doc")
    assert split_form("Văn bản đề nghị khai thác khoáng sảnMau 07 - Phu luc II_36.2025.TT-BNNMT_02.7.2025.doc") == (
        "Văn bản đề nghị khai thác khoáng sản", "Mau 07 - Phu luc II_36.2025.TT-BNNMT_02.7.2025.doc")
    assert split_form("Danh sách hành khách theo mẫuMauDanhsachhanhkhach.docxMauBankhaichung.docx") == (
        "Danh sách hành khách theo mẫu", "MauDanhsachhanhkhach.docx; MauBankhaichung.docx")
    assert split_form("Theo Nghị định số 183/2025/NĐ-CPMus05.docx") == (
        "Theo Nghị định số 183/2025/NĐ-CP", "Mus05.docx")
    assert split_form("Giấy phép xây dựng") == ("Giấy phép xây dựng", None)
