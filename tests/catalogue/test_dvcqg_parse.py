"""A whole national-portal record through ``parse_record``, modelled on the real scrape."""
from __future__ import annotations

import gzip
import json
import unicodedata
from decimal import Decimal

from catalogue.content import ProcedureContent
from catalogue.importers.dvcqg_parse import parse_record, read_records

RECORD = {
    "ma_thu_tuc": "1.000178",
    "detail_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-4fc1-768b-9ba3-94be4bca58ee",
    "formality_id": "",
    "ten_thu_tuc": unicodedata.normalize("NFD", "Giải quyết khiếu nại\u00a0về quyết định hành chính"),
    "so_quyet_dinh": "QĐ/0001-BCA",
    "cap_thuc_hien": "Cấp bộ, Cấp tỉnh",
    "loai_thu_tuc": "TTHC được giao luật quy định chi tiết",
    "linh_vuc": "Khiếu nại, tố cáo",
    "doi_tuong_thuc_hien": "Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam",
    "co_quan_co_tham_quyen": "Bộ Công an",
    "dia_chi_tiep_nhan": "Bộ Xây dựng, 80 Trần Hưng Đạo, Phường Cửa Nam, TP. Hà Nội",
    "co_quan_duoc_uy_quyen": "",
    "co_quan_phoi_hop": "Bộ Quốc phòng, Bộ Công an",
    "thu_tuc_lien_quan": "Không có thông tin",
    "trinh_tu_thuc_hien": "Bước 1: Thụ lý giải quyết khiếu nại\n\nNgười khiếu nại gửi đơn.\nBước 2: Xác minh.",
    "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến60 Ngày làm việcKhông có thông tin"
                           "Trực tiếp60 Ngày làm việcMiễn phíThời hạn không quá 30 ngày.",
    "thanh_phan_ho_so": "--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn khiếu nạiMẫu KN01.docx1 bản chính"
                        "Tài liệu, chứng cứ do các bên cung cấp0 bản chính,1 bản sao",
    "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Khiếu nại  năm 201102/2011/QH13",
    "co_quan_thuc_hien": "Thanh tra Bộ",
    "yeu_cau_dieu_kien": "Không",
    "ket_qua_xu_ly": "Quyết định giải quyết khiếu nạiMã: KQ.G01.00262Từ khóaKhông có thông tinMô tả"
                     "Không có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ",
    "_ministry_folder": "bo-cong-an",
}


def test_parse_record_maps_every_field():
    parsed = parse_record(RECORD)
    content = parsed.content
    assert parsed.code == "1.000178"
    assert parsed.warnings == []
    assert content.name == "Giải quyết khiếu nại về quyết định hành chính"
    assert unicodedata.is_normalized("NFC", content.name)
    assert content.levels == ["ministry", "province"]
    assert content.sector == "Khiếu nại, tố cáo"
    assert content.procedure_type == "TTHC được giao luật quy định chi tiết"
    assert content.audience == ["Tổ chức (không bao gồm doanh nghiệp, HTX)", "Công dân Việt Nam"]
    assert content.steps == ["Thụ lý giải quyết khiếu nại\nNgười khiếu nại gửi đơn.", "Xác minh."]
    assert [(c.kind, c.processing_time.value, c.processing_time.unit) for c in content.channels] == [
        ("online", Decimal(60), "working_day"), ("direct", Decimal(60), "working_day")]
    assert [(p.name, p.form, p.originals, p.copies) for p in content.papers] == [
        ("Đơn khiếu nại", "Mẫu KN01.docx", 1, None), ("Tài liệu, chứng cứ do các bên cung cấp", None, 0, 1)]
    assert [(a.number, a.title) for a in content.legal_basis] == [("02/2011/QH13", "Luật Khiếu nại năm 2011")]
    assert [(r.name, r.code) for r in content.results] == [("Quyết định giải quyết khiếu nại", "KQ.G01.00262")]
    assert content.conditions is None  # "Không": no condition
    assert content.online_level is None
    assert content.online_url == RECORD["detail_url"]
    assert content.notes is None


def test_agencies_by_role_with_the_receiving_address():
    agencies = [(a.role, a.name, a.address) for a in parse_record(RECORD).content.agencies]
    assert agencies == [
        ("executing", "Thanh tra Bộ", None),
        ("competent", "Bộ Công an", None),
        ("coordinating", "Bộ Quốc phòng", None),
        ("coordinating", "Bộ Công an", None),
        ("receiving", "Bộ Xây dựng", "80 Trần Hưng Đạo, Phường Cửa Nam, TP. Hà Nội"),
    ]


def test_receiving_place_without_a_named_agency_is_an_address():
    record = dict(RECORD, dia_chi_tiep_nhan="Tại một trong ba trụ sở: 44-46 Trần Phú, Ba Đình, Hà Nội")
    [receiving] = [a for a in parse_record(record).content.agencies if a.role == "receiving"]
    assert receiving.name == "Nơi tiếp nhận hồ sơ"
    assert receiving.address == "Tại một trong ba trụ sở: 44-46 Trần Phú, Ba Đình, Hà Nội"


def test_source_information():
    source = parse_record(RECORD).source
    assert source.origin == "dvcqg"
    assert source.detail_url == RECORD["detail_url"]
    assert (source.so_quyet_dinh, source.ministry_folder, source.formality_id) == (
        "QĐ/0001-BCA", "bo-cong-an", None)


def test_no_online_link_without_an_online_channel_or_the_submit_widget():
    direct_only = dict(RECORD, cach_thuc_thuc_hien="Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 NgàyMiễn phí")
    assert parse_record(direct_only).content.online_url is None
    no_widget = dict(RECORD, ket_qua_xu_ly="Quyết địnhMã: KQ.G01.00262Từ khóaKhông có thông tin")
    assert parse_record(no_widget).content.online_url is None


def test_unknown_level_and_empty_name_are_warned_about():
    parsed = parse_record(dict(RECORD, cap_thuc_hien="Cấp huyện, Cấp xã", ten_thu_tuc=""))
    assert parsed.content.levels == ["commune"]
    assert "Cấp thực hiện: không nhận ra «Cấp huyện»" in parsed.warnings
    assert "Tên thủ tục: trống" in parsed.warnings


def test_missing_and_non_text_fields_do_not_raise():
    parsed = parse_record({"ma_thu_tuc": "2.000001", "ten_thu_tuc": "Thủ tục", "cach_thuc_thuc_hien": None,
                           "thanh_phan_ho_so": 5})
    assert parsed.content.channels == [] and parsed.content.papers == []
    assert parsed.source.detail_url is None


def test_content_round_trips_through_its_json_form():
    content = parse_record(RECORD).content
    assert ProcedureContent.from_dict(json.loads(json.dumps(content.to_dict()))) == content


def test_read_records_reads_gzipped_json_lines(tmp_path):
    path = tmp_path / "records.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(RECORD, ensure_ascii=False) + "\n\n")
    assert [r["ma_thu_tuc"] for r in read_records(path)] == ["1.000178"]


def test_prose_in_an_agency_field_is_reported_not_stored():
    prose = "Cơ quan giải quyết bồi thường là cơ quan trực tiếp quản lý người thi hành công vụ " * 5
    parsed = parse_record(dict(RECORD, co_quan_thuc_hien=prose))
    assert [a.role for a in parsed.content.agencies if a.role == "executing"] == []
    assert parsed.warnings and parsed.warnings[0].startswith("Cơ quan thực hiện: bỏ qua")
