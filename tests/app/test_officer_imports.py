"""Uploads and reports of the officer: annex .xlsx (checked as a hostile zip first), portal data as a
background job, statistics with SVG charts, and downloads of the catalogue."""
from __future__ import annotations

import copy
import gzip
import io
import json
import time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.jobs import runner
from catalogue import decisions as decision_service
from catalogue.models import Decision, Procedure

from ..catalogue.test_dvcqg_parse import RECORD
from ..review import hostile_docs
from .staff_support import add_user, csrf_token, logged_in, make_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("officer-imports"))
    add_user(application, "an@example.vn", "officer")
    yield application
    application.extensions["tthc"].close()


@pytest.fixture(scope="module")
def an(app):
    return logged_in(app, "an@example.vn")


def _decisions(app) -> int:
    with app.extensions["tthc"].db.read() as session:
        return session.scalar(select(func.count(Decision.id)))


def _annex(rows, title="DANH MỤC THỦ TỤC HÀNH CHÍNH (Kèm theo Quyết định số 31/QĐ-UBND ngày 05 tháng 3 năm 2027)") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([title])
    sheet.append(["STT", "Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Loại thay đổi", "Ghi chú"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload_annex(client, data: bytes, filename: str = "phu-luc.xlsx", **fields):
    form = {"csrf_token": csrf_token(client, "/quan-tri/quyet-dinh/nhap-phu-luc"), "effective_date": "2027-06-01",
            "file": (io.BytesIO(data), filename), **fields}
    return client.post("/quan-tri/quyet-dinh/nhap-phu-luc", data=form, content_type="multipart/form-data")


def _uploads_left(app) -> list[Path]:
    folder = Path(app.config["TTHC_INSTANCE"]) / "uploads"
    return list(folder.iterdir()) if folder.exists() else []


def test_annex_upload_creates_a_draft(app, an):
    data = _annex([(1, None, "Thủ tục nhập từ phụ lục", "Hộ tịch", "Cấp xã", "Mới ban hành"),
                   (2, "9.000002", "Đăng ký kết hôn", "Hộ tịch", "Cấp xã", "Sửa đổi, bổ sung")])
    response = _upload_annex(an, data, "Phụ lục QĐ 31.xlsx")
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.extensions["tthc"].db.read() as session:
        decision = decision_service.get_decision(session, "31/QĐ-UBND")
        assert decision.status == "draft" and decision.created_by == "an@example.vn"
        assert decision.source == "Phụ lục QĐ 31.xlsx"
        assert [(i.kind, i.code) for i in decision.items] == [("new", None), ("amended", "9.000002")]
    assert _uploads_left(app) == []


def test_annex_rows_that_cannot_apply_are_listed_and_nothing_is_written(app, an):
    before = _decisions(app)
    data = _annex([(1, "9.999990", "Thủ tục không có", "Hộ tịch", "Cấp xã", "Bãi bỏ"),
                   (2, "9.000001", "Đăng ký khai sinh", "Hộ tịch", "Cấp xã", "Thay đổi gì đó")],
                  title="Kèm theo Quyết định số 32/QĐ-UBND")
    response = _upload_annex(an, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Không tìm thấy thủ tục mã 9.999990" in page and "Loại thay đổi “Thay đổi gì đó” không hợp lệ" in page
    assert _decisions(app) == before and _uploads_left(app) == []


@pytest.mark.parametrize("payload, message", [
    (hostile_docs.deflate_bomb, "bom giải nén"),
    (hostile_docs.too_many_entries, "quá nhiều thành phần"),
    (hostile_docs.overlapping_entries, "chồng lấn"),
    (hostile_docs.encrypted_docx, "gỡ mật khẩu"),
    (hostile_docs.legacy_doc, "không phải bảng tính .xlsx hợp lệ"),
    (lambda: b"%PDF-1.7 not a workbook", "Tệp là PDF"),
])
def test_hostile_or_wrong_files_are_refused_before_parsing(app, an, payload, message):
    before = _decisions(app)
    response = _upload_annex(an, payload(), "phu-luc.xlsx", number="33/QĐ-UBND")
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert _decisions(app) == before and _uploads_left(app) == []


def test_only_annex_files_are_accepted(app, an):
    response = _upload_annex(an, b"abc", "phu-luc.docx")
    assert response.status_code == 400 and "Chỉ nhận phụ lục dạng .xlsx" in response.get_data(as_text=True)


# -- the national portal's data ----------------------------------------------------------------------

def _portal_file(records, gz: bool) -> tuple[io.BytesIO, str]:
    text = "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    data = gzip.compress(text.encode("utf-8")) if gz else text.encode("utf-8")
    return io.BytesIO(data), "du-lieu.jsonl.gz" if gz else "du-lieu.jsonl"


def _run_job(app, client, records, gz=True) -> dict:
    upload = _portal_file(records, gz)
    response = client.post("/quan-tri/nhap-du-lieu", content_type="multipart/form-data",
                           data={"csrf_token": csrf_token(client, "/quan-tri/nhap-du-lieu"), "file": upload,
                                 "effective_date": "2026-12-01"})
    assert response.status_code == 302
    job_url = response.headers["Location"]
    runner(app).join(timeout=120)
    status = client.get(f"{job_url}/tien-do").get_json()
    for _ in range(50):  # the job row is written right after the thread's import ends
        if status["status"] != "running":
            break
        time.sleep(0.1)
        status = client.get(f"{job_url}/tien-do").get_json()
    return {"url": job_url, **status}


def test_portal_import_runs_as_a_job(app, an):
    first, second = copy.deepcopy(RECORD), copy.deepcopy(RECORD)
    first["ma_thu_tuc"], second["ma_thu_tuc"] = "1.900001", "1.900002"
    second["ten_thu_tuc"] = "Thủ tục thứ hai của Cổng"
    job = _run_job(app, an, [first, second])
    assert job["status"] == "done" and job["report"]["created"] == 2, job
    with app.extensions["tthc"].db.read() as session:
        assert session.scalar(select(func.count(Procedure.id)).where(Procedure.code.in_(["1.900001", "1.900002"]))) == 2
    page = an.get(job["url"]).get_data(as_text=True)
    assert "Hoàn thành" in page and "tạo mới 2" in page
    assert "#" in an.get("/quan-tri/nhap-du-lieu").get_data(as_text=True)
    assert _uploads_left(app) == []


def test_portal_import_with_a_bad_line_writes_nothing(app, an):
    record = copy.deepcopy(RECORD)
    record["ma_thu_tuc"] = "1.900003"
    job = _run_job(app, an, [record, "{không phải json"], gz=False)
    assert job["status"] == "failed" and job["report"]["errors"][0]["row"] == 2
    with app.extensions["tthc"].db.read() as session:
        assert session.scalar(select(Procedure.id).where(Procedure.code == "1.900003")) is None
    assert "Thất bại" in an.get(job["url"]).get_data(as_text=True)


def test_portal_import_refuses_other_files(app, an):
    response = an.post("/quan-tri/nhap-du-lieu", content_type="multipart/form-data",
                       data={"csrf_token": csrf_token(an, "/quan-tri/nhap-du-lieu"),
                             "file": (io.BytesIO(b"x"), "du-lieu.csv")})
    assert response.status_code == 400 and "JSON Lines" in response.get_data(as_text=True)


# -- statistics and downloads -------------------------------------------------------------------------

def test_statistics_page_draws_accessible_svg_charts(an):
    page = an.get("/quan-tri/thong-ke").get_data(as_text=True)
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3 and page.count('role="img"') == 3
    assert "<title id=\"bieu-do-thang-t\">" in page and "<pattern" in page
    assert "Đơn giản hóa đã cắt giảm" in page and "Số liệu theo tháng hiệu lực" in page
    assert "Mới ban hành" in page and "Hộ tịch" in page
    window = an.get("/quan-tri/thong-ke?from=2026-04-01&to=2026-04-30").get_data(as_text=True)
    assert "04/2026" in window and "07/2025" not in window
    assert an.get("/quan-tri/thong-ke?from=hôm-qua").status_code == 400


def test_catalogue_downloads(an):
    xlsx = an.get("/quan-tri/xuat-du-lieu/danh-muc?format=xlsx&as_of=2026-05-01")
    assert xlsx.status_code == 200 and "danh-muc-tthc-2026-05-01.xlsx" in xlsx.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.data), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert "01/05/2026" in rows[0][0] and rows[1][0] == "Mã TTHC" and len(rows) > 10
    data = an.get("/quan-tri/xuat-du-lieu/danh-muc?format=json").get_json()
    assert data["count"] == len(data["procedures"]) > 10
    assert an.get("/quan-tri/xuat-du-lieu/danh-muc?format=pdf").status_code == 400
