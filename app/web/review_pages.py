"""The document reviewer's pages, ``/kiem-tra-van-ban``: upload, results, downloads, history.

Anyone may check documents without an account; uploads are limited per client address (each costs
CPU) and in size and number. After the upload the browser is redirected to the result page (a
reload never posts the files again), which is reached through a signed token; anonymous batches are
deleted after ``REVIEW_TMP_MINUTES`` and reviewers' batches kept as their history for
``REVIEW_RETENTION_DAYS`` (see ``app.review_store`` for why and how). Downloads are built from the
kept bytes when asked for.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import (
    Blueprint, Response, abort, current_app, make_response, redirect, render_template, request, send_file,
    url_for,
)
from werkzeug.exceptions import RequestEntityTooLarge

from review.docx_stories import DocumentText
from review.labels import (
    COMPONENT_LABELS, component_label, location_label, part_label, property_label, severity_label,
)
from review.profiles import DEFAULT_PROFILE, PROFILES
from review.report import COMPONENTS
from review.rules import RULES_BY_CODE

from .. import review_service as service
from ..auth import access, client_ip, current_user, register_nav_link
from ..rate_limit import RateLimiter, parse_limit
from ..review_store import Batch, BatchStore, StoredDocument
from .errors import error_response
from .security_headers import add_page_headers

bp = Blueprint("review_pages", __name__, url_prefix="/kiem-tra-van-ban")
bp.after_request(add_page_headers)
# Reviewers find their kept batches from the account menu.
bp.record_once(lambda state: register_nav_link(state.app, "Lịch sử kiểm tra văn bản", "review_pages.history", "reviewer"))

TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DOCUMENT_DOWNLOADS = {
    "nhan-xet.docx": "Bản có nhận xét (.docx)",
    "da-sua.docx": "Bản đã sửa tự động (.docx)",
    "bao-cao.json": "Báo cáo JSON",
    "bao-cao.sarif": "Báo cáo SARIF",
}
BATCH_DOWNLOADS = {
    "tat-ca.zip": "Tất cả bản có nhận xét và bản đã sửa (.zip)",
    "bao-cao.html": "Báo cáo HTML (mở không cần mạng)",
    "bao-cao.json": "Báo cáo JSON",
    "bao-cao.sarif": "Báo cáo SARIF",
}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# -- settings and shared objects --------------------------------------------------------------------

def settings() -> dict:
    """The reviewer's limits, from the app config with these defaults."""
    config = current_app.config
    return {
        "max_files": int(config.get("REVIEW_MAX_FILES", 20)),
        "max_files_reviewer": int(config.get("REVIEW_MAX_FILES_REVIEWER", 200)),
        "tmp_minutes": int(config.get("REVIEW_TMP_MINUTES", 30)),
        "retention_days": int(config.get("REVIEW_RETENTION_DAYS", 30)),
        "max_bytes": int(config.get("MAX_CONTENT_LENGTH") or 0),
        "max_size": size_text(int(config.get("MAX_CONTENT_LENGTH") or 0)),
        "rate": parse_limit(config.get("REVIEW_RATE_LIMIT", "20/600")),
    }


