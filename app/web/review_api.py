"""``POST /api/v1/review``: check uploaded documents, answer with the reports of DESIGN §6.

Programs post one or more multipart fields named ``file`` (``.docx``, ``.txt`` or ``.zip`` batches)
and an optional ``profile``; the answer is the same list ``tthc review --format json`` prints, one
report per document, in the order sent. Anonymous callers are welcome and limited per address like
the pages; nothing is kept after the response. An account with the reviewer role calling with its
API token may send the larger number of documents reviewers may send on the pages.
"""
from __future__ import annotations

from flask import Blueprint, jsonify, make_response, request
from werkzeug.exceptions import RequestEntityTooLarge

from review.profiles import DEFAULT_PROFILE, PROFILES

from .. import review_service as service
from ..auth import access, current_user
from .errors import error_response
from .review_pages import settings, throttled, too_large_message

bp = Blueprint("review_api", __name__, url_prefix="/api/v1")


def _max_documents() -> int:
    user = current_user()
    s = settings()
    return s["max_files_reviewer"] if user is not None and user.has("reviewer") else s["max_files"]


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_exc):
    message = too_large_message()
    return error_response(413, message, [{"field": "file", "messages": [message]}], error="payload_too_large")


@bp.post("/review")
@access("public")
def review():
    refused = throttled()
    if refused is not None:
        return refused
    profile = request.form.get("profile") or DEFAULT_PROFILE
    if profile not in PROFILES:
        message = f"Bộ quy tắc không hợp lệ; dùng một trong: {', '.join(PROFILES)}."
        return error_response(400, message, [{"field": "profile", "messages": [message]}], error="invalid")
    files = [f for f in request.files.getlist("file") if f]
    if not files:
        message = "Hãy gửi ít nhất một tệp trong trường multipart “file”."
        return error_response(400, message, [{"field": "file", "messages": [message]}], error="invalid")
    try:
        uploads = service.expand(((service.display_name(f.filename), f.read()) for f in files), _max_documents())
    except service.TooManyFiles as exc:
        return error_response(413, str(exc), [{"field": "file", "messages": [str(exc)]}], error="too_many_files")
    reports = [item.report.to_dict() for item in service.review_uploads(uploads, profile)]
    response = make_response(jsonify(reports), 200)
    response.headers["Cache-Control"] = "no-store"
    return response

