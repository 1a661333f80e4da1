"""Decisions (quyết định công bố): list, draft by form, items, preview, publication, annex export.

Each write form carries the draft's revision in a hidden field; the catalogue refuses a write made
from an older revision (``ConflictError``), so two officers editing one draft never overwrite
each other silently. Validation problems (``catalogue.decisions.validate``) are shown next to
the row and the field they are about.
"""
from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from tempfile import TemporaryDirectory

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from sqlalchemy import func, select

from catalogue import decisions as service
from catalogue.content import LEVEL_LABELS, PART_LABELS, PARTS
from catalogue.errors import CatalogueError, ConflictError, ValidationFailed
from catalogue.exports import export_decision_xlsx
from catalogue.models import Decision, DecisionItem
from catalogue.text import slugify

from ...auth import access, register_nav_link
from ..db import read_session
from ..forms import KIND_CHOICES, Fields, FormErrors, decision_meta, expected_revision, item_input
from ..params import choice_param, int_param
from . import actor, bp, database

PER_PAGE = 30


@bp.record_once
def _nav(state) -> None:
    register_nav_link(state.app, "Quản trị danh mục", "officer.decisions", "officer")


@bp.app_context_processor
def _labels():
    return {"ITEM_KIND_LABELS": KIND_CHOICES, "ITEM_PARTS": PARTS, "PART_LABELS_ALL": PART_LABELS}


def _row(item: DecisionItem) -> int:
    return item.row_number if item.row_number is not None else item.position + 1


def _decision(decision_id: int) -> Decision:
    return service.get_decision(read_session(), decision_id)


def _item_of(decision: Decision, item_id: int) -> DecisionItem:
    item = next((i for i in decision.items if i.id == item_id), None)
    if item is None:
        abort(404)
    return item


# -- list and creation ---------------------------------------------------------------------------

