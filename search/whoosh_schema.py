"""The Whoosh schema, the stored form of a document, and the query built from a plan.

Terms are analysed by ``search.analysis`` and handed to Whoosh already made, separated by spaces,
so Whoosh never tokenises Vietnamese itself and the user's text is never parsed as query syntax:
queries are built from ``Term`` objects only.
"""
from __future__ import annotations

import json
import time

from whoosh import fields as F
from whoosh import query as Q
from whoosh.analysis import SpaceSeparatedTokenizer

from search.analysis import fold
from search.fields import BIGRAM_GROUPS, BOOSTS, GROUPS, WORD_GROUPS, analyze_document, sort_name
from search.interface import EditionDocument
from search.query import Alternative, Clause, QueryPlan

OPEN_END = 10_000_000  # effective_to of an edition without end (beyond any date's ordinal)
SEPARATOR = "\x1f"  # joins the values of many-valued facets in one column
EDITION, MARKER = "edition", "marker"
# Pairs and words add to a match's score; weak words much less than the words that were asked.
BIGRAM_BOOST = 1.0
WORD_BOOST = 0.6
WEAK_BOOST = 0.3
CODE_BOOST = 50.0
# A synonym scores a little less than the words as typed, so exact wording ranks first.
EXPANSION_BOOST = 0.9


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


def _syllable(term: str, boost: float = 1.0) -> Q.Query:
    return Q.Or([Q.Term(f"{g}_s", term, boost=BOOSTS[g] * boost) for g in GROUPS])


def _extras(bigrams, words, boost: float = 1.0) -> list[Q.Query]:
    out = [Q.Term(f"{g}_b", b, boost=BOOSTS[g] * BIGRAM_BOOST * boost) for b in bigrams for g in BIGRAM_GROUPS]
    out += [Q.Term(f"{g}_w", w, boost=BOOSTS[g] * WORD_BOOST * boost) for w in words for g in WORD_GROUPS]
    return out


def _alternative(alt: Alternative) -> Q.Query:
    required = [_syllable(s) for s in alt.syllables]
    core = required[0] if len(required) == 1 else Q.And(required)
    extras = _extras(alt.bigrams, alt.words)
    return Q.AndMaybe(core, Q.Or(extras)) if extras else core


def clause_query(clause: Clause) -> Q.Query:
    """Any alternative of a clause; the best one counts (a maximum, not a sum, so a text that
    happens to contain several synonyms does not outrank one that says it once)."""
    if len(clause.alternatives) == 1:
        return _alternative(clause.alternatives[0])
    alternatives = [_alternative(a) for a in clause.alternatives]
    for alt in alternatives[1:]:
        alt.boost *= EXPANSION_BOOST
    return Q.DisjunctionMax(alternatives)


def build_query(plan: QueryPlan, require_all: bool) -> Q.Query:
    """All clauses required (``require_all``) or any of them; extras only add to the score."""
    clauses = [clause_query(c) for c in plan.clauses]
    extras = _extras(plan.bigrams, plan.words) + [_syllable(s, WEAK_BOOST) for s in plan.optional]
    codes = [Q.Term("code", c, boost=CODE_BOOST) for c in plan.codes]
    if require_all and clauses:
        core = clauses[0] if len(clauses) == 1 else Q.And(clauses)
        scored = Q.AndMaybe(core, Q.Or(extras)) if extras else core
        return Q.Or([scored] + codes) if codes else scored
    return Q.Or(clauses + extras + codes)
