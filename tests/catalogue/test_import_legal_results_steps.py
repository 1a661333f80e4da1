"""Legal basis, results and steps of the importers, on strings shaped like the real ones."""
from __future__ import annotations

from catalogue.importers.dvcqg_results import parse_results
from catalogue.importers.legal_acts import numbers_in, parse_legal_lines, parse_legal_table
from catalogue.importers.steps import split_steps

LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"


def test_legal_table_cut_at_the_number_cells():
    text = (LEGAL_HEADER + "Hướng dẫn xử lý khiếu nại trong công an nhân dân68/2013/TT-BCALuật Khiếu nại  năm "
            "201102/2011/QH13Nghị quyết quy định cắt giảm thủ tục hành chính dựa trên dữ liệu66.7/2025/NQ-CP"
            "Quyết định công bố thủ tục hành chính1523/QĐ-BCA-C06")
    acts, warnings = parse_legal_table(text)
    assert warnings == []
    assert [(a.number, a.title) for a in acts] == [
        ("68/2013/TT-BCA", "Hướng dẫn xử lý khiếu nại trong công an nhân dân"),
        ("02/2011/QH13", "Luật Khiếu nại năm 2011"),
        ("66.7/2025/NQ-CP", "Nghị quyết quy định cắt giảm thủ tục hành chính dựa trên dữ liệu"),
        ("1523/QĐ-BCA-C06", "Quyết định công bố thủ tục hành chính"),
    ]


def test_numbers_quoted_in_titles_and_glued_cells():
    text = (LEGAL_HEADER + "Luật 54/2014/QH1354/2014/QH13Nghị định 05/2012/NĐ-CP05/2012/NĐ-CP"
            "Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an sửa đổi Thông tư số 55/2021/TT-BCA"
            "53/2025/TT-BCALUẬT  HÀNG KHÔNG DÂN DỤNG VIỆT NAM66/2006/QH11")
    acts, _ = parse_legal_table(text)
    assert [a.number for a in acts] == ["54/2014/QH13", "05/2012/NĐ-CP", "53/2025/TT-BCA", "66/2006/QH11"]
    assert acts[2].title.startswith("Thông tư số 53/2025/TT-BCAngày 01/7/2025")
    assert acts[3].title == "LUẬT HÀNG KHÔNG DÂN DỤNG VIỆT NAM"


def test_lower_case_title_after_a_number_and_glued_type_words():
    text = (LEGAL_HEADER + "Nghị định 92/2016/NĐ-CPhướng dẫn kinh doanh vận chuyển hàng không30/2013/NĐ-CP"
            "Luật sửa đổi 15 luật trong lĩnh vực nông nghiệpLuật số 146/2025/QH15")
    acts, _ = parse_legal_table(text)
    assert [(a.number, a.title) for a in acts] == [
        ("92/2016/NĐ-CP", "Nghị định 92/2016/NĐ-CP"),
        ("30/2013/NĐ-CP", "hướng dẫn kinh doanh vận chuyển hàng không"),
        ("146/2025/QH15", "Luật sửa đổi 15 luật trong lĩnh vực nông nghiệp"),
    ]


def test_article_cited_by_a_title_and_a_row_without_number_cell():
    acts, warnings = parse_legal_table(
        LEGAL_HEADER + "Quy định tại khoản 2 Điều 46 Nghị định số 99/2022/NĐ-CP99/2022/NĐ-CPLuật Đất đai")
    assert acts[0].article == "khoản 2 Điều 46"
    assert (acts[1].number, acts[1].title) == (None, "Luật Đất đai")
    assert warnings and "Căn cứ pháp lý" in warnings[0]
    assert parse_legal_table("Không có thông tin") == ([], [])


def test_numbers_in_free_text():
    assert numbers_in("Luật Cư trú số 68/2020/QH14 và Quyết định 5709/QĐ-BCA-C06, NĐ 105/2025/NĐ- CP") == [
        "68/2020/QH14", "5709/QĐ-BCA-C06", "105/2025/NĐ- CP"]


