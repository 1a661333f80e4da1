"""Importing a decision's annex (.xlsx, JSON) into a draft, and exporting it back."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from catalogue import decisions as dec
from catalogue import procedures
from catalogue.errors import CatalogueError
from catalogue.exports import export_decision_xlsx
from catalogue.importers.annex import DecisionMeta, find_header, import_annex, match_kind
from catalogue.importers.report import ImportFailed
from catalogue.models import AuditEntry, Decision, DecisionItem

from .conftest import make_content

META = DecisionMeta(number="25/QĐ-UBND", date=dt.date(2026, 3, 10), effective_date=dt.date(2026, 4, 1),
                    signer="Trần Thị B")


@pytest.fixture
def seeded(db):
    with db.unit_of_work("seed") as uow:
        for i in range(5):
            procedures.create_procedure(uow.session, "seed", make_content(f"Thủ tục số {i}"),
                                        code=f"2.00000{i}", effective_from=dt.date(2025, 7, 1))
    return db


def write_xlsx(path, rows, *, title_rows=2, header=None):
    wb = Workbook()
    ws = wb.active
    ws.append(["PHỤ LỤC"])
    ws.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH (Kèm theo Quyết định số 25/QĐ-UBND ngày 10 tháng 3 năm 2026)"][:title_rows])
    ws.append(header or ["STT", "Mã TTHC", "TÊN THỦ TỤC HÀNH CHÍNH", "Lĩnh vực", "Cấp thực hiện",
                         "Cơ quan thực hiện", "Loại thay đổi", "Thay thế cho", "Ghi chú"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROWS = [
    [1, None, "Đăng ký hoạt động thư viện tư nhân", "Văn hóa", "Cấp xã", "UBND cấp xã", "Mới ban hành", None, None],
    ["I. Lĩnh vực hộ tịch", None, None, None, None, None, None, None, None],
    [2, "2.000000", "Thủ tục số 0", "Hộ tịch", "Cấp tỉnh", "Sở Tư pháp", "sửa đổi, bổ sung", None, None],
    [3, "2.000000", "Thủ tục số 0", "Hộ tịch", "cấp xã", "UBND cấp xã", "Sua doi, bo sung", None, None],
    [4, "2.000001", "Thủ tục số 1", "Hộ tịch", "Cấp tỉnh", None, "BÃI BỎ", None, "Hết hiệu lực"],
    [5, None, "Thủ tục gộp mới", "Hộ tịch", "Cấp tỉnh", None, "Thay thế", "2.000002", None],
]


def test_kinds_and_headers_are_recognised_whatever_the_case_and_accents():
    assert match_kind("Sửa đổi, bổ sung") == match_kind("SUA DOI BO SUNG") == "amended"
    assert match_kind("bãi bỏ") == "abolished" and match_kind("Ban hành mới") == "new"
    index, columns = find_header([("Tiêu đề",), (None,), ("stt", "MÃ SỐ", "tên tthc", "LOẠI THAY ĐỔI")])
    assert index == 2 and columns == {"row": 0, "code": 1, "name": 2, "kind": 3}


def test_xlsx_annex_becomes_a_validated_draft(seeded, tmp_path):
    path = write_xlsx(tmp_path / "phu-luc.xlsx", ROWS)
    with seeded.unit_of_work("officer") as uow:
        report = import_annex(uow.session, "officer", path, META)
    assert report.created == 5 and report.errors == []
    with seeded.read() as s:
        decision = dec.get_decision(s, "25/QĐ-UBND")
        kinds = [(i.row_number, i.kind, i.code, i.level) for i in decision.items]
        assert kinds == [(4, "new", None, "commune"), (6, "amended", "2.000000", "province"),
                         (7, "amended", "2.000000", "commune"), (8, "abolished", "2.000001", "province"),
                         (9, "replaced", "2.000002", "province")]
        assert decision.items[-1].name == "Thủ tục gộp mới"
        assert decision.source_sha256 and decision.signer == "Trần Thị B"


def test_exported_annex_reimports_to_the_same_items(seeded, tmp_path):
    with seeded.unit_of_work("officer") as uow:
        import_annex(uow.session, "officer", write_xlsx(tmp_path / "a.xlsx", ROWS), META)
    with seeded.read() as s:
        original = dec.get_decision(s, "25/QĐ-UBND")
        export_decision_xlsx(s, original, tmp_path / "export.xlsx")
        expected = [(i.kind, i.code, i.name, i.level, i.sector) for i in original.items]
    meta = DecisionMeta(number="26/QĐ-UBND", date=META.date, effective_date=META.effective_date)
    with seeded.unit_of_work("officer") as uow:
        import_annex(uow.session, "officer", tmp_path / "export.xlsx", meta)
    with seeded.read() as s:
        again = dec.get_decision(s, "26/QĐ-UBND")
        assert [(i.kind, i.code, i.name, i.level, i.sector) for i in again.items] == expected


def _counts(db):
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Decision, DecisionItem, AuditEntry))


def test_unknown_code_in_an_amend_row_fails_with_the_row_and_writes_nothing(seeded, tmp_path):
    rows = ROWS + [[6, "9.999999", "Không có", "Hộ tịch", "Cấp tỉnh", None, "Sửa đổi", None, None]]
    before = _counts(seeded)
    with pytest.raises(ImportFailed) as failure:
        with seeded.unit_of_work("officer") as uow:
            import_annex(uow.session, "officer", write_xlsx(tmp_path / "x.xlsx", rows), META)
    assert [(p.row, p.field) for p in failure.value.report.errors] == [(10, "code")]
    assert "Dòng 10" in str(failure.value) and "9.999999" in str(failure.value)
    assert _counts(seeded) == before


def test_missing_columns_are_named(seeded, tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", ROWS, header=["STT", "Mã TTHC", "Tên TTHC", "Lĩnh vực"])
    with pytest.raises(CatalogueError, match="thiếu cột Loại thay đổi"):
        with seeded.unit_of_work("officer") as uow:
            import_annex(uow.session, "officer", path, META)


def test_title_rows_only_is_refused(seeded, tmp_path):
    wb = Workbook()
    wb.active.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    wb.active.append(["(Kèm theo Quyết định số 25/QĐ-UBND)"])
    wb.save(tmp_path / "t.xlsx")
    before = _counts(seeded)
    with pytest.raises(CatalogueError, match="không tìm thấy dòng tiêu đề"):
        with seeded.unit_of_work("officer") as uow:
            import_annex(uow.session, "officer", tmp_path / "t.xlsx", META)
    assert _counts(seeded) == before


def test_not_a_spreadsheet_is_refused_with_the_file_name(seeded, tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(CatalogueError, match="hong.xlsx"):
        with seeded.unit_of_work("officer") as uow:
            import_annex(uow.session, "officer", path, META)


def test_decision_number_comes_from_the_title_when_not_given(seeded, tmp_path):
    path = write_xlsx(tmp_path / "n.xlsx", ROWS[:1])
    with seeded.unit_of_work("officer") as uow:
        report = import_annex(uow.session, "officer", path,
                              DecisionMeta(effective_date=dt.date(2026, 4, 1)))
    with seeded.read() as s:
        decision = s.get(Decision, report.decision_id)
        assert decision.number == "25/QĐ-UBND" and decision.date == dt.date(2026, 3, 10)
