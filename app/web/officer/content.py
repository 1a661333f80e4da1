"""The editor of a procedure's structured content inside a draft decision.

An amended or replaced procedure starts from its current content in the catalogue, a new one from
its annex row; what the officer saves becomes the item's content and, at publication, the
new edition. The draft's revision travels in a hidden field: saving from a stale page is a conflict.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from catalogue import decisions as service
from catalogue.content import (
    AGENCY_ROLE_LABELS, CHANNEL_KINDS, CHANNEL_LABELS, LEVEL_LABELS, LEVELS, ONLINE_LEVEL_LABELS,
    TIME_UNIT_LABELS, ProcedureContent,
)
from catalogue.content_store import edition_content
from catalogue.editions import latest_edition
from catalogue.models import Decision, DecisionItem
from catalogue.queries import find_procedure

from ...auth import access
from ..content_form import PAPER_FIELDS, ContentForm, parse_content
from ..db import read_session
from ..forms import Fields, expected_revision
from . import actor, bp, database

FEE_KIND_LABELS = {"fee": "Phí", "charge": "Lệ phí"}
PAPER_GROUP_LABELS = {"submit": "Nộp", "present": "Xuất trình"}


def _starting_content(item: DecisionItem) -> ProcedureContent:
    """What the editor shows before anything was saved for this row."""
    if item.content:
        return ProcedureContent.from_dict(item.content)
    session = read_session()
    procedure = find_procedure(session, item.code) if item.code and item.kind != "new" else None
    edition = latest_edition(session, procedure) if procedure is not None else None
    if edition is not None:
        content = edition_content(edition)
        if item.name:
            content.name = item.name
        return content
    return ProcedureContent(name=item.name or "", sector=item.sector, levels=[item.level] if item.level else [])


def _load(decision_id: int, item_id: int) -> tuple[Decision, DecisionItem]:
    decision = service.get_decision(read_session(), decision_id)
    item = next((i for i in decision.items if i.id == item_id), None)
    if item is None:
        abort(404)
    return decision, item


def _render(decision: Decision, item: DecisionItem, form: ContentForm, status: int = 200):
    row = item.row_number if item.row_number is not None else item.position + 1
    return render_template(
        "officer/content_edit.html", decision=decision, item=item, row=row, form=form,
        LEVELS=LEVELS, LEVEL_LABELS=LEVEL_LABELS, CHANNEL_KINDS=CHANNEL_KINDS, CHANNEL_LABELS=CHANNEL_LABELS,
        TIME_UNIT_LABELS=TIME_UNIT_LABELS, AGENCY_ROLE_LABELS=AGENCY_ROLE_LABELS,
        ONLINE_LEVEL_LABELS=ONLINE_LEVEL_LABELS, FEE_KIND_LABELS=FEE_KIND_LABELS,
        PAPER_GROUP_LABELS=PAPER_GROUP_LABELS, PAPER_FIELDS=PAPER_FIELDS,
    ), status


@bp.get("/quyet-dinh/<int:decision_id>/dong/<int:item_id>/noi-dung")
@access("officer")
def edit_content(decision_id: int, item_id: int):
    decision, item = _load(decision_id, item_id)
    if item.kind == "abolished":
        flash("Thủ tục bị bãi bỏ không có nội dung mới để nhập.", "error")
        return redirect(url_for("officer.decision", decision_id=decision_id))
    return _render(decision, item, ContentForm.from_content(_starting_content(item)))


@bp.post("/quyet-dinh/<int:decision_id>/dong/<int:item_id>/noi-dung")
@access("officer")
def save_content(decision_id: int, item_id: int):
    fields = Fields(request.form)
    revision = expected_revision(fields)
    decision, item = _load(decision_id, item_id)
    if item.kind == "abolished":
        abort(400)
    content, errors = parse_content(fields)
    if errors:
        return _render(decision, item, ContentForm(request.form, errors), 400)
    with database().unit_of_work(actor()) as uow:
        service.update_item(uow.session, actor(), item_id, expected_revision=revision, content=content)
    flash(f"Đã lưu nội dung thủ tục “{content.name}”.", "success")
    return redirect(url_for("officer.decision", decision_id=decision_id))
