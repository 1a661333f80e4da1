"""Uploads: a decision's annex (.xlsx or .json) into a draft, and the national portal's data (.jsonl[.gz]).

An .xlsx is a zip written by someone else: before openpyxl opens it, the reviewer's hostile-zip
check (``review.reader.check_office_package``: entry count, declared and real sizes, ratio, names,
overlaps, encryption, macros) refuses anything that could hurt the server. Uploads are written to
a private folder of the instance and removed when they have been read.
"""
from __future__ import annotations

import shutil
import unicodedata
import uuid
from pathlib import Path

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage

from catalogue import jobs
from catalogue.errors import CatalogueError
from catalogue.importers.annex import DecisionMeta, import_annex
from catalogue.importers.report import ImportFailed
from review.reader import DocumentReadError, Limits, check_office_package

from ...auth import access
from ...jobs import runner
from ..db import read_session
from ..forms import Fields, FormErrors, date_field
from . import actor, bp, database

MiB = 1024 * 1024
# An annex is a table of a few hundred rows (real ones: 7–47 KB); these limits leave ample room.
ANNEX_LIMITS = Limits(max_file_size=20 * MiB, max_entries=500, max_part_size=100 * MiB,
                      max_total_size=200 * MiB)
ANNEX_SUFFIXES = (".xlsx", ".json")
PORTAL_SUFFIXES = (".jsonl", ".jsonl.gz", ".gz")
# Reader codes whose messages speak of Word documents, said again for a spreadsheet.
_NOT_A_WORKBOOK = "Tệp không phải bảng tính .xlsx hợp lệ. Hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên lại."
_XLSX_MESSAGES = {
    "not_zip": _NOT_A_WORKBOOK, "not_word": _NOT_A_WORKBOOK, "legacy_doc": _NOT_A_WORKBOOK,
    "pdf": "Tệp là PDF, không phải bảng tính. Hãy tải lên tệp .xlsx của phụ lục.",
    "rtf": _NOT_A_WORKBOOK, "missing_part": _NOT_A_WORKBOOK, "corrupt_part": _NOT_A_WORKBOOK,
    "unsupported_zip": _NOT_A_WORKBOOK,
    "truncated": "Tệp .xlsx bị cắt cụt hoặc chưa được tải lên đầy đủ. Hãy tải lên lại tệp hoàn chỉnh.",
    "macro_enabled": "Tệp có chứa macro nên bị từ chối vì lý do an toàn. Hãy lưu lại dưới dạng .xlsx rồi tải lên.",
    "encrypted": "Tệp được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở bằng Excel, gỡ mật khẩu, lưu lại "
                 "rồi tải lên.",
}


def _upload_dir() -> Path:
    folder = Path(current_app.config["TTHC_INSTANCE"]) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _suffix(filename: str, allowed: tuple[str, ...]) -> str | None:
    name = filename.lower()
    return next((s for s in sorted(allowed, key=len, reverse=True) if name.endswith(s)), None)


def _save(upload: FileStorage, suffix: str) -> Path:
    """Into a folder of its own with a random name, so the client's file name never becomes a path."""
    folder = _upload_dir() / uuid.uuid4().hex
    folder.mkdir()
    path = folder / _safe_name(upload.filename or "", suffix)
    upload.save(path)
    return path


def _safe_name(filename: str, suffix: str) -> str:
    """The base name the officer gave (reports quote it), without path parts or control characters."""
    name = unicodedata.normalize("NFC", filename.replace("\\", "/").rpartition("/")[2])
    name = "".join("_" if ord(c) < 0x20 or c == "\x7f" else c for c in name).strip()
    if not name or name.startswith(".") or len(name) > 150 or not name.lower().endswith(suffix):
        name = "tep-tai-len" + suffix
    return name


def _discard(path: Path) -> None:
    shutil.rmtree(path.parent, ignore_errors=True)


# -- annex -----------------------------------------------------------------------------------------

@bp.get("/quyet-dinh/nhap-phu-luc")
@access("officer")
def annex_form():
    return render_template("officer/annex_upload.html", values={}, errors=FormErrors(), report=None)


