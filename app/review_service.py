"""Reviewing uploaded files for the web pages and the API, and rebuilding their outputs on demand.

Uploads are hostile: nothing here touches the file system with a name a client chose, every file
goes through ``review.api.review_document`` (the safe reader) and a ``.zip`` batch through
``review.reader.iter_zip_batch`` with the same limits as the command line. A batch member is named
"<batch.zip>/<member>" as ``tthc review`` names it, so the web, the API and the CLI report the same
file names. The number of documents a request may hold is checked after zips are expanded, so a
zip cannot carry more documents than a form may.

The outputs (commented copy, safely fixed copy, JSON, SARIF, self-contained HTML) are rebuilt from
the stored bytes and report when asked for, not ahead of time: most people only read the page, and
a fixed copy costs a re-review.

Every step that parses uploaded bytes — the review, the paragraphs shown next to the findings, the
commented and the fixed copy — runs in a worker process with a memory and a time limit
(``app.review_worker``); the ``*_job`` functions below are what the worker runs. A document that
exceeds a limit becomes a report whose ``error`` says so, like any unreadable file, and the web
process carries on.
"""
from __future__ import annotations

import io
import json
import logging
import posixpath
import threading
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app, has_app_context
from lxml import etree

from review import sarif
from review.annotate import annotate_docx
from review.api import review_document
from review.docx_stories import DocumentText, read_document_text
from review.errors import DocumentReadError
from review.fix import FixOutcome, FixResult, fix_bytes
from review.html_report import render_html
from review.outputs import DOCX_MAGIC, safe_stem
from review.profiles import get_profile
from review.reader import iter_zip_batch, read_text
from review.report import Finding, Fix, Location, Report

from .review_worker import ReviewPool, WorkerLimitError, memory_exhausted, pool_for

log = logging.getLogger("tthc.review")

REVIEWABLE = (".docx", ".txt")
PRELOAD = (__name__,)  # what the worker processes import once, before their first job


class CopyError(Exception):
    """A commented or fixed copy could not be written; ``str`` is why, in Vietnamese."""


# python-docx may still refuse an odd package the safe reader accepted; such a file gets no copy.
_WRITER_ERRORS = (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError, DocumentReadError, OSError)
COPY_ERRORS = (*_WRITER_ERRORS, CopyError)


class TooManyFiles(Exception):
    """More documents than one request may hold; ``str`` is the Vietnamese message."""

    def __init__(self, count: int, limit: int) -> None:
        self.count, self.limit = count, limit
        super().__init__(f"Mỗi lần chỉ kiểm tra được tối đa {limit} văn bản; yêu cầu này có {count} văn bản "
                         "(tính cả các tệp trong tệp .zip). Hãy chia thành nhiều lần gửi.")


@dataclass
class Upload:
    """One document to review: the name shown to the user and its bytes (None when unreadable)."""
    name: str
    data: bytes | None
    error: Report | None = None  # a zip that could not be opened becomes an error report


@dataclass
class Reviewed:
    name: str
    data: bytes | None
    report: Report
    text: DocumentText | None


def display_name(filename: str | None) -> str:
    """The client's file name without any folder, NFC, never empty (it is shown, never opened)."""
    name = unicodedata.normalize("NFC", (filename or "").replace("\\", "/"))
    name = posixpath.basename(name).strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:200] or "van-ban.docx"


def expand(files: Iterable[tuple[str, bytes]], max_documents: int) -> list[Upload]:
    """One ``Upload`` per document: plain files as they are, ``.zip`` batches member by member."""
    uploads: list[Upload] = []
    for name, data in files:
        if name.lower().endswith(".zip"):
            try:
                members = [(member, content) for member, content in iter_zip_batch(data)
                           if member.lower().endswith(REVIEWABLE)]
            except DocumentReadError as exc:
                uploads.append(Upload(name, None, Report(file=name, profile="", error=exc.message)))
                continue
            uploads.extend(Upload(f"{name}/{member}", content) for member, content in members)
        else:
            uploads.append(Upload(name, data))
        if len(uploads) > max_documents:
            raise TooManyFiles(len(uploads), max_documents)
    return uploads


