"""The national portal's flattened "Cách thức thực hiện" table, on strings shaped like the real ones."""
from __future__ import annotations

import unicodedata
from decimal import Decimal

from catalogue.importers.dvcqg_channels import parse_channels

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"


def test_three_channels_with_time_fee_and_description():
    text = (HEADER + "Trực tuyến5 Ngày làm việc2,000,000 Việt Nam Đồng(Phí kiểm tra: 2.000.000 đồng/01 đơn hàng)"
            "Nộp qua Cổng dịch vụ công.Dịch vụ bưu chính15 NgàyMiễn phíTrực tiếp24 GiờKhông có thông tin")
    channels, warnings = parse_channels(text)
    assert warnings == []
    assert [c.kind for c in channels] == ["online", "postal", "direct"]
    online, postal, direct = channels
    assert (online.processing_time.value, online.processing_time.unit) == (Decimal(5), "working_day")
    assert online.processing_time.text == "5 Ngày làm việc"
    [fee] = online.fees
    assert (fee.kind, fee.amount) == ("fee", 2000000)
    assert fee.text == "2,000,000 Việt Nam Đồng (Phí kiểm tra: 2.000.000 đồng/01 đơn hàng)"
    assert online.description == "Nộp qua Cổng dịch vụ công."
    assert (postal.processing_time.unit, postal.fees[0].amount) == ("day", 0)
    assert direct.processing_time.unit == "hour"
    assert direct.fees == []  # "Không có thông tin": nothing known, not "free"


def test_decomposed_unicode_and_nbsp_are_cleaned_first():
    text = unicodedata.normalize("NFD", HEADER + "Trực tiếp60\u00a0Ngày làm việcLệ phí : 50.000 ĐồngKhông")
    channels, _ = parse_channels(text)
    assert len(channels) == 1
    assert channels[0].processing_time.unit == "working_day"


def test_bare_number_time_keeps_its_value_and_has_no_unit():
    channels, _ = parse_channels(HEADER + "Trực tuyến1Miễn phíTrực tiếp0.5 Ngày làm việcMiễn phí")
    assert channels[0].processing_time.value == Decimal(1)
    assert channels[0].processing_time.unit is None
    assert channels[1].processing_time.value == Decimal("0.5")


def test_unit_of_a_bare_number_taken_from_the_channel_description():
    channels, warnings = parse_channels(
        HEADER + "Trực tuyến1Miễn phíCông dân đăng ký qua VNeID. Thời hạn giải quyết: Không quá 01 ngày làm việc.")
    assert channels[0].processing_time.unit == "working_day"
    assert any("không có đơn vị" in w for w in warnings)


def test_time_glued_to_the_amount_is_split_and_the_thousands_restored_from_the_note():
    channels, warnings = parse_channels(HEADER + "Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)Trực tiếp2 GiờMiễn phí")
    online = channels[0]
    assert online.processing_time.value == Decimal(1)
    assert online.fees[0].amount == 20000
    assert any("viết liền" in w for w in warnings)
    assert any("thiếu hàng nghìn" in w for w in warnings)


def test_a_known_time_of_another_row_decides_the_split():
    channels, _ = parse_channels(HEADER + "Trực tuyến1250 VNĐ(lệ phí: 50.000 đồng)Trực tiếp12 GiờMiễn phí")
    assert channels[0].processing_time.value == Decimal(12)
    assert channels[0].fees[0].amount == 50000


def test_tiny_amount_without_support_is_not_used():
    channels, warnings = parse_channels(HEADER + "Trực tuyến15 Ngày850 VNĐ")
    assert channels[0].fees[0].amount is None
    assert channels[0].fees[0].text == "850 VNĐ"
    assert any("nhỏ bất thường" in w for w in warnings)


def test_free_with_a_note_that_sets_the_fee_elsewhere_has_no_amount():
    channels, _ = parse_channels(
        HEADER + "Trực tuyến5Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)")
    [fee] = channels[0].fees
    assert fee.amount is None
    assert fee.kind == "charge"
    assert fee.text.startswith("Miễn phí (Mức lệ phí")


def test_free_with_a_no_fee_note_is_zero():
    channels, _ = parse_channels(HEADER + "Trực tuyến8 Ngày làm việcMiễn phí(Không)")
    assert channels[0].fees[0].amount == 0


def test_free_with_a_single_amount_in_the_note_takes_it_with_a_warning():
    channels, warnings = parse_channels(HEADER + "Trực tiếp1 Ngày làm việcMiễn phí(50.000 đồng/giấy)")
    assert channels[0].fees[0].amount == 50000
    assert any("Miễn phí" in w for w in warnings)


def test_phi_and_le_phi_items_in_the_note_are_two_fees():
    channels, _ = parse_channels(
        HEADER + "Trực tiếp6 Ngày làm việcMiễn phí(Phí : 800.000 Đồng (thẩm định)  Lệ phí : 100.000 Đồng (cấp giấy))")
    assert [(f.kind, f.amount) for f in channels[0].fees] == [("fee", 800000), ("charge", 100000)]


def test_usd_amount_is_kept_as_text_only():
    channels, _ = parse_channels(HEADER + "Trực tiếp5 Ngày làm việc145 USD(Thẻ tạm trú: 145 USD/thẻ)")
    assert channels[0].fees[0].amount is None
    assert "145 USD" in channels[0].fees[0].text


def test_time_in_words_and_channel_names_inside_descriptions():
    text = (HEADER + "Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phí- Trực tuyến: nộp qua "
            "Cổng dịch vụ công. - Trực tiếp: tại Bộ phận Một cửa.Trực tiếpKhông có thông tinKhông có thông tin")
    channels, _ = parse_channels(text)
    assert [c.kind for c in channels] == ["online", "direct"]
    assert channels[0].processing_time.value is None
    assert channels[0].processing_time.text == "Không phải trả kết quả cho người nộp thuế"
    assert channels[0].description.startswith("- Trực tuyến: nộp qua")
    assert channels[1].processing_time is None


def test_unbalanced_note_ends_at_the_last_closing_parenthesis():
    text = HEADER + "Trực tiếp4 Ngày(đồng/lần (Miễn phí đến 30/6/2026)04 ngày, kể từ ngày nhận hồ sơ."
    text = text.replace("4 Ngày(", "4 Ngày20.000 Đồng(")
    channels, _ = parse_channels(text)
    assert channels[0].fees[0].text == "20.000 Đồng (đồng/lần (Miễn phí đến 30/6/2026)"
    assert channels[0].description == "04 ngày, kể từ ngày nhận hồ sơ."


def test_empty_and_placeholder_cells():
    assert parse_channels(None) == ([], [])
    assert parse_channels(HEADER) == ([], [])
    channels, warnings = parse_channels(HEADER + "nội dung không có bảng")
    assert channels == [] and warnings


def test_labelled_fee_cells_of_the_old_portal():
    channels, _ = parse_channels(
        HEADER + "Trực tiếp15 NgàyLệ phí : 50.000 ĐồngPhí : 100.000 Đồng (thẩm định hồ sơ)Nộp tại Sở Tư pháp.")
    [direct] = channels
    assert [(f.kind, f.amount, f.text) for f in direct.fees] == [
        ("charge", 50000, "Lệ phí : 50.000 Đồng"), ("fee", 100000, "Phí : 100.000 Đồng (thẩm định hồ sơ)"),
    ]
    assert direct.description == "Nộp tại Sở Tư pháp."