@bp.post("/quyet-dinh/nhap-phu-luc")
@access("officer")
def annex_upload():
    fields = Fields(request.form)
    errors = FormErrors()
    meta = DecisionMeta(number=fields.text("number", 100), date=date_field(fields, "date", "Ngày ký", errors),
                        effective_date=date_field(fields, "effective_date", "Ngày hiệu lực", errors),
                        signer=fields.text("signer", 300), issuer=fields.text("issuer", 300))
    upload = request.files.get("file")
    suffix = _suffix(upload.filename or "", ANNEX_SUFFIXES) if upload else None
    if upload is None or not upload.filename:
        errors.add("file", "Hãy chọn tệp phụ lục (.xlsx).")
    elif suffix is None:
        errors.add("file", "Chỉ nhận phụ lục dạng .xlsx (hoặc .json theo mẫu chuyển đổi).")
    report = None
    if not errors:
        path = _save(upload, suffix)
        try:
            if suffix == ".xlsx":
                check_office_package(path, ANNEX_LIMITS)
            with database().unit_of_work(actor()) as uow:
                result = import_annex(uow.session, actor(), path, meta)
                decision_id = result.decision_id
        except DocumentReadError as exc:
            errors.add("file", _XLSX_MESSAGES.get(exc.code, exc.message))
        except ImportFailed as exc:
            report = exc.report
        except CatalogueError as exc:
            errors.add("file", exc.message)
        else:
            flash(f"Đã tạo dự thảo từ phụ lục: {result.created} dòng.", "success")
            return redirect(url_for("officer.decision", decision_id=decision_id))
        finally:
            _discard(path)
    return render_template("officer/annex_upload.html", values=request.form, errors=errors, report=report), 400


# -- the national portal's data, as a background job -------------------------------------------------

@bp.get("/nhap-du-lieu")
@access("officer")
def portal_form():
    return render_template("officer/portal_import.html", errors=FormErrors(), values={},
                           jobs=jobs.recent_jobs(read_session()), STATUS_LABELS=jobs.STATUS_LABELS)


@bp.post("/nhap-du-lieu")
@access("officer")
def portal_upload():
    fields = Fields(request.form)
    errors = FormErrors()
    effective = date_field(fields, "effective_date", "Ngày hiệu lực", errors)
    upload = request.files.get("file")
    suffix = _suffix(upload.filename or "", PORTAL_SUFFIXES) if upload else None
    if upload is None or not upload.filename:
        errors.add("file", "Hãy chọn tệp dữ liệu (.jsonl hoặc .jsonl.gz).")
    elif suffix is None:
        errors.add("file", "Chỉ nhận tệp JSON Lines của Cổng Dịch vụ công quốc gia (.jsonl hoặc .jsonl.gz).")
    if errors:
        return render_template("officer/portal_import.html", errors=errors, values=request.form,
                               jobs=jobs.recent_jobs(read_session()), STATUS_LABELS=jobs.STATUS_LABELS), 400
    path = _save(upload, suffix)
    try:
        job_id = runner(current_app).start_dvcqg(actor(), path, path.name, effective)
    except BaseException:
        _discard(path)  # the job never started, so nobody else will remove the upload
        raise
    return redirect(url_for("officer.portal_job", job_id=job_id))


def _job_state(job_id: int) -> dict:
    job = jobs.get_job(read_session(), job_id)
    status = job.effective_status()
    progress = runner(current_app).progress(job_id) if status == "running" else None
    return {
        "id": job.id, "status": status, "label": jobs.STATUS_LABELS.get(status, "Bị gián đoạn"),
        "filename": job.filename, "created_by": job.created_by, "message": job.message,
        "done": progress.done if progress else None, "total": progress.total if progress else None,
        "report": job.report,
    }


@bp.get("/nhap-du-lieu/<int:job_id>")
@access("officer")
def portal_job(job_id: int):
    return render_template("officer/portal_job.html", job=_job_state(job_id))


@bp.get("/nhap-du-lieu/<int:job_id>/tien-do")
@access("officer")
def portal_job_status(job_id: int):
    """Polled by the job page: status, progress and, at the end, the report."""
    return jsonify(_job_state(job_id))