def test_legal_lines_of_a_provincial_page():
    acts = parse_legal_lines("- Luật Cư trú số 68/2020/QH14 ngày 13/11/2020;\n"
                             "- Thông tư số 66/2023/TT-BCA sửa đổi Thông tư số 55/2021/TT-BCA;\n"
                             "- Luật Căn cước.")
    assert [(a.number, a.title) for a in acts] == [
        ("68/2020/QH14", "Luật Cư trú số 68/2020/QH14 ngày 13/11/2020"),
        ("66/2023/TT-BCA", "Thông tư số 66/2023/TT-BCA sửa đổi Thông tư số 55/2021/TT-BCA"),
        (None, "Luật Căn cước"),
    ]


def test_results_with_codes_and_the_page_widget_cut_off():
    text = ("Văn bản chấp thuận mua bán phần vốn gópMã: KQ.G19.000096văn bản từ chốiMã: KQ.G19.000560"
            "Từ khóaKhông có thông tinMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ")
    results, warnings = parse_results(text)
    assert warnings == []
    assert [(r.name, r.code) for r in results] == [
        ("Văn bản chấp thuận mua bán phần vốn góp", "KQ.G19.000096"),
        ("Văn bản từ chối", "KQ.G19.000560"),
    ]


def test_results_with_a_junk_code_keep_the_name():
    results, warnings = parse_results("Bản sao giao dịch được chứng thựcMã: dsfasTừ khóaKhông có thông tin")
    assert [(r.name, r.code) for r in results] == [("Bản sao giao dịch được chứng thực", None)]
    assert warnings
    assert parse_results("Không có thông tin") == ([], [])


def test_steps_split_at_bước_with_labels_dropped():
    text = "Bước 1: Nộp hồ sơ\n\nTổ chức nộp hồ sơ tại Sở.\nBước 2. Sở kiểm tra hồ sơ.\n- Bước 3: Trả kết quả."
    assert split_steps(text) == ["Nộp hồ sơ\nTổ chức nộp hồ sơ tại Sở.", "Sở kiểm tra hồ sơ.", "Trả kết quả."]


def test_steps_restarting_for_another_case_keep_their_labels():
    text = "* Trường hợp trực tiếp:\nBước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.\n* Trường hợp trực tuyến:\nBước 1: Đăng nhập."
    assert split_steps(text) == [
        "* Trường hợp trực tiếp:", "Bước 1: Nộp hồ sơ.", "Bước 2: Nhận kết quả.\n* Trường hợp trực tuyến:",
        "Bước 1: Đăng nhập.",
    ]


def test_steps_without_bước_follow_labels_bullets_or_paragraphs():
    assert split_steps("a) Nộp hồ sơ TTHC:\n- Người nhập khẩu nộp hồ sơ.\nb) Giải quyết TTHC:\n- Cục kiểm tra.") == [
        "a) Nộp hồ sơ TTHC:\n- Người nhập khẩu nộp hồ sơ.", "b) Giải quyết TTHC:\n- Cục kiểm tra."]
    assert split_steps("- Nếu nộp trực tiếp, người yêu cầu nộp tại Trung tâm.\n- Nếu nộp trực tuyến, truy cập Cổng.\n"
                       "Người yêu cầu cung cấp thông tin theo mẫu.") == [
        "Nếu nộp trực tiếp, người yêu cầu nộp tại Trung tâm.",
        "Nếu nộp trực tuyến, truy cập Cổng.\nNgười yêu cầu cung cấp thông tin theo mẫu."]
    assert split_steps("Cục Đăng kiểm \nViệt Nam tiếp nhận hồ sơ trong \nngày làm việc.") == [
        "Cục Đăng kiểm Việt Nam tiếp nhận hồ sơ trong ngày làm việc."]
    assert split_steps("Không có thông tin") == []
