"""Pages for citizens (no login): search, a procedure with its papers, time, fees, places and history,
and browsing by sector and by agency.

Every page reads the catalogue as of today (Asia/Ho_Chi_Minh) unless ``as_of`` asks for another day;
the search page takes exactly the parameters of ``GET /api/v1/search`` (``search_form``).
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, current_app, render_template, request
from sqlalchemy import func, select

from catalogue import queries
from catalogue.content import (
    AGENCY_ROLE_LABELS, CHANNEL_LABELS, LEVEL_LABELS, ONLINE_LEVEL_LABELS, PART_LABELS, TIME_UNIT_LABELS,
)
from catalogue.content_store import edition_content
from catalogue.diff import diff_contents
from catalogue.errors import CatalogueError
from catalogue.models import Decision, Edition, EditionAgency, Procedure, Sector
from search.interface import QueryError

from ..auth import access
from ..search_api import LEVEL_NAMES, ONLINE_NAMES
from .collation import vietnamese_key
from .db import read_session
from .params import date_param, int_param
from .procedure_view import change_rows, procedure_page
from .search_form import SearchForm
from .security_headers import add_page_headers
from .snippets import http_url, marked

bp = Blueprint("public", __name__)
bp.after_request(add_page_headers)

PER_PAGE = 30
# Facet values shown per facet (most frequent first, a chosen one always): past a few dozen a list
# helps nobody, and each value is a link to build. Typing narrows the rest.
MAX_FACET_VALUES = 30
KIND_LABELS = {"new": "Ban hành mới", "amended": "Sửa đổi, bổ sung", "replaced": "Bị thay thế",
               "abolished": "Bãi bỏ", "corrected": "Đính chính"}
STATUS_LABELS = {"in_force": "Đang có hiệu lực", "abolished": "Đã bãi bỏ hoặc thay thế"}
SNIPPET_LABELS = {"papers": "Giấy tờ", "result": "Kết quả", "conditions": "Điều kiện", "audience": "Đối tượng",
                  "steps": "Trình tự", "fees": "Phí, lệ phí", "legal_basis": "Căn cứ pháp lý", "other": "Khác"}
EXAMPLES = ("đăng ký khai sinh", "cấp lại CCCD", "sổ đỏ", "dang ky tam tru", "giấy phép xây dựng")


@bp.app_context_processor
def labels():
    return {"LEVEL_LABELS": LEVEL_LABELS, "CHANNEL_LABELS": CHANNEL_LABELS,
            "TIME_UNIT_LABELS": TIME_UNIT_LABELS, "AGENCY_ROLE_LABELS": AGENCY_ROLE_LABELS,
            "ONLINE_LEVEL_LABELS": ONLINE_LEVEL_LABELS, "PART_LABELS": PART_LABELS,
            "KIND_LABELS": KIND_LABELS}


bp.add_app_template_filter(marked, "marked")
bp.add_app_template_filter(http_url, "http_url")


def _pager(page: int, per_page: int, total: int) -> dict:
    last = max(1, -(-total // per_page))
    window = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    return {"page": page, "last": last, "pages": window, "total": total, "per_page": per_page}


def _sectors(session) -> list[dict]:
    rows = session.execute(
        select(Sector.name, Sector.slug, func.count(Edition.id))
        .join(Edition, Edition.sector_id == Sector.id)
        .where(queries.valid_on(queries.today()), Edition.in_force.is_(True))
        .group_by(Sector.id, Sector.name, Sector.slug)
    )
    return sorted(({"name": n, "slug": s, "count": c} for n, s, c in rows), key=lambda r: vietnamese_key(r["name"]))


def _recent_changes(session, limit: int = 6) -> list[Edition]:
    """Editions published by decisions and in effect by today, latest first."""
    return list(session.scalars(
        select(Edition).join(Decision, Edition.decision_id == Decision.id)
        .where(Edition.kind != "new", Edition.effective_from <= queries.today())
        .order_by(Edition.effective_from.desc(), Edition.id.desc()).limit(limit)
    ))


@bp.get("/")
@access("public")
def home():
    session = read_session()
    flt = queries.CatalogueFilter()
    return render_template("home.html", sectors=_sectors(session), total=queries.count_catalogue(session, flt),
                           recent=_recent_changes(session), examples=EXAMPLES)


@bp.get("/tim-kiem")
@access("public")
def search():
    try:
        form = SearchForm.from_request()
        results = current_app.extensions["tthc"].search.search(form.query())
    except (CatalogueError, QueryError) as exc:
        message = exc.message if isinstance(exc, QueryError) else str(exc)
        form = SearchForm(q=request.args.get("q", "").strip())
        return render_template("search.html", form=form, results=None, error=message, facets={},
                               pager=None, snippet_labels=SNIPPET_LABELS), 400
    return render_template("search.html", form=form, results=results, error=None, facets=_facets(form, results),
                           pager=_pager(results.page, results.per_page, results.total),
                           snippet_labels=SNIPPET_LABELS)


def _facets(form: SearchForm, results) -> dict[str, list[dict]]:
    """Each facet's values as links: its parameter value, its label, its count, whether chosen."""
    facets: dict[str, list[dict]] = {}
    for name, values in results.facets.items():
        items = []
        for value, count in values:
            if name == "level":
                param, label = LEVEL_NAMES.get(value, value), LEVEL_LABELS.get(value, value)
            elif name == "online_level":
                param, label = ONLINE_NAMES.get(value, value), ONLINE_LEVEL_LABELS.get(value, value)
            elif name == "status":
                param, label = value, STATUS_LABELS.get(value, value)
            else:
                param, label = value, value
            items.append({"param": param, "label": label, "count": count,
                          "chosen": getattr(form, name) == param})
        if name in ("sector", "agency"):
            items.sort(key=lambda i: (not i["chosen"], -i["count"], vietnamese_key(i["label"])))
        facets[name] = items[:MAX_FACET_VALUES]
    return facets


