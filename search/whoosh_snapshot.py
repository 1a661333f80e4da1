"""One committed generation of the Whoosh index, with its facet and date columns in memory.

Columns are read once per generation into plain lists (per segment, so a segment without a value
for a column cannot shift the others). Filters and facet counts are then set operations and a
``Counter`` over document numbers, which is what made facets affordable: Whoosh's own grouping
code costs more than the search itself.
"""
from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import date
from functools import lru_cache
from itertools import chain

from search.analysis import fold
from search.suggest import Vocabulary, suggest
from search.fields import GROUPS
from search.results import combine
from search.whoosh_schema import EDITION, MARKER, SEPARATOR, build_query, clause_query

COLUMNS = {"kind": "", "procedure_id": 0, "revision": 0, "eff_from": 0, "eff_to": 0, "deleted": "",
           "status": "", "sector": "", "levels": "", "agencies": "", "online_level": "", "sort_name": ""}


class Snapshot:
    """An open searcher on one generation, shared by concurrent searches until replaced."""

    def __init__(self, name: str, index, weighting):
        self.name = name
        self.generation = index.latest_generation()
        self.searcher = index.searcher(weighting=weighting)
        self._lock = threading.Lock()
        self._users = 0
        self._released = False
        self._vocabulary: Vocabulary | None = None
        reader = self.searcher.reader()
        self.size = reader.doc_count_all()
        columns: dict[str, list] = {name: [] for name in COLUMNS}
        for leaf, _offset in self.searcher.leaf_searchers():
            leaf_reader = leaf.reader()
            count = leaf_reader.doc_count_all()
            for name, default in COLUMNS.items():
                if leaf_reader.has_column(name):
                    columns[name].extend(leaf_reader.column_reader(name, translate=True))
                else:
                    columns[name].extend([default] * count)
        live = set(reader.all_doc_ids())
        self.kind = columns["kind"]
        self.procedure = columns["procedure_id"]
        self.revision = columns["revision"]
        self.eff_from, self.eff_to = columns["eff_from"], columns["eff_to"]
        self.deleted = columns["deleted"]
        self.sort_name = columns["sort_name"]
        self.editions = [d for d in range(self.size) if d in live and self.kind[d] == EDITION]
        self.markers = [d for d in range(self.size) if d in live and self.kind[d] == MARKER]
        single = lambda values: [(v,) if v else () for v in values]  # noqa: E731
        several = lambda values: [tuple(v.split(SEPARATOR)) if v else () for v in values]  # noqa: E731
        self.facet_values = {
            "sector": single(columns["sector"]), "level": several(columns["levels"]),
            "agency": several(columns["agencies"]), "online_level": single(columns["online_level"]),
            "status": single(columns["status"]),
        }
        self.allowed = lru_cache(maxsize=16)(self._allowed)

    # --- lifetime ------------------------------------------------------------------------------

    def enter(self) -> None:
        with self._lock:
            self._users += 1

    def leave(self) -> None:
        with self._lock:
            self._users -= 1
            close = self._released and self._users == 0
        if close:
            self.searcher.close()

    def release(self) -> None:
        """Close once the searches still using this generation are done."""
        with self._lock:
            self._released = True
            close = self._users == 0
        if close:
            self.searcher.close()

    # --- queries -------------------------------------------------------------------------------

    def _allowed(self, day: date) -> frozenset[int]:
        """Editions in effect on ``day`` (any status)."""
        o = day.toordinal()
        ef, et = self.eff_from, self.eff_to
        return frozenset(d for d in self.editions if ef[d] <= o < et[d])

    def run(self, whoosh_query, allowed: frozenset[int]) -> list[tuple[float, int]]:
        """(score, docnum) of every allowed document matching, best first."""
        if not allowed:
            return []
        results = self.searcher.search(whoosh_query, limit=None, filter=set(allowed))
        return [(score, docnum) for score, docnum in results.top_n]

    def accessors(self) -> dict:
        """What ``results.assemble`` needs to read this snapshot's documents."""
        return {"procedure_of": self.procedure.__getitem__, "values_of": self.values_of, "load": self.load}

    def procedure_of(self, docnum: int) -> int:
        return self.procedure[docnum]

    def values_of(self, facet: str, docnum: int) -> tuple[str, ...]:
        return self.facet_values[facet][docnum]

    def load(self, docnums: list[int]) -> list[dict]:
        return [self.data(d) for d in docnums]

    def execute(self, plan, allowed: frozenset[int]) -> tuple[list[tuple[float, int]], bool]:
        """Scored matches of a plan, and whether some document matched every clause.

        Every clause is required first. Documents missing one clause are then considered too,
        their score scaled by the share of clauses they match, squared: a strong match of all but
        one word (a name) can outrank an accidental match of all of them deep in a long text, as
        happens with a word no procedure uses ("lấy", "mang theo") or a typo (see ``combine``).
        """
        scored = self.run(build_query(plan, require_all=True), allowed)
        n = len(plan.clauses)
        if n < 2:
            return scored, bool(scored)
        counts: Counter = Counter()
        for clause in plan.clauses:
            counts.update(d for d in self.searcher.docs_for_query(clause_query(clause)) if d in allowed)
        if not counts:
            return scored, bool(scored)
        floor = max(1, max(counts.values()) - 1)
        full = {d for _, d in scored}
        candidates = frozenset(d for d, c in counts.items() if c >= floor and d not in full)
        if not candidates:
            return scored, bool(scored)
        relaxed = [(score, d, counts[d])
                   for score, d in self.run(build_query(plan, require_all=False), candidates)]
        return combine(scored, relaxed, n), bool(scored)

    def browse(self, allowed: frozenset[int]) -> list[tuple[float, int]]:
        """Every allowed edition, in name order."""
        return [(0.0, d) for d in sorted(allowed, key=self.sort_name.__getitem__)]

    def data(self, docnum: int) -> dict:
        return json.loads(self.searcher.stored_fields(docnum)["data"])

    def revisions(self) -> dict[int, int]:
        return {self.procedure[d]: self.revision[d] for d in self.markers if self.deleted[d] != "1"}

    # --- suggestions ---------------------------------------------------------------------------

    def suggestion(self, text: str) -> str | None:
        if self._vocabulary is None:
            self._vocabulary = self._build_vocabulary()
        return suggest(text, self._vocabulary)

    def _build_vocabulary(self) -> Vocabulary:
        reader = self.searcher.reader()
        syllables = {t.decode() if isinstance(t, bytes) else t: reader.doc_frequency("name_s", t)
                     for t in reader.lexicon("name_s")}
        forms: Counter = Counter()
        for term in reader.lexicon("name_w"):
            word = term.decode() if isinstance(term, bytes) else term
            count = reader.doc_frequency("name_w", term)
            for syllable in word.split("_"):
                forms[syllable] += count
        accented: dict[str, str] = {}
        for form, _count in forms.most_common():
            accented.setdefault(fold(form), form)
        bigrams = {t.decode() if isinstance(t, bytes) else t for t in reader.lexicon("name_b")}
        fields = [f"{g}_s" for g in GROUPS]

        def known(term: str) -> bool:
            return any(reader.doc_frequency(f, term) for f in fields)

        return Vocabulary(known, syllables, accented, bigrams)
