"""JSON API v1: procedures (list, read, as of a date, history, diff) and statistics."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from catalogue import queries
from catalogue.content import LEVELS
from catalogue.content_store import edition_content
from catalogue.diff import diff_contents
from catalogue.errors import CatalogueError, NotFound
from catalogue.models import Edition
from catalogue.stats import compute_stats
from catalogue.views import edition_dict, procedure_dict

from ..auth import access
from .db import read_session
from .params import choice_param, date_param, int_param

bp = Blueprint("api", __name__)


@bp.get("/procedures")
@access("public")
def list_procedures():
    session = read_session()
    page = int_param("page", 1)
    per_page = int_param("per_page", 20, maximum=100)
    flt = queries.CatalogueFilter(
        as_of=date_param("as_of"), sector=request.args.get("sector") or None,
        level=choice_param("level", LEVELS),
        agency_id=int_param("agency", 0, minimum=0) or None,
        status=choice_param("status", ("in_force", "abolished", "replaced", "all"), "in_force"),
        limit=per_page, offset=(page - 1) * per_page,
    )
    editions = queries.catalogue_as_of(session, flt)
    return jsonify({
        "total": queries.count_catalogue(session, flt), "page": page, "per_page": per_page,
        "items": [edition_dict(e, with_content=False) for e in editions],
    })


@bp.get("/procedures/<int:procedure_id>")
@access("public")
def read_procedure(procedure_id: int):
    session = read_session()
    procedure = queries.get_procedure(session, procedure_id)
    edition = queries.edition_as_of(session, procedure_id, date_param("as_of"))
    return jsonify(procedure_dict(procedure, edition, queries.status_as_of(edition)))


@bp.get("/procedures/<int:procedure_id>/history")
@access("public")
def procedure_history(procedure_id: int):
    editions = queries.history(read_session(), procedure_id)
    return jsonify({"procedure_id": procedure_id,
                    "editions": [edition_dict(e, with_content=False) for e in editions]})


@bp.get("/procedures/<int:procedure_id>/diff")
@access("public")
def procedure_diff(procedure_id: int):
    """``from`` and ``to`` are edition sequence numbers (default: the last two editions)."""
    editions = {e.seq: e for e in queries.history(read_session(), procedure_id)}
    if len(editions) < 2 and not request.args.get("from"):
        raise CatalogueError("Thủ tục chỉ có một phiên bản, chưa có gì để so sánh.")
    last = max(editions)
    to_seq = int_param("to", last)
    from_seq = int_param("from", to_seq - 1)
    older, newer = editions.get(from_seq), editions.get(to_seq)
    if older is None or newer is None:
        raise NotFound("Không có phiên bản được yêu cầu.")
    changes = diff_contents(edition_content(older), edition_content(newer))
    return jsonify({"procedure_id": procedure_id, "from": _brief(older), "to": _brief(newer),
                    "changes": [c.to_dict() for c in changes]})


def _brief(edition: Edition) -> dict:
    return edition_dict(edition, with_content=False)


@bp.get("/stats")
@access("public")
def stats():
    by = choice_param("by", ("total", "month", "sector", "agency"), "total")
    result = compute_stats(read_session(), start=date_param("from"), end=date_param("to"), by=by)
    return jsonify(result.to_dict())


@bp.get("/search")
@access("public")
def search():
    """Vietnamese full-text search over the catalogue (same contract as ``tthc search --json``)."""
    from flask import current_app

    from search.interface import QueryError, SearchQuery

    from ..search_api import LEVEL_PARAMS, ONLINE_PARAMS, results_dict
    from .errors import error_response

    level = choice_param("level", tuple(LEVEL_PARAMS))
    online = choice_param("online_level", tuple(ONLINE_PARAMS))
    include = request.args.get("include_abolished", "").lower()
    if include not in ("", "0", "1", "true", "false"):
        raise CatalogueError("Tham số include_abolished phải là true hoặc false.")
    query = SearchQuery(
        text=request.args.get("q", ""), sector=request.args.get("sector") or None,
        level=LEVEL_PARAMS.get(level) if level else None, agency=request.args.get("agency") or None,
        online_level=ONLINE_PARAMS.get(online) if online else None,
        status=choice_param("status", ("in_force", "abolished")), as_of=date_param("as_of"),
        include_abolished=include in ("1", "true"), page=int_param("page", 1, maximum=10_000),
        per_page=int_param("per_page", 10, maximum=50),
    )
    try:
        results = current_app.extensions["tthc"].search.search(query.checked())
    except QueryError as exc:
        return error_response(400, exc.message, [{"field": exc.field or "q", "messages": [exc.message]}])
    return jsonify(results_dict(results))
