"""Pages for citizens: the catalogue, a procedure with its papers, time, fees and history."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from sqlalchemy import func, select

from catalogue import queries
from catalogue.content import (
    AGENCY_ROLE_LABELS, CHANNEL_LABELS, LEVEL_LABELS, ONLINE_LEVEL_LABELS, PART_LABELS, TIME_UNIT_LABELS,
)
from catalogue.content_store import edition_content
from catalogue.diff import diff_contents
from catalogue.models import Edition, Sector

from .db import read_session
from .params import date_param, int_param

bp = Blueprint("public", __name__)

PER_PAGE = 30


@bp.app_context_processor
def labels():
    return {"LEVEL_LABELS": LEVEL_LABELS, "CHANNEL_LABELS": CHANNEL_LABELS,
            "TIME_UNIT_LABELS": TIME_UNIT_LABELS, "AGENCY_ROLE_LABELS": AGENCY_ROLE_LABELS,
            "ONLINE_LEVEL_LABELS": ONLINE_LEVEL_LABELS, "PART_LABELS": PART_LABELS,
            "KIND_LABELS": {"new": "Ban hành mới", "amended": "Sửa đổi, bổ sung", "replaced": "Bị thay thế",
                            "abolished": "Bãi bỏ", "corrected": "Đính chính"}}


def _sectors(session):
    today_filter = queries.valid_on(queries.today())
    rows = session.execute(
        select(Sector.name, Sector.slug, func.count(Edition.id))
        .join(Edition, Edition.sector_id == Sector.id)
        .where(today_filter, Edition.in_force.is_(True))
        .group_by(Sector.id).order_by(Sector.name)
    )
    return [{"name": n, "slug": s, "count": c} for n, s, c in rows]


@bp.get("/")
def home():
    session = read_session()
    page = int_param("page", 1)
    flt = queries.CatalogueFilter(limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    return render_template("home.html", sectors=_sectors(session),
                           editions=queries.catalogue_as_of(session, flt),
                           total=queries.count_catalogue(session, flt), page=page, per_page=PER_PAGE)


@bp.get("/linh-vuc/<slug>")
def sector(slug: str):
    session = read_session()
    row = session.scalar(select(Sector).where(Sector.slug == slug))
    if row is None:
        abort(404)
    editions = queries.catalogue_as_of(session, queries.CatalogueFilter(sector=slug))
    return render_template("sector.html", sector=row, editions=editions)


@bp.get("/thu-tuc/<int:procedure_id>")
def procedure(procedure_id: int):
    session = read_session()
    proc = queries.get_procedure(session, procedure_id)
    as_of = date_param("as_of")
    edition = queries.edition_as_of(session, procedure_id, as_of)
    if edition is None:
        edition = next(iter(queries.history(session, procedure_id)), None)
    if edition is None:
        abort(404)
    return render_template("procedure.html", procedure=proc, edition=edition,
                           content=edition_content(edition), status=queries.status_as_of(
                               queries.edition_as_of(session, procedure_id, as_of)),
                           as_of=as_of, printing=request.args.get("in") == "1")


@bp.get("/thu-tuc/<int:procedure_id>/lich-su")
def procedure_history(procedure_id: int):
    session = read_session()
    proc = queries.get_procedure(session, procedure_id)
    editions = queries.history(session, procedure_id)
    steps = []
    previous = None
    for edition in editions:
        content = edition_content(edition)
        changes = diff_contents(previous, content) if previous is not None and edition.in_force else []
        steps.append({"edition": edition, "changes": changes})
        previous = content
    return render_template("history.html", procedure=proc, steps=list(reversed(steps)))
