"""A Phú Thọ police page through ``parse_record``, modelled on the real scrape."""
from __future__ import annotations

import json
from decimal import Decimal

from catalogue.importers.phutho_parse import parse_record, read_procedures

PAGE_TAIL = "\n\nNộp hồ sơ trực tuyến\n\nThủ tục hành chính\n\nLĩnh vực đăng ký, quản lý cư trú\n\nCần hỗ trợ?"

RECORD = {
    "site_id": "255-39",
    "title": "Tách hộ",
    "category": "Lĩnh vực đăng ký, quản lý cư trú",
    "level": "Cấp Xã",
    "service_level": "Một phần",
    "agency": "Công an cấp xã",
    "processing_time": "Trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ đầy đủ và hợp lệ.",
    "fee": ("- Trường hợp công dân nộp hồ sơ trực tiếp thu 10.000 đồng/lần đăng ký.\n"
            "- Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 5000 đồng/lần đăng ký."),
    "target_audience": "Cơ quan, tổ chức, cá nhân có liên quan đến tách hộ.",
    "result": ("- Trường hợp hồ sơ hợp lệ, cơ quan đăng ký cư trú cập nhật thông tin (mẫu CT08). "
               "- Trường hợp từ chối thì thông báo bằng văn bản (mẫu CT06)."),
    "legal_basis": "- Luật Cư trú số 68/2020/QH14 ngày 13/11/2020;\n- Nghị định số 154/2024/NĐ-CP ngày 26/11/2024;",
    "method": "",
    "steps": "Bước 1: Chuẩn bị hồ sơ.\nBước 2: Nộp hồ sơ đến Công an cấp xã.",
    "documents": ("- Trường hợp vợ, chồng đã ly hôn mà vẫn ở cùng chỗ ở hợp pháp, hồ sơ gồm:\n"
                  "+ Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA);\n"
                  "+ Giấy tờ chứng minh việc ly hôn, 01 bản sao.\n"
                  "*Lưu ý: Không phải xuất trình giấy tờ chứng minh việc ly hôn nếu đã có trong Cơ sở dữ liệu.\n"
                  "- Số lượng: 01(một) bộ.\n\nBiểu mẫu đính kèm:\n\n1.Tờ khai thay đổi thông tin cư trú (CT01) Tải về"),
    "requirements": "Thành viên hộ gia đình phải có năng lực hành vi dân sự đầy đủ." + PAGE_TAIL,
    "attachments": [{"title": "CT01.docx", "url": "https://congan.phutho.gov.vn/data/data/Pc64/CT01.docx"}],
    "online_submission_url": "https://dichvucong.bocongan.gov.vn/?home=1",
    "source_url": "https://congan.phutho.gov.vn/article/thu-tuc-hanh-chinh/Tach-ho-255-39",
    "content_hash": "05b6adef",
}


def test_channels_carry_the_time_and_the_fee_of_their_own():
    content = parse_record(RECORD).content
    assert [c.kind for c in content.channels] == ["direct", "online"]
    for channel in content.channels:
        assert (channel.processing_time.value, channel.processing_time.unit) == (Decimal(5), "working_day")
    direct, online = content.channels
    assert [f.amount for f in direct.fees] == [10000]
    assert [f.amount for f in online.fees] == [5000]


def test_papers_cases_forms_and_notes():
    content = parse_record(RECORD).content
    case = "Trường hợp vợ, chồng đã ly hôn mà vẫn ở cùng chỗ ở hợp pháp, hồ sơ gồm"
    assert [(p.name[:30], p.case, p.form, p.copies) for p in content.papers] == [
        ("Tờ khai thay đổi thông tin cư ", case, "CT01.docx", None),
        ("Giấy tờ chứng minh việc ly hôn", case, None, 1),
    ]
    assert content.notes == ("Không phải xuất trình giấy tờ chứng minh việc ly hôn nếu đã có trong Cơ sở dữ liệu.\n"
                             "Số lượng: 01(một) bộ.")


def test_simple_fields_online_level_and_source():
    parsed = parse_record(RECORD)
    content = parsed.content
    assert parsed.code is None  # the page gives no national code
    assert (content.name, content.levels, content.sector) == (
        "Tách hộ", ["commune"], "Lĩnh vực đăng ký, quản lý cư trú")
    assert content.audience == ["Cơ quan, tổ chức, cá nhân có liên quan đến tách hộ"]
    assert [(a.name, a.role) for a in content.agencies] == [("Công an cấp xã", "executing")]
    assert content.online_level == "partial"
    assert content.online_url == "https://dichvucong.bocongan.gov.vn/?home=1"
    assert content.conditions == "Thành viên hộ gia đình phải có năng lực hành vi dân sự đầy đủ."
    assert content.steps == ["Chuẩn bị hồ sơ.", "Nộp hồ sơ đến Công an cấp xã."]
    assert [a.number for a in content.legal_basis] == ["68/2020/QH14", "154/2024/NĐ-CP"]
    assert len(content.results) == 2
    assert (parsed.source.origin, parsed.source.site_id, parsed.source.content_hash) == (
        "phutho-police", "255-39", "05b6adef")


def test_without_online_level_there_is_no_online_channel_or_link():
    content = parse_record(dict(RECORD, service_level="", fee="Không.", requirements="Không." + PAGE_TAIL)).content
    assert [c.kind for c in content.channels] == ["direct"]
    assert content.channels[0].fees[0].amount == 0
    assert content.online_url is None and content.online_level is None
    assert content.conditions is None


def test_several_stated_times_take_the_first_with_a_warning():
    parsed = parse_record(dict(RECORD, processing_time="- Ngay sau khi nhận yêu cầu.\n- Trong thời hạn 03 ngày "
                                                        "làm việc đối với đề nghị của cơ quan; 15 ngày nếu phải xác minh."))
    assert parsed.content.channels[0].processing_time.value == Decimal(3)
    assert any(w.startswith("Thời hạn giải quyết:") for w in parsed.warnings)


def test_read_procedures(tmp_path):
    path = tmp_path / "phutho.json"
    path.write_text(json.dumps({"schema_version": 1, "procedures": [RECORD]}, ensure_ascii=False),
                    encoding="utf-8")
    assert [r["title"] for r in read_procedures(path)] == ["Tách hộ"]


def test_agencies_with_roles_and_fee_lines_of_other_channels():
    record = dict(RECORD, agency=("a) Người có thẩm quyền quyết định: Trưởng Công an cấp xã. "
                                  "b) Cơ quan trực tiếp thực hiện: Công an cấp xã."),
                  fee=("- Nộp hồ sơ trực tiếp thu 20.000 đồng/lần.\n"
                       "- Nộp qua dịch vụ bưu chính công ích thu 25.000 đồng/lần.\n"
                       "- Nộp qua cổng dịch vụ công trực tuyến thu 10.000 đồng/lần."))
    content = parse_record(record).content
    assert [(a.role, a.name) for a in content.agencies] == [
        ("competent", "Trưởng Công an cấp xã"), ("executing", "Công an cấp xã")]
    assert [(c.kind, [f.amount for f in c.fees]) for c in content.channels] == [
        ("direct", [20000]), ("online", [10000])]