def document_text(data: bytes, name: str) -> DocumentText | None:
    """The paragraphs to show next to the findings, or None when they cannot be read."""
    try:
        if name.lower().endswith(".txt"):
            lines = read_text(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
            return DocumentText(body=tuple(unicodedata.normalize("NFC", line).rstrip() for line in lines))
        if data.startswith(DOCX_MAGIC):
            return read_document_text(io.BytesIO(data))
    except _WRITER_ERRORS:
        return None
    return None


def review_uploads(uploads: list[Upload], profile: str) -> list[Reviewed]:
    """Review each upload in a worker process; the bytes are kept only for readable documents."""
    reviewed = []
    pool = worker_pool()
    for upload in uploads:
        if upload.error is not None:
            report = upload.error
            report.profile = profile
            reviewed.append(Reviewed(upload.name, None, report, None))
            continue
        report, text = review_isolated(pool, upload.data or b"", upload.name, profile)
        reviewed.append(Reviewed(upload.name, upload.data if report.error is None else None, report, text))
    return reviewed


# -- the worker processes ------------------------------------------------------------------------------

_process_pool: ReviewPool | None = None
_process_pool_lock = threading.Lock()


def worker_pool() -> ReviewPool:
    """The current app's pool (its ``REVIEW_*`` settings), or one pool for the process outside an app."""
    global _process_pool
    if has_app_context():
        return pool_for(current_app._get_current_object(), PRELOAD)
    with _process_pool_lock:
        if _process_pool is None:
            _process_pool = ReviewPool(preload=PRELOAD)
        return _process_pool


def review_isolated(pool: ReviewPool, data: bytes, name: str, profile: str) -> tuple[Report, DocumentText | None]:
    """The report and paragraphs of one document, or a report whose ``error`` names the exceeded limit."""
    try:
        value, _blob = pool.run(review_job, data, name, profile)
        return report_from_dict(value["report"]), text_from_dict(value["text"])
    except WorkerLimitError as exc:
        _log_limit(exc, name)
        message = exc.message
    except (KeyError, TypeError, ValueError, AttributeError):
        log.exception("malformed review answer for %s", name)
        message = pool.messages["crashed"]
    return Report(file=name, profile=get_profile(profile).name, error=message), None


def _log_limit(exc: WorkerLimitError, name: str) -> None:
    if exc.kind == "error":
        log.error("reviewing %s failed in the worker:\n%s", name, exc.detail)
    else:
        log.warning("reviewing %s stopped: %s", name, exc.kind)


def review_job(data: bytes, name: str, profile: str) -> tuple[dict, None]:
    """In a worker: the report and, for a readable document, its paragraphs (JSON-ready)."""
    report = review_document(io.BytesIO(data), name, profile)
    if report.error is not None and memory_exhausted():
        raise MemoryError  # lxml reports some failed allocations as broken XML
    text = document_text(data, name) if report.error is None and data else None
    return {"report": report.to_dict(), "text": text_to_dict(text)}, None


def annotate_job(data: bytes, report: dict) -> tuple[dict, bytes | None]:
    """In a worker: the copy with a Word comment at each finding."""
    try:
        out = io.BytesIO()
        annotate_docx(io.BytesIO(data), report_from_dict(report).findings, out)
    except _WRITER_ERRORS as exc:
        return {"refused": repr(exc)}, None
    return {}, out.getvalue()


def fix_job(data: bytes, report: dict) -> tuple[dict, bytes | None]:
    """In a worker: the copy with the safe fixes, re-reviewed while new safe findings surface."""
    parsed = report_from_dict(report)

    def rereview(fixed: bytes) -> list[Finding]:
        return review_document(io.BytesIO(fixed), parsed.file, parsed.profile).findings

    try:
        content, result = fix_bytes(data, parsed.findings, rereview)
    except _WRITER_ERRORS as exc:
        return {"refused": repr(exc)}, None
    outcomes = [{"finding": o.finding.to_dict(), "applied": o.applied, "note": o.note} for o in result.outcomes]
    return {"outcomes": outcomes}, content


def _copy(job, data: bytes, report: Report) -> tuple[dict, bytes]:
    pool = worker_pool()
    try:
        value, blob = pool.run(job, data, report.to_dict())
    except WorkerLimitError as exc:
        _log_limit(exc, report.file)
        raise CopyError(exc.message) from None
    if blob is None:
        log.info("no copy of %s: %s", report.file, value.get("refused") if isinstance(value, dict) else value)
        raise CopyError("Thư viện ghi tệp không mở được cấu trúc của tệp này.")
    return value, blob


# -- reports back from their JSON form ---------------------------------------------------------------

def report_from_dict(data: dict) -> Report:
    """The inverse of ``Report.to_dict`` (the stored form of a reviewed document)."""
    findings = [finding_from_dict(f) for f in data.get("findings", [])]
    return Report(file=data["file"], profile=data["profile"], document_type=data.get("document_type"),
                  error=data.get("error"), findings=findings)


def finding_from_dict(f: dict) -> Finding:
    where = f.get("location")
    fix = f.get("fix")
    return Finding(
        rule=f["rule"], severity=f["severity"], component=f["component"], property=f["property"],
        message=f["message"], reference=f.get("reference", ""), expected=f.get("expected", ""),
        actual=f.get("actual", ""),
        location=Location(where["part"], where["paragraph"], where.get("text", "")) if where else None,
        fix=Fix(fix["description"], fix["safe"]) if fix else None,
    )


def text_from_dict(data: dict | None) -> DocumentText | None:
    if not data:
        return None
    return DocumentText(body=tuple(data.get("body", ())), header=tuple(data.get("header", ())),
                        footer=tuple(data.get("footer", ())))


def text_to_dict(text: DocumentText | None) -> dict | None:
    if text is None:
        return None
    return {"body": list(text.body), "header": list(text.header), "footer": list(text.footer)}


# -- outputs -------------------------------------------------------------------------------------------

def can_copy(data: bytes | None, name: str) -> bool:
    """Commented and fixed copies exist for readable .docx files only."""
    return bool(data) and data.startswith(DOCX_MAGIC) and not name.lower().endswith(".txt")


def annotated_copy(data: bytes, report: Report) -> bytes:
    """The commented copy, written in a worker process (``CopyError`` when it cannot be)."""
    return _copy(annotate_job, data, report)[1]


def fixed_copy(data: bytes, report: Report) -> tuple[bytes, FixResult]:
    """The copy with the safe fixes, written in a worker process (``CopyError`` when it cannot be)."""
    value, content = _copy(fix_job, data, report)
    outcomes = [FixOutcome(finding_from_dict(o["finding"]), bool(o["applied"]), str(o["note"]))
                for o in value.get("outcomes", [])]
    return content, FixResult(outcomes)


def json_bytes(reports: list[Report]) -> bytes:
    return json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2).encode("utf-8")


def sarif_bytes(reports: list[Report]) -> bytes:
    return sarif.dumps(reports).encode("utf-8")


def html_bytes(reports: list[Report], texts: dict[str, DocumentText]) -> bytes:
    return render_html(reports, texts).encode("utf-8")


def output_name(file: str, suffix: str, extension: str) -> str:
    """A download name from the document's own name: "Quyết định 12.docx" → "Quyết định 12-nhan-xet.docx"."""
    return f"{safe_stem(file)}-{suffix}.{extension}" if suffix else f"{safe_stem(file)}.{extension}"