def size_text(size: int) -> str:
    """50 MB, 64 KB: how a limit is written for people (binary units, as file managers show them)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{max(1, size // 1024)} KB"


def store() -> BatchStore:
    app = current_app
    if "tthc_review_store" not in app.extensions:
        s = settings()
        app.extensions["tthc_review_store"] = BatchStore(
            Path(app.instance_path), app.config["SECRET_KEY"],
            tmp_minutes=s["tmp_minutes"], retention_days=s["retention_days"],
            tmp_max_bytes=int(app.config.get("REVIEW_TMP_MAX_BYTES", 512 * 1024 * 1024)),
            user_max_bytes=int(app.config.get("REVIEW_USER_MAX_BYTES", 1024 * 1024 * 1024)),
        )
    return app.extensions["tthc_review_store"]


def limiter() -> RateLimiter:
    app = current_app
    if "tthc_review_limiter" not in app.extensions:
        count, seconds = settings()["rate"]
        app.extensions["tthc_review_limiter"] = RateLimiter(count, seconds)
    return app.extensions["tthc_review_limiter"]


def owner_key() -> str | None:
    """The history folder of a reviewer (or admin); None for everyone else, whose batches are temporary."""
    user = current_user()
    if user is not None and not user.via_token and user.has("reviewer"):
        return f"user-{user.id}"
    return None


def max_documents() -> int:
    s = settings()
    return s["max_files_reviewer"] if owner_key() else s["max_files"]


def throttled():
    """None when the client may review now, else the 429 response."""
    wait = limiter().hit(client_ip())
    if not wait:
        return None
    minutes = max(1, round(wait / 60))
    body, status = error_response(429, f"Bạn đã gửi quá nhiều lần kiểm tra trong thời gian ngắn. "
                                       f"Hãy thử lại sau khoảng {minutes} phút.")
    response = make_response(body, status)
    response.headers["Retry-After"] = str(int(wait) + 1)
    return response


def too_large_message() -> str:
    return (f"Tổng dung lượng tải lên vượt quá {settings()['max_size']}, mức tối đa cho một lần gửi. "
            "Hãy chia thành nhiều lần gửi.")


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_exc):
    return error_response(413, too_large_message(), error="payload_too_large")


@bp.app_template_global()
def review_labels():
    return {"component": component_label, "property": property_label, "severity": severity_label,
            "part": part_label, "location": location_label}


# -- views ------------------------------------------------------------------------------------------

@bp.get("")
@access("public")
def index():
    return render_template("review/upload.html", profiles=PROFILES, default_profile=DEFAULT_PROFILE,
                           limits=settings(), max_documents=max_documents(), reviewer=owner_key() is not None,
                           error=None, deleted=bool(request.args.get("da_xoa"))), 200


@bp.post("")
@access("public")
def upload():
    refused = throttled()
    if refused is not None:
        return refused
    files = [f for f in request.files.getlist("file") if f and f.filename]
    profile = request.form.get("profile") or DEFAULT_PROFILE
    if profile not in PROFILES:
        return _form_error("Bộ quy tắc kiểm tra không hợp lệ.", 400)
    if not files:
        return _form_error("Hãy chọn ít nhất một tệp .docx (hoặc một tệp .zip chứa các tệp .docx).", 400)
    try:
        uploads = service.expand(((service.display_name(f.filename), f.read()) for f in files), max_documents())
    except service.TooManyFiles as exc:
        return _form_error(str(exc), 413)
    reviewed = service.review_uploads(uploads, profile)
    batch = store().create(owner_key(), profile, reviewed)
    if len(batch.documents) == 1:
        return redirect(url_for(".document", token=batch.token, number=1), 303)
    return redirect(url_for(".batch", token=batch.token), 303)


def _form_error(message: str, status: int):
    return render_template("review/upload.html", profiles=PROFILES, default_profile=DEFAULT_PROFILE,
                           limits=settings(), max_documents=max_documents(), reviewer=owner_key() is not None,
                           error=message, deleted=False), status


def _batch_or_404(token: str) -> Batch:
    batch = store().open(token, owner_key())
    if batch is None:
        abort(404)
    return batch


def _expires(batch: Batch) -> dt.datetime:
    seconds = store().retention(batch.owner)
    return dt.datetime.fromtimestamp(batch.created + seconds, TIME_ZONE)


@bp.get("/ket-qua/<token>")
@access("public")
def batch(token: str):
    found = _batch_or_404(token)
    rule_names = {code: RULES_BY_CODE[code].name for code in RULES_BY_CODE}
    return render_template("review/batch.html", batch=found, totals=found.totals, rule_names=rule_names,
                           downloads=BATCH_DOWNLOADS, expires=_expires(found),
                           any_stored=any(d.stored for d in found.documents))


@bp.get("/ket-qua/<token>/<int:number>")
@access("public")
def document(token: str, number: int):
    found = _batch_or_404(token)
    doc = found.document(number)
    if doc is None:
        abort(404)
    return render_template("review/document.html", batch=found, doc=doc, view=document_view(doc),
                           downloads=_document_downloads(doc), expires=_expires(found))


def _document_downloads(doc: StoredDocument) -> dict[str, str]:
    kinds = dict(DOCUMENT_DOWNLOADS)
    if not (doc.stored and doc.report.error is None and not doc.name.lower().endswith(".txt")):
        kinds.pop("nhan-xet.docx")
        kinds.pop("da-sua.docx")
    return kinds


@bp.get("/ket-qua/<token>/<int:number>/<kind>")
@access("public")
def document_download(token: str, number: int, kind: str):
    found = _batch_or_404(token)
    doc = found.document(number)
    if doc is None or kind not in _document_downloads(doc):
        abort(404)
    report = doc.report
    if kind == "bao-cao.json":
        return _send(service.json_bytes([report]), service.output_name(doc.name, "bao-cao", "json"),
                     "application/json")
    if kind == "bao-cao.sarif":
        return _send(service.sarif_bytes([report]), service.output_name(doc.name, "bao-cao", "sarif"),
                     "application/sarif+json")
    data = store().source(found, number)
    if not service.can_copy(data, doc.name):
        abort(404)
    try:
        if kind == "nhan-xet.docx":
            content = service.annotated_copy(data, report)
        else:
            content, _result = service.fixed_copy(data, report)
    except service.COPY_ERRORS:
        return error_response(422, "Không tạo được bản sao của tệp này: Word đọc được nhưng thư viện ghi tệp "
                                   "không mở được cấu trúc của nó. Báo cáo vẫn đầy đủ.", error="unprocessable")
    suffix = "nhan-xet" if kind == "nhan-xet.docx" else "da-sua"
    return _send(content, service.output_name(doc.name, suffix, "docx"), DOCX_TYPE)


@bp.get("/ket-qua/<token>/tai-ve/<kind>")
@access("public")
def batch_download(token: str, kind: str):
    found = _batch_or_404(token)
    reports = [d.report for d in found.documents]
    if kind == "bao-cao.json":
        return _send(service.json_bytes(reports), "bao-cao-kiem-tra.json", "application/json")
    if kind == "bao-cao.sarif":
        return _send(service.sarif_bytes(reports), "bao-cao-kiem-tra.sarif", "application/sarif+json")
    if kind == "bao-cao.html":
        texts = {d.report.file: d.text for d in found.documents if isinstance(d.text, DocumentText)}
        return _send(service.html_bytes(reports, texts), "bao-cao-kiem-tra.html", "text/html; charset=utf-8")
    if kind == "tat-ca.zip":
        return _send(_all_copies(found), "kiem-tra-van-ban.zip", "application/zip")
    abort(404)


def _all_copies(batch: Batch) -> bytes:
    """A zip with every commented and fixed copy, the JSON and SARIF reports (names made unique)."""
    buffer = io.BytesIO()
    used: set[str] = set()

    def unique(name: str) -> str:
        stem, _, ext = name.rpartition(".")
        candidate, n = name, 2
        while candidate in used:
            candidate, n = f"{stem}-{n}.{ext}", n + 1
        used.add(candidate)
        return candidate

    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        reports = [d.report for d in batch.documents]
        archive.writestr("bao-cao.json", service.json_bytes(reports))
        archive.writestr("bao-cao.sarif", service.sarif_bytes(reports))
        for doc in batch.documents:
            data = store().source(batch, doc.number)
            if doc.report.error is not None or not service.can_copy(data, doc.name):
                continue
            try:
                annotated = service.annotated_copy(data, doc.report)
                fixed, _ = service.fixed_copy(data, doc.report)
            except service.COPY_ERRORS:
                continue
            archive.writestr("nhan-xet/" + unique(service.output_name(doc.name, "nhan-xet", "docx")), annotated)
            archive.writestr("da-sua/" + unique(service.output_name(doc.name, "da-sua", "docx")), fixed)
    return buffer.getvalue()


def _send(content: bytes, name: str, mimetype: str) -> Response:
    response = send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True, download_name=name,
                         max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/ket-qua/<token>/xoa")
@access("public")
def delete(token: str):
    found = _batch_or_404(token)
    store().delete(found)
    target = url_for(".history") if found.owner else url_for(".index", da_xoa=1)
    return redirect(target, 303)


@bp.get("/lich-su")
@access("reviewer")
def history():
    owner = owner_key()
    summaries = store().history(owner) if owner else []
    return render_template("review/history.html", batches=summaries, retention_days=settings()["retention_days"],
                           time_zone=TIME_ZONE)


# -- the document view ---------------------------------------------------------------------------------

def document_view(doc: StoredDocument) -> dict:
    """Findings grouped by component in the order of Phụ lục I, and paragraphs with their findings."""
    report = doc.report
    order = {code: i for i, code in enumerate(COMPONENTS)}
    groups: dict[str, list] = {}
    for finding in report.findings:
        groups.setdefault(finding.component, []).append(finding)
    text: DocumentText | None = doc.text if isinstance(doc.text, DocumentText) else None
    parts = []
    placed: dict[int, str] = {}
    if text is not None:
        for kind in ("body", "header", "footer"):
            paragraphs = [{"index": i, "text": t, "anchor": f"doan-{kind}-{i}", "findings": []}
                          for i, t in enumerate(text.part(kind))]
            if paragraphs or kind == "body":
                parts.append({"part": kind, "paragraphs": paragraphs})
        for finding in report.findings:
            where = finding.location
            for part in parts:
                if where is not None and part["part"] == where.part and 0 <= where.paragraph < len(part["paragraphs"]):
                    target = part["paragraphs"][where.paragraph]
                    target["findings"].append(finding)
                    placed[id(finding)] = target["anchor"]
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    status = "unreadable" if report.error else ("compliant" if report.compliant else "noncompliant")
    ordered = sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))
    return {
        "groups": [(component, [(f, placed.get(id(f))) for f in findings]) for component, findings in ordered],
        "parts": parts, "placed": placed, "counts": counts, "status": status,
        "general": [f for f in report.findings if id(f) not in placed],
        "component_labels": COMPONENT_LABELS,
    }


@bp.app_template_filter("review_time")
def review_time(timestamp: float) -> str:
    """A batch's time in Việt Nam: "14:05 ngày 25/11/2026"."""
    moment = dt.datetime.fromtimestamp(timestamp, TIME_ZONE)
    return moment.strftime("%H:%M ngày %d/%m/%Y")