@bp.get("/linh-vuc/<slug>")
@access("public")
def sector(slug: str):
    session = read_session()
    row = session.scalar(select(Sector).where(Sector.slug == slug))
    if row is None:
        abort(404)
    page = int_param("page", 1, maximum=10_000)
    flt = queries.CatalogueFilter(sector=slug, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    total = queries.count_catalogue(session, flt)
    return render_template("sector.html", sector=row, editions=queries.catalogue_as_of(session, flt),
                           pager=_pager(page, PER_PAGE, total))


@bp.get("/co-quan/<int:agency_id>")
@access("public")
def agency(agency_id: int):
    session = read_session()
    row = queries.agency_by_id(session, agency_id)
    page = int_param("page", 1, maximum=10_000)
    flt = queries.CatalogueFilter(agency_id=agency_id, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    total = queries.count_catalogue(session, flt)
    addresses = sorted(set(session.scalars(
        select(EditionAgency.address).join(Edition, Edition.id == EditionAgency.edition_id)
        .where(EditionAgency.agency_id == agency_id, EditionAgency.address.is_not(None),
               queries.valid_on(queries.today()), Edition.in_force.is_(True))
        .distinct().limit(20)
    )), key=vietnamese_key)
    return render_template("agency.html", agency=row, editions=queries.catalogue_as_of(session, flt),
                           addresses=addresses, pager=_pager(page, PER_PAGE, total))


def _upcoming(session, procedure_id: int, day: dt.date) -> Edition | None:
    """The next edition that takes effect after ``day`` (a published change not yet in force)."""
    return session.scalar(
        select(Edition).where(Edition.procedure_id == procedure_id, Edition.effective_from > day)
        .order_by(Edition.effective_from, Edition.seq).limit(1)
    )


@bp.get("/thu-tuc/<int:procedure_id>")
@access("public")
def procedure(procedure_id: int):
    session = read_session()
    proc = queries.get_procedure(session, procedure_id)
    as_of = date_param("as_of")
    day = as_of or queries.today()
    valid = queries.edition_as_of(session, procedure_id, day)
    status = queries.status_as_of(valid)
    edition = valid
    if edition is None:  # not yet in force on that day: show its first edition, marked as such
        edition = next(iter(queries.history(session, procedure_id)), None)
    if edition is None:
        abort(404)
    content = edition_content(edition)
    successor = session.get(Procedure, edition.successor_id) if edition.successor_id else None
    return render_template(
        "procedure.html", procedure=proc, edition=edition, content=content, status=status, as_of=as_of,
        view=procedure_page(edition, content), upcoming=_upcoming(session, procedure_id, day),
        successor=successor, printing=request.args.get("in") == "1",
    )


@bp.get("/thu-tuc/<int:procedure_id>/lich-su")
@access("public")
def procedure_history(procedure_id: int):
    session = read_session()
    proc = queries.get_procedure(session, procedure_id)
    editions = queries.history(session, procedure_id)
    current = queries.edition_as_of(session, procedure_id)
    steps = []
    previous = None
    for edition in editions:
        content = edition_content(edition)
        changes = diff_contents(previous, content) if previous is not None and edition.in_force else []
        steps.append({"edition": edition, "rows": change_rows(changes),
                      "current": current is not None and edition.id == current.id,
                      "future": edition.effective_from > queries.today(),
                      "last_day": edition.effective_to - dt.timedelta(days=1) if edition.effective_to else None})
        previous = content
    name = (current or editions[-1]).name if editions else ""
    return render_template("history.html", procedure=proc, name=name, steps=list(reversed(steps)))