@bp.get("/")
@access("officer")
def decisions():
    session = read_session()
    status = choice_param("status", ("draft", "published"))
    page = int_param("page", 1)
    stmt = select(Decision)
    if status:
        stmt = stmt.where(Decision.status == status)
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = session.scalars(stmt.order_by(Decision.status, Decision.updated_at.desc(), Decision.id.desc())
                           .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    counts = dict(session.execute(select(DecisionItem.decision_id, func.count(DecisionItem.id))
                                  .where(DecisionItem.decision_id.in_([d.id for d in rows]))
                                  .group_by(DecisionItem.decision_id)).all())
    return render_template("officer/decisions.html", decisions=rows, counts=counts, status=status,
                           page=page, total=total, per_page=PER_PAGE)


@bp.get("/quyet-dinh/moi")
@access("officer")
def new_decision():
    return render_template("officer/decision_new.html", values={}, errors=FormErrors())


@bp.post("/quyet-dinh/moi")
@access("officer")
def create_decision():
    meta, errors = decision_meta(Fields(request.form))
    if not errors:
        try:
            with database().unit_of_work(actor()) as uow:
                decision = service.create_draft(uow.session, actor(), **meta)
                decision_id = decision.id
        except CatalogueError as exc:
            errors.add("number", exc.message)
        else:
            flash(f"Đã tạo dự thảo quyết định {meta['number']}.", "success")
            return redirect(url_for("officer.decision", decision_id=decision_id))
    return render_template("officer/decision_new.html", values=request.form, errors=errors), 400


# -- one decision ----------------------------------------------------------------------------------

def _render_decision(decision: Decision, *, meta_errors: FormErrors | None = None,
                     item_errors: FormErrors | None = None, item_values=None, status: int = 200):
    session = read_session()
    problems = service.validate(session, decision) if decision.status == "draft" else []
    by_row: dict[int, list] = defaultdict(list)
    general = []
    for p in problems:
        (by_row[p.row] if p.row is not None else general).append(p)
    new_rows = [(_row(i), i) for i in decision.items if i.kind == "new"]
    meta_values = request.form if meta_errors else {
        "number": decision.number, "date": decision.date.isoformat() if decision.date else "",
        "effective_date": decision.effective_date.isoformat() if decision.effective_date else "",
        "issuer": decision.issuer, "signer": decision.signer, "title": decision.title,
        "legal_bases": "\n".join(decision.legal_bases or []),
    }
    page = render_template(
        "officer/decision.html", decision=decision, rows=[(_row(i), i) for i in decision.items],
        by_row=by_row, general=general, problems=problems, successor_options=_successor_options(new_rows),
        meta_values=meta_values,
        meta_errors=meta_errors or FormErrors(), item_errors=item_errors or FormErrors(),
        item_values=item_values or {}, LEVEL_LABELS=LEVEL_LABELS,
    )
    return page, status


@bp.get("/quyet-dinh/<int:decision_id>")
@access("officer")
def decision(decision_id: int):
    return _render_decision(_decision(decision_id))


@bp.post("/quyet-dinh/<int:decision_id>/thong-tin")
@access("officer")
def update_decision(decision_id: int):
    fields = Fields(request.form)
    revision = expected_revision(fields)
    meta, errors = decision_meta(fields)
    current = _decision(decision_id)
    if meta["number"] and meta["number"] != current.number and read_session().scalar(
            select(Decision.id).where(Decision.number == meta["number"])) is not None:
        errors.add("number", f"Quyết định số {meta['number']} đã có trong hệ thống.")
    if not errors:
        with database().unit_of_work(actor()) as uow:
            service.update_decision(uow.session, actor(), decision_id, expected_revision=revision, **meta)
        flash("Đã lưu thông tin quyết định.", "success")
        return redirect(url_for("officer.decision", decision_id=decision_id))
    return _render_decision(current, meta_errors=errors, status=400)


def _successor_options(new_rows: list[tuple[int, DecisionItem]]) -> list[tuple[str, str]]:
    return [(str(row), f"Dòng {row}: {item.name or item.code or ''}") for row, item in new_rows]


def _next_row(decision: Decision) -> int:
    return max((_row(i) for i in decision.items), default=0) + 1


@bp.post("/quyet-dinh/<int:decision_id>/dong")
@access("officer")
def add_item(decision_id: int):
    fields = Fields(request.form)
    revision = expected_revision(fields)
    decision = _decision(decision_id)
    item, errors = item_input(fields, next_row=_next_row(decision))
    if not errors:
        try:
            with database().unit_of_work(actor()) as uow:
                row = service.add_item(uow.session, actor(), service.get_decision(uow.session, decision_id),
                                       item, expected_revision=revision)
                number = _row(row)
        except ConflictError:
            raise
        except CatalogueError as exc:
            errors.add("successor_row" if item.successor_row else "kind", exc.message)
        else:
            flash(f"Đã thêm dòng {number}.", "success")
            return redirect(url_for("officer.decision", decision_id=decision_id, _anchor=f"dong-{number}"))
    return _render_decision(_decision(decision_id), item_errors=errors, item_values=request.form, status=400)


@bp.get("/quyet-dinh/<int:decision_id>/dong/<int:item_id>")
@access("officer")
def edit_item(decision_id: int, item_id: int):
    decision = _decision(decision_id)
    item = _item_of(decision, item_id)
    return _render_item(decision, item, _item_values(decision, item), FormErrors())


def _item_values(decision: Decision, item: DecisionItem) -> dict:
    successor = next((i for i in decision.items if i.id == item.successor_item_id), None)
    return {"kind": item.kind, "code": item.code or "", "name": item.name or "", "sector": item.sector or "",
            "level": item.level or "", "agency": item.agency or "", "changed_parts": item.changed_parts or [],
            "successor_code": item.successor_code or "", "note": item.note or "",
            "successor_row": str(_row(successor)) if successor else ""}


def _render_item(decision: Decision, item: DecisionItem, values, errors: FormErrors, status: int = 200):
    new_rows = [(_row(i), i) for i in decision.items if i.kind == "new" and i.id != item.id]
    return render_template("officer/item_edit.html", decision=decision, item=item, row=_row(item),
                           values=values, errors=errors, successor_options=_successor_options(new_rows),
                           LEVEL_LABELS=LEVEL_LABELS), status


@bp.post("/quyet-dinh/<int:decision_id>/dong/<int:item_id>")
@access("officer")
def update_item(decision_id: int, item_id: int):
    fields = Fields(request.form)
    revision = expected_revision(fields)
    decision = _decision(decision_id)
    item = _item_of(decision, item_id)
    parsed, errors = item_input(fields)
    successor_id = None
    if parsed.successor_row:
        target = next((i for i in decision.items if _row(i) == parsed.successor_row and i.kind == "new"), None)
        if target is None:
            errors.add("successor_row", f"Dòng {parsed.successor_row} không phải một thủ tục mới của quyết định này.")
        else:
            successor_id = target.id
    if not errors:
        with database().unit_of_work(actor()) as uow:
            service.update_item(
                uow.session, actor(), item_id, expected_revision=revision, kind=parsed.kind, code=parsed.code,
                name=parsed.name, sector=parsed.sector, level=parsed.level, agency=parsed.agency,
                changed_parts=parsed.changed_parts, successor_code=parsed.successor_code,
                successor_item_id=successor_id, note=parsed.note)
        flash(f"Đã lưu dòng {_row(item)}.", "success")
        return redirect(url_for("officer.decision", decision_id=decision_id, _anchor=f"dong-{_row(item)}"))
    return _render_item(decision, item, request.form, errors, 400)


@bp.post("/quyet-dinh/<int:decision_id>/dong/<int:item_id>/xoa")
@access("officer")
def remove_item(decision_id: int, item_id: int):
    revision = expected_revision(Fields(request.form))
    decision = _decision(decision_id)
    row = _row(_item_of(decision, item_id))
    with database().unit_of_work(actor()) as uow:
        service.remove_item(uow.session, actor(), item_id, expected_revision=revision)
    flash(f"Đã xóa dòng {row}.", "success")
    return redirect(url_for("officer.decision", decision_id=decision_id))


@bp.post("/quyet-dinh/<int:decision_id>/xoa")
@access("officer")
def delete_decision(decision_id: int):
    fields = Fields(request.form)
    revision = expected_revision(fields)
    if fields.get("confirm") != "1":
        flash("Hãy đánh dấu ô xác nhận trước khi xóa dự thảo.", "error")
        return redirect(url_for("officer.decision", decision_id=decision_id, _anchor="xoa"))
    number = _decision(decision_id).number
    with database().unit_of_work(actor()) as uow:
        service.delete_draft(uow.session, actor(), decision_id, expected_revision=revision)
    flash(f"Đã xóa dự thảo quyết định {number}.", "success")
    return redirect(url_for("officer.decisions"))


# -- preview and publication ---------------------------------------------------------------------

@bp.get("/quyet-dinh/<int:decision_id>/xem-truoc")
@access("officer")
def preview(decision_id: int):
    decision = _decision(decision_id)
    touched = service.preview(read_session(), decision) if decision.status == "draft" else []
    # a published decision: each procedure once, although the annex lists it once per level
    changed = list(dict.fromkeys((i.kind, i.procedure_id, i.name or i.code or "") for i in decision.items))
    return render_template("officer/preview.html", decision=decision, touched=touched, changed=changed,
                           LEVEL_LABELS=LEVEL_LABELS)


def _render_publish(decision: Decision, problems, status: int = 200):
    errors = [p for p in problems if p.severity == "error"]
    kinds = service.group_rows_by_kind(decision)
    return render_template("officer/publish.html", decision=decision, errors=errors,
                           warnings=[p for p in problems if p.severity != "error"], kinds=kinds), status


@bp.get("/quyet-dinh/<int:decision_id>/cong-bo")
@access("officer")
def confirm_publish(decision_id: int):
    decision = _decision(decision_id)
    if decision.status != "draft":
        flash(f"Quyết định {decision.number} đã được công bố.", "error")
        return redirect(url_for("officer.decision", decision_id=decision_id))
    return _render_publish(decision, service.validate(read_session(), decision))


@bp.post("/quyet-dinh/<int:decision_id>/cong-bo")
@access("officer")
def publish(decision_id: int):
    fields = Fields(request.form)
    revision = expected_revision(fields)
    decision = _decision(decision_id)
    if fields.get("confirm") != "1":
        page, _ = _render_publish(decision, service.validate(read_session(), decision))
        return page, 400
    try:
        with database().unit_of_work(actor()) as uow:
            result = service.publish(uow.session, actor(), decision_id, expected_revision=revision)
            count, number = len(result.editions), result.decision.number
    except ValidationFailed as exc:
        return _render_publish(decision, exc.problems, 400)
    flash(f"Đã công bố quyết định {number}: {count} thủ tục thay đổi.", "success")
    return redirect(url_for("officer.decision", decision_id=decision_id))


@bp.get("/quyet-dinh/<int:decision_id>/phu-luc.xlsx")
@access("officer")
def export_annex(decision_id: int):
    decision = _decision(decision_id)
    with TemporaryDirectory() as folder:
        path = Path(folder) / "annex.xlsx"
        export_decision_xlsx(read_session(), decision, path)
        data = path.read_bytes()
    return send_file(io.BytesIO(data), as_attachment=True, download_name=f"phu-luc-{slugify(decision.number)}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
