"""The Whoosh schema and the stored form of an edition and of a procedure's revision marker.

Terms are analysed by ``search.analysis`` and handed to Whoosh already made, separated by spaces,
so Whoosh never tokenises Vietnamese itself; queries never go through Whoosh's query parser
(``search.whoosh_snapshot`` reads postings directly).
"""
from __future__ import annotations

import json
import time

from whoosh import fields as F
from whoosh.analysis import SpaceSeparatedTokenizer

from search.analysis import fold
from search.fields import BIGRAM_GROUPS, GROUPS, WORD_GROUPS, analyze_document, sort_name
from search.interface import EditionDocument

OPEN_END = 10_000_000  # effective_to of an edition without end (beyond any date's ordinal)
SEPARATOR = "\x1f"  # joins the values of many-valued facets in one column
EDITION, MARKER = "edition", "marker"


def _terms():
    return F.TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False)


def schema() -> F.Schema:
    """Facets and dates are sortable columns, read once per index generation for filtering."""
    spec = {
        "key": F.ID(unique=True),
        "procedure": F.ID(),
        "code": F.ID(),
        "kind": F.ID(sortable=True),
        "procedure_id": F.NUMERIC(int, bits=64, sortable=True, signed=False, stored=True),
        "revision": F.NUMERIC(int, bits=64, sortable=True, signed=False, stored=True),
        "eff_from": F.NUMERIC(int, bits=32, sortable=True, signed=False),
        "eff_to": F.NUMERIC(int, bits=32, sortable=True, signed=False),
        "written_at": F.NUMERIC(float, stored=True),
        "deleted": F.ID(sortable=True, stored=True),
        "status": F.ID(sortable=True),
        "sector": F.ID(sortable=True),
        "levels": F.ID(sortable=True),
        "agencies": F.ID(sortable=True),
        "online_level": F.ID(sortable=True),
        "sort_name": F.ID(sortable=True),
        "data": F.STORED(),
    }
    for group in GROUPS:
        spec[f"{group}_s"] = _terms()
        if group in WORD_GROUPS:
            spec[f"{group}_w"] = _terms()
        if group in BIGRAM_GROUPS:
            spec[f"{group}_b"] = _terms()
    return F.Schema(**spec)


def edition_fields(doc: EditionDocument) -> dict:
    """The Whoosh fields of one edition (analysis is cached per text)."""
    out = {
        "key": f"e:{doc.edition_id}", "procedure": str(doc.procedure_id), "kind": EDITION,
        "code": fold(doc.code or ""), "procedure_id": doc.procedure_id, "revision": doc.revision,
        "eff_from": doc.effective_from.toordinal(),
        "eff_to": doc.effective_to.toordinal() if doc.effective_to else OPEN_END,
        "status": doc.status, "sector": doc.sector or "", "levels": SEPARATOR.join(doc.levels),
        "agencies": SEPARATOR.join(a for a in doc.agencies if a), "online_level": doc.online_level or "",
        "sort_name": sort_name(doc.name), "deleted": "",
        "data": json.dumps(doc.to_dict(), ensure_ascii=False),
    }
    for group, analysed in analyze_document(doc).items():
        out[f"{group}_s"] = " ".join(analysed.syllables)
        if group in WORD_GROUPS:
            out[f"{group}_w"] = " ".join(analysed.words)
        if group in BIGRAM_GROUPS:
            out[f"{group}_b"] = " ".join(analysed.bigrams)
    return out


def marker_fields(procedure_id: int, revision: int, deleted: bool) -> dict:
    """The one document per procedure that records the revision held (also after a deletion)."""
    return {"key": f"p:{procedure_id}", "procedure": str(procedure_id), "kind": MARKER,
            "procedure_id": procedure_id, "revision": revision, "written_at": time.time(),
            "deleted": "1" if deleted else ""}
