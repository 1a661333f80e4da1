"""Importing portal JSON Lines: all or nothing, with the failing line named."""
from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from sqlalchemy import func, select

from catalogue import queries
from catalogue.errors import CatalogueError
from catalogue.importers.dvcqg import import_dvcqg
from catalogue.importers.report import ImportFailed
from catalogue.models import AuditEntry, Procedure, SearchOutbox

DAY = dt.date(2026, 1, 1)


def record(code: str, name: str, **extra) -> dict:
    base = {
        "ma_thu_tuc": code, "ten_thu_tuc": name, "cap_thuc_hien": "Cấp tỉnh", "linh_vuc": "Hộ tịch",
        "doi_tuong_thuc_hien": "Công dân Việt Nam", "co_quan_thuc_hien": "Sở Tư pháp",
        "trinh_tu_thuc_hien": "Bước 1: Nộp hồ sơ\nBước 2: Nhận kết quả",
        "cach_thuc_thuc_hien": "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việc50,000 Việt Nam Đồng(Lệ phí)Nộp tại bộ phận một cửa",
        "thanh_phan_ho_so": "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính",
        "can_cu_phap_ly": "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13",
        "ket_qua_xu_ly": "Giấy chứng nhậnMã: KQ.G01.000001",
    }
    base.update(extra)
    return base


def write_jsonl(path, lines, *, gz=False):
    text = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def counts(db):
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Procedure, AuditEntry, SearchOutbox))


def test_import_creates_structured_procedures_and_records_the_source(db, tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl.gz", [record("1.000001", "Thủ tục A"), record("1.000002", "Thủ tục B")], gz=True)
    with db.unit_of_work("officer") as uow:
        report = import_dvcqg(uow.session, "officer", path, effective_from=DAY)
    assert (report.read, report.created, report.errors) == (2, 2, [])
    assert counts(db) == (2, 2, 2)
    with db.read() as s:
        edition = queries.edition_as_of(s, queries.find_procedure(s, "1.000001").id, DAY)
        assert edition.source.startswith("Cổng Dịch vụ công quốc gia")
        assert edition.channels[0].time_value == 5 and edition.channels[0].time_unit == "working_day"
        assert edition.channels[0].fees[0].amount == 50_000
        assert [p.name for p in edition.papers] == ["Tờ khai"]
        assert edition.legal_acts[0].number == "60/2014/QH13"


def test_a_malformed_line_fails_the_import_with_its_number_and_writes_nothing(db, tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [record("1.000001", "A"), '{"ma_thu_tuc": "1.000002", "ten', record("1.000003", "C")])
    with pytest.raises(ImportFailed) as failure:
        with db.unit_of_work("officer") as uow:
            import_dvcqg(uow.session, "officer", path, effective_from=DAY)
    assert [p.row for p in failure.value.report.errors] == [2]
    assert "Dòng 2" in str(failure.value) and "JSON không hợp lệ" in str(failure.value)
    assert counts(db) == (0, 0, 0)


def test_missing_code_or_name_and_non_objects_are_named(db, tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [record("", "A"), record("1.000002", ""), "[1, 2]"])
    with pytest.raises(ImportFailed) as failure:
        with db.unit_of_work("officer") as uow:
            import_dvcqg(uow.session, "officer", path, effective_from=DAY)
    assert [(p.row, p.field) for p in failure.value.report.errors] == [(1, "ma_thu_tuc"), (2, "ten_thu_tuc"), (3, None)]


def test_broken_gzip_is_refused_with_the_file_name(db, tmp_path):
    path = tmp_path / "hong.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"a": 1}\n' * 100)[:40])
    with pytest.raises(CatalogueError, match="hong.jsonl.gz"):
        with db.unit_of_work("officer") as uow:
            import_dvcqg(uow.session, "officer", path, effective_from=DAY)
    assert counts(db) == (0, 0, 0)


def test_reimport_amends_changed_procedures_and_skips_the_rest(db, tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", [record("1.000001", "A"), record("1.000002", "B")])
    with db.unit_of_work("officer") as uow:
        import_dvcqg(uow.session, "officer", first, effective_from=DAY)
    changed = record("1.000002", "B", thanh_phan_ho_so="--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chínhẢnh 3x41 bản chính")
    second = write_jsonl(tmp_path / "b.jsonl", [record("1.000001", "A"), changed, record("1.000003", "C")])
    later = DAY + dt.timedelta(days=30)
    with db.unit_of_work("officer") as uow:
        report = import_dvcqg(uow.session, "officer", second, effective_from=later)
    assert (report.created, report.updated, report.skipped) == (1, 1, 1)
    with db.read() as s:
        history = queries.history(s, queries.find_procedure(s, "1.000002").id)
        assert [(e.kind, e.effective_from) for e in history] == [("new", DAY), ("amended", later)]
        assert "papers" in history[1].changed_parts


def test_duplicate_codes_in_one_file_keep_the_first(db, tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [record("1.000001", "A"), record("1.000001", "A bis")])
    with db.unit_of_work("officer") as uow:
        report = import_dvcqg(uow.session, "officer", path, effective_from=DAY)
    assert (report.created, report.skipped) == (1, 1)
    assert "đã có ở dòng 1" in report.warnings[-1].message
