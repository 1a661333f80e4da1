"""Pages of the KSTT officer under ``/quan-tri/``: decisions, content, imports, statistics, exports.

Every write runs in one unit of work whose actor is the officer's email, so the audit trail names
who did it. A stale edit (someone saved the draft after this page was opened) ends on the conflict
page, HTTP 409, which says who changed it and when and keeps what the officer typed.
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from catalogue.clock import VIETNAM
from catalogue.errors import ConflictError

from ...auth import current_user
from ..security_headers import add_page_headers

bp = Blueprint("officer", __name__, url_prefix="/quan-tri")
bp.after_request(add_page_headers)


@bp.app_template_filter("vndatetime")
def vndatetime(value: dt.datetime | None) -> str:
    """A stored (UTC) time as Vietnamese wall-clock time: 14:05 ngày 25/11/2026."""
    if value is None:
        return "—"
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(VIETNAM).strftime("%H:%M ngày %d/%m/%Y")


def database():
    return current_app.extensions["tthc"].db


def actor() -> str:
    return current_user().email


@bp.errorhandler(ConflictError)
def conflict(exc: ConflictError):
    decision_id = (request.view_args or {}).get("decision_id")
    back = url_for("officer.decision", decision_id=decision_id) if decision_id else url_for("officer.decisions")
    typed = [(k, v) for k, v in request.form.items(multi=True)
             if v and k not in ("csrf_token", "revision")]
    return render_template("officer/conflict.html", message=exc.message, changed_by=exc.changed_by,
                           changed_at=exc.changed_at, back=back, again=_editor_url(), typed=typed), 409


def _editor_url() -> str | None:
    """The page to reopen for a fresh copy, when the refused request came from an editor page."""
    try:
        current_app.url_map.bind("localhost").match(request.path, method="GET")
    except HTTPException:
        return None
    return request.path


from . import content, decisions, imports, reports  # noqa: E402,F401  (routes register on bp)
