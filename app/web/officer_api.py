"""JSON API v1 for officers: decisions — list, read, create a draft, edit it, add an item, validate, preview, publish.

Authenticated by ``Authorization: Bearer <token>`` (programs) or by the session cookie plus the
``X-CSRFToken`` header (the browser); see ``app.auth``. Errors use the one JSON shape. Every write
names the revision it was made from (``"revision"`` in the body), like the pages do, so a program
never overwrites an officer's newer edit: a stale revision is a 409.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from sqlalchemy import func, select

from catalogue import decisions as service
from catalogue.decisions import TouchedProcedure
from catalogue.errors import CatalogueError, Problem, ValidationFailed
from catalogue.models import Decision
from catalogue.views import decision_dict

from ..auth import access, current_user
from .db import end_read_transaction, read_session
from .errors import error_response
from .forms import Fields, FormErrors, decision_changes, decision_meta, expected_revision, item_input
from .params import choice_param, int_param

bp = Blueprint("decisions_api", __name__, url_prefix="/api/v1/decisions")


def _body() -> Fields:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise CatalogueError("Nội dung yêu cầu phải là một đối tượng JSON (Content-Type: application/json).")
    return Fields(data)


def _invalid(errors: FormErrors):
    return error_response(400, "Dữ liệu gửi lên chưa hợp lệ.", errors.as_list(), error="invalid")


def _problem_dict(p: Problem) -> dict[str, Any]:
    return {"row": p.row, "field": p.field, "severity": p.severity, "message": p.message}


def _problem_errors(problems: list[Problem]) -> list[dict[str, Any]]:
    grouped: dict[str, list[str]] = {}
    for p in problems:
        if p.severity != "error":
            continue
        key = f"items.{p.row}.{p.field or 'row'}" if p.row is not None else (p.field or "decision")
        grouped.setdefault(key, []).append(p.message)
    return [{"field": k, "messages": v} for k, v in grouped.items()]


def _db():
    return current_app.extensions["tthc"].db


def _actor() -> str:
    return current_user().email


def _decision_json(decision_id: int, status: int = 200):
    end_read_transaction()  # after a write in this request, read what was committed
    body = decision_dict(read_session(), service.get_decision(read_session(), decision_id))
    return jsonify(body), status


@bp.get("")
@access("officer")
def list_decisions():
    session = read_session()
    status = choice_param("status", ("draft", "published"))
    page, per_page = int_param("page", 1), int_param("per_page", 20, maximum=100)
    stmt = select(Decision)
    if status:
        stmt = stmt.where(Decision.status == status)
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.scalars(stmt.order_by(Decision.id.desc()).limit(per_page).offset((page - 1) * per_page))
    items = [{"id": d.id, "number": d.number, "status": d.status, "revision": d.revision,
              "date": d.date.isoformat() if d.date else None,
              "effective_date": d.effective_date.isoformat() if d.effective_date else None,
              "url": url_for("decisions_api.read_decision", decision_id=d.id)} for d in rows]
    return jsonify({"total": total, "page": page, "per_page": per_page, "items": items})


@bp.get("/<int:decision_id>")
@access("officer")
def read_decision(decision_id: int):
    return _decision_json(decision_id)


@bp.post("")
@access("officer")
def create_decision():
    meta, errors = decision_meta(_body())
    if errors:
        return _invalid(errors)
    with _db().unit_of_work(_actor()) as uow:
        decision_id = service.create_draft(uow.session, _actor(), **meta).id
    response, status = _decision_json(decision_id, 201)
    response.headers["Location"] = url_for("decisions_api.read_decision", decision_id=decision_id)
    return response, status


@bp.patch("/<int:decision_id>")
@access("officer")
def update_decision(decision_id: int):
    """Change the fields the body names (number, dates, issuer, signer, legal bases, title) of a draft."""
    fields = _body()
    revision = expected_revision(fields)
    changes, errors = decision_changes(fields)
    if not changes and not errors:
        raise CatalogueError("Không có trường nào để sửa (number, date, effective_date, issuer, signer, "
                             "legal_bases, title).")
    number = changes.get("number")
    if number and read_session().scalar(select(Decision.id).where(Decision.number == number,
                                                                  Decision.id != decision_id)) is not None:
        errors.add("number", f"Quyết định số {number} đã có trong hệ thống.")
    if errors:
        return _invalid(errors)
    with _db().unit_of_work(_actor()) as uow:
        service.update_decision(uow.session, _actor(), decision_id, expected_revision=revision, **changes)
    return _decision_json(decision_id)


@bp.post("/<int:decision_id>/items")
@access("officer")
def add_item(decision_id: int):
    fields = _body()
    revision = expected_revision(fields)
    decision = service.get_decision(read_session(), decision_id)
    next_row = max((i.row_number if i.row_number is not None else i.position + 1 for i in decision.items),
                   default=0) + 1
    item, errors = item_input(fields, next_row=next_row)
    if errors:
        return _invalid(errors)
    with _db().unit_of_work(_actor()) as uow:
        service.add_item(uow.session, _actor(), service.get_decision(uow.session, decision_id), item,
                         expected_revision=revision)
    return _decision_json(decision_id, 201)


@bp.get("/<int:decision_id>/validation")
@access("officer")
def validate(decision_id: int):
    problems = service.validate(read_session(), service.get_decision(read_session(), decision_id))
    return jsonify({"decision_id": decision_id, "publishable": not any(p.severity == "error" for p in problems),
                    "problems": [_problem_dict(p) for p in problems]})


def _touched_dict(t: TouchedProcedure) -> dict[str, Any]:
    return {"kind": t.kind, "procedure_id": t.procedure_id, "code": t.code, "name": t.name,
            "levels": t.levels, "rows": t.rows, "changes": [c.to_dict() for c in t.changes],
            "after": t.after.to_dict() if t.after is not None and t.procedure_id is None else None}


@bp.get("/<int:decision_id>/preview")
@access("officer")
def preview(decision_id: int):
    decision = service.get_decision(read_session(), decision_id)
    if decision.status != "draft":
        raise CatalogueError(f"Quyết định {decision.number} đã công bố; xem lịch sử của từng thủ tục.")
    return jsonify({"decision_id": decision_id, "procedures": [_touched_dict(t) for t in
                                                               service.preview(read_session(), decision)]})


@bp.post("/<int:decision_id>/publish")
@access("officer")
def publish(decision_id: int):
    revision = expected_revision(_body())
    try:
        with _db().unit_of_work(_actor()) as uow:
            result = service.publish(uow.session, _actor(), decision_id, expected_revision=revision)
            editions, warnings = len(result.editions), [_problem_dict(p) for p in result.warnings]
    except ValidationFailed as exc:
        return error_response(400, exc.message, _problem_errors(exc.problems), error="validation_failed")
    end_read_transaction()
    decision = decision_dict(read_session(), service.get_decision(read_session(), decision_id))
    return jsonify({"decision": decision, "editions": editions, "warnings": warnings})
