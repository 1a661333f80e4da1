"""The search results contract shared by ``tthc search --json`` and ``GET /api/v1/search``."""
from __future__ import annotations

from typing import Any

from search.interface import SearchResults

# The API speaks the citizen's level names; the index uses the catalogue's.
LEVEL_PARAMS = {"bo": "ministry", "tinh": "province", "xa": "commune", "khac": "other"}
LEVEL_NAMES = {v: k for k, v in LEVEL_PARAMS.items()}
ONLINE_PARAMS = {"toan_trinh": "full", "mot_phan": "partial"}
ONLINE_NAMES = {v: k for k, v in ONLINE_PARAMS.items()}


def results_dict(results: SearchResults) -> dict[str, Any]:
    facets = {}
    for facet, values in results.facets.items():
        names = LEVEL_NAMES if facet == "level" else ONLINE_NAMES if facet == "online_level" else {}
        facets[facet] = [{"value": names.get(v, v), "count": c} for v, c in values]
    return {
        "total": results.total,
        "page": results.page,
        "per_page": results.per_page,
        "hits": [
            {"id": h.procedure_id, "code": h.code, "name": h.name, "sector": h.sector,
             "levels": [LEVEL_NAMES.get(lv, lv) for lv in h.levels], "score": round(h.score, 4),
             "highlights": h.highlights}
            for h in results.hits
        ],
        "facets": facets,
        "suggestion": results.suggestion,
    }
