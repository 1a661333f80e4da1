"""Text cleaning, money and duration helpers of the importers, on small literal strings."""
from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from catalogue.importers import money
from catalogue.importers.durations import durations_in, unit_of, unit_stated_for
from catalogue.importers.text_clean import (
    block_or_none, clean_block, clean_inline, inline_or_none, is_placeholder, says_none, split_names,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_clean_inline_composes_and_removes_invisible_marks():
    raw = nfd("Đăng\u00a0ký\u200b  thường\u2003trú\u200e\n") + "\ufeff"
    cleaned = clean_inline(raw)
    assert cleaned == "Đăng ký thường trú"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_block_keeps_lines_and_one_blank_line():
    raw = "Bước 1:\u00a0Nộp hồ sơ \r\n\r\n\r\n\tBước 2: Nhận kết quả"
    assert clean_block(raw) == "Bước 1: Nộp hồ sơ\n\nBước 2: Nhận kết quả"


@pytest.mark.parametrize("value", ["", None, "Không có thông tin", " không có thông tin. ", "--",
                                   nfd("Đang cập nhật")])
def test_placeholders_are_empty(value):
    assert is_placeholder(value)
    assert inline_or_none(value) is None
    assert block_or_none(value) is None


def test_real_values_are_not_placeholders():
    assert not is_placeholder("Không")  # "no fee" or "no condition" is information
    assert inline_or_none(" Bộ Công an ") == "Bộ Công an"


@pytest.mark.parametrize("value", ["Không", "không.", "Không có", "Chưa quy định cụ thể."])
def test_says_none(value):
    assert says_none(value)


def test_split_names_keeps_commas_inside_parentheses_and_lower_case_continuations():
    text = "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam, Cán bộ, công chức, viên chức"
    assert split_names(text) == [
        "Tổ chức (không bao gồm doanh nghiệp, HTX)", "Công dân Việt Nam", "Cán bộ, công chức, viên chức",
    ]
    assert split_names("Cục Hải quan tỉnh, thành phố, Chi cục Hải quan khu vực") == [
        "Cục Hải quan tỉnh, thành phố", "Chi cục Hải quan khu vực",
    ]
    assert split_names("Bộ Công an, Bộ Công an") == ["Bộ Công an"]
    assert split_names("Không có thông tin") == []


def test_amounts_in_reads_vietnamese_and_portal_notations():
    assert money.amounts_in("Phí: 50.000 đồng/lần; lệ phí 2,000,000 VNĐ") == [50000, 2000000]
    assert money.amounts_in("400.000đ/trường hợp, 02 triệu đồng/Giấy chứng nhận") == [400000, 2000000]
    assert money.amounts_in("Cho một loại hình: 8.000.000/lần") == [8000000]
    assert money.amounts_in("15000000/lần Đồng") == [15000000]


def test_amounts_in_ignores_act_numbers_usd_and_thresholds():
    assert money.amounts_in("theo Thông tư số 281/2016/TT-BTC ngày 14/11/2016") == []
    assert money.amounts_in("Thẻ tạm trú: 145 USD/thẻ") == []
    assert money.amounts_in("Dưới 50 tỷ: theo quy định") == []


def test_fee_kind_and_no_fee_statements():
    assert money.fee_kind("Lệ phí cấp giấy chứng nhận: 40.000 đồng") == "charge"
    assert money.fee_kind("Phí thẩm định: 100.000 đồng") == "fee"
    assert money.fee_kind("Phí và lệ phí theo quy định") is None
    assert money.fee_kind("Miễn phí") is None
    for text in ("Không", "Không thu lệ phí.", "(Không có)", "Miễn phí", "Chưa quy định."):
        assert money.states_no_fee(text), text
    assert not money.states_no_fee("Miễn lệ phí cho người thuộc hộ nghèo")


def test_durations_in_prose():
    text = "Trong thời hạn 05 (năm) ngày làm việc, chậm nhất 24 giờ; 0,5 ngày; 3 tháng"
    assert durations_in(text) == [
        (Decimal("5"), "working_day"), (Decimal("24"), "hour"), (Decimal("0.5"), "day"),
        (Decimal("3"), "month"),
    ]


def test_dates_are_not_durations():
    assert durations_in("Thông tư ngày 15 tháng 5 năm 2021 của Bộ Công an") == []


def test_unit_words_and_unit_stated_for_a_number():
    assert unit_of("Ngày làm việc") == "working_day"
    assert unit_of("Giờ") == "hour"
    assert unit_of("Tuần") is None
    assert unit_stated_for(Decimal("1"), "Thời hạn giải quyết: Không quá 01 ngày làm việc.") == "working_day"
    assert unit_stated_for(Decimal("2"), "Không quá 01 ngày làm việc.") is None


def test_a_zero_width_mark_between_a_letter_and_its_accent_does_not_block_composition():
    assert clean_inline("đăng k\u200ey\u0301") == "đăng ký"
