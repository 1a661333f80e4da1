"""One committed generation of the Whoosh index, and how a query is answered on it.

Columns (dates, statuses, facets, names) are read into plain lists once per segment (segments are
immutable, so a commit only reads its new segment), per segment so a segment without a value cannot
shift the others. A query is then answered in three
steps, none of which walks Whoosh's matcher trees:

1. match: each clause's documents as a set (``search.bitsets``) from cached postings; all clauses
   required, and documents missing one clause as candidates for relaxation;
2. count: filters and the five facets as set intersections and bit counts;
3. rank: a pool of candidates, chosen by how many clauses their *name* matches and then by the
   shortness of the name, is scored exactly with BM25F (``search.whoosh_ranking``); matches
   beyond the pool follow in that order. The pool is ``POOL`` documents past the requested page,
   so pages that people actually read are exactly ranked.
"""
from __future__ import annotations

import json
import threading
import heapq
from array import array
from collections import Counter
from datetime import date
from functools import lru_cache

from search import bitsets
from search.analysis import fold
from search.fields import GROUPS
from search.interface import FACETS, SearchQuery, SearchResults
from search.query import QueryPlan
from search.results import FACET_LIMIT, RELAX_RATIO, facet_filters, make_hit, ordered_counts
from search.suggest import Vocabulary, suggest
from search.whoosh_ranking import Ranker, spec
from search.whoosh_schema import EDITION, MARKER, SEPARATOR

COLUMNS = {"kind": "", "procedure_id": 0, "revision": 0, "eff_from": 0, "eff_to": 0, "deleted": "",
           "status": "", "sector": "", "levels": "", "agencies": "", "online_level": "", "sort_name": ""}
POOL = 30  # candidates ranked exactly beyond the last requested result
POSTINGS_CACHE = 384  # (field, term) postings kept per generation
SETS_CACHE = 4_096  # document sets kept per generation


class Snapshot:
    """An open searcher on one generation, shared by concurrent searches until replaced."""

    def __init__(self, name: str, index, segment_columns: dict | None = None):
        self.name = name
        self.generation = index.latest_generation()
        self.searcher = index.searcher()
        self._lock = threading.Lock()
        self._users = 0
        self._released = False
        self._vocabulary: Vocabulary | None = None
        reader = self.searcher.reader()
        self.size = reader.doc_count_all()
        self.leaves = [(leaf.reader(), offset) for leaf, offset in self.searcher.leaf_searchers()]
        columns: dict[str, list] = {name: [] for name in COLUMNS}
        cache = segment_columns if segment_columns is not None else {}
        for leaf_reader, _offset in self.leaves:
            segment = leaf_reader.segment()
            key = (name, segment.segment_id()) if segment is not None else None
            values = cache.get(key) if key else None
            if values is None:
                values = _segment_columns(leaf_reader)
                if key:
                    cache[key] = values
            for column in COLUMNS:
                columns[column].extend(values[column])
        live_segments = {(name, leaf.segment().segment_id()) for leaf, _ in self.leaves if leaf.segment()}
        for key in [k for k in cache if k[0] == name and k not in live_segments]:
            cache.pop(key, None)  # segments merged away
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
        self.postings = lru_cache(maxsize=POSTINGS_CACHE)(self._postings)
        self.term_set = lru_cache(maxsize=SETS_CACHE)(self._term_set)
        self.syllable_set = lru_cache(maxsize=SETS_CACHE)(self._syllable_set)
        self._facet_sets: dict[str, dict[str, int]] = {}
        self._facet_totals: dict[str, list[tuple[str, int]]] = {}
        self.browse_order = lru_cache(maxsize=16)(self._browse_order)
        self._name_order: list[int] | None = None
        self._length_bands: list[int] | None = None
        self.ranker = Ranker(self)

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

    # --- sets ----------------------------------------------------------------------------------

    def _allowed(self, day: date) -> int:
        """Editions in effect on ``day`` (any status), one per procedure (the latest if several)."""
        o = day.toordinal()
        ef, et, procedure = self.eff_from, self.eff_to, self.procedure
        best: dict[int, int] = {}
        for d in self.editions:
            if ef[d] <= o < et[d]:
                other = best.get(procedure[d])
                if other is None or (ef[d], d) > (ef[other], other):
                    best[procedure[d]] = d
        return bitsets.from_ids(best.values(), self.size)

    def _postings(self, field: str, term: str) -> tuple[array, array]:
        """Document numbers (sorted) and weights of a term, read a block at a time."""
        ids, weights = array("I"), array("f")
        for leaf_reader, offset in self.leaves:
            try:
                matcher = leaf_reader.postings(field, term)
            except Exception:  # noqa: BLE001 - whoosh raises TermNotFound and friends
                continue
            raw = getattr(matcher, "child", matcher)
            if hasattr(raw, "_read_ids") and hasattr(raw, "_next_block"):
                while not raw._atend:
                    raw._read_ids()
                    raw._read_weights()
                    ids.extend(raw._ids if not offset else map(offset.__add__, raw._ids))
                    weights.extend(raw._weights[:len(raw._ids)])
                    raw._next_block()
            else:
                while matcher.is_active():
                    ids.append(matcher.id() + offset)
                    weights.append(matcher.weight())
                    matcher.next()
        return ids, weights

    def _term_set(self, field: str, term: str) -> int:
        return bitsets.from_ids(self.postings(field, term)[0], self.size)

    def _syllable_set(self, syllable: str) -> int:
        found = 0
        for group in GROUPS:
            found |= self.term_set(f"{group}_s", syllable)
        return found

    def _alternative_set(self, syllables, field: str | None) -> int:
        found = -1
        for s in syllables:
            found &= self.syllable_set(s) if field is None else self.term_set(field, s)
            if not found:
                return 0
        return found

    def clause_set(self, clause, field: str | None = None) -> int:
        found = 0
        for alt in clause.alternatives:
            found |= self._alternative_set(alt.syllables, field)
        return found

    def facet_set(self, facet: str, value: str) -> int:
        return self._facet_members(facet).get(value, 0)

    def _facet_members(self, facet: str) -> dict[str, int]:
        """Each value of a facet with the set of editions that have it (built on first use)."""
        if facet not in self._facet_sets:
            members: dict[str, bytearray] = {}
            width = (self.size + 7) // 8
            values = self.facet_values[facet]
            for d in self.editions:
                for v in values[d]:
                    data = members.get(v)
                    if data is None:
                        data = members[v] = bytearray(width)
                    data[d >> 3] |= 1 << (d & 7)
            self._facet_sets[facet] = {v: int.from_bytes(data, "little") for v, data in members.items()}
            self._facet_totals[facet] = sorted(((v, found.bit_count()) for v, found in self._facet_sets[facet].items()),
                                               key=lambda item: -item[1])
        return self._facet_sets[facet]

    # --- answering -----------------------------------------------------------------------------

    def answer(self, query: SearchQuery, plan: QueryPlan | None, lexicon) -> SearchResults:
        """Results of a checked query (``plan`` None or empty: browse)."""
        allowed = self.allowed(query.date)
        filters = {facet: {value} for facet, value in facet_filters(query).items()}
        filters["status"] = set(query.statuses)
        filter_sets = {f: _union(self.facet_set(f, v) for v in values) for f, values in filters.items()}
        wanted = allowed
        for found in filter_sets.values():
            wanted &= found
        end = query.page * query.per_page
        suggestion = None
        if plan is None or plan.is_empty:
            matched, ordered = allowed, self.browse_order(wanted, end)
        else:
            matched, ordered, complete = self._match_and_rank(plan, allowed, wanted, end)
            if not complete:
                suggestion = self.suggestion(plan.text)
                if suggestion:
                    from search.query import plan as make_plan

                    corrected = make_plan(suggestion, lexicon)
                    again = self._match_and_rank(corrected, allowed, wanted, end)
                    if again[2]:
                        matched, ordered, _ = again
                        plan = corrected
        facets = {}
        for facet in FACETS:
            base = matched
            for other, found in filter_sets.items():
                if other != facet:
                    base &= found
            facets[facet] = self._facet_counts(facet, base)
        hits_set = matched & wanted
        page = [(s, d) for s, d in ordered[(query.page - 1) * query.per_page:end]]
        hits = [make_hit(self.data(d), s, plan if plan and not plan.is_empty else None) for s, d in page]
        return SearchResults(total=hits_set.bit_count(), page=query.page, per_page=query.per_page,
                             hits=hits, facets=facets, suggestion=suggestion)

    def _facet_counts(self, facet: str, base: int) -> list[tuple[str, int]]:
        """The ``FACET_LIMIT`` most frequent values among ``base``.

        Values are visited from the most to the least frequent overall; once a value's overall
        frequency cannot beat the last of the best so far, none after it can, so the thousands
        of local agencies of a large catalogue are mostly never counted.
        """
        members, totals = self._facet_members(facet), self._facet_totals[facet]
        best: list[tuple[int, str]] = []  # heap of (count, value), the smallest first
        for value, total in totals:
            if len(best) >= FACET_LIMIT and total < best[0][0]:
                break
            count = (base & members[value]).bit_count()
            if not count:
                continue
            if len(best) < FACET_LIMIT:
                heapq.heappush(best, (count, value))
            elif count > best[0][0]:
                heapq.heapreplace(best, (count, value))
        return ordered_counts({value: count for count, value in best})

    def _browse_order(self, wanted: int, end: int) -> list[tuple[float, int]]:
        if self._name_order is None:
            self._name_order = sorted(self.editions, key=self.sort_name.__getitem__)
        members = set(bitsets.to_ids(wanted))
        out = []
        for d in self._name_order:
            if d in members:
                out.append((0.0, d))
                if len(out) >= end:
                    break
        return out

    def _match_and_rank(self, plan: QueryPlan, allowed: int, wanted: int, end: int):
        """(matched set, ranked (score, doc) up to ``end`` within ``wanted``, complete?)."""
        clause_sets = [self.clause_set(c) & allowed for c in plan.clauses]
        codes = _union(self.term_set("code", c) for c in plan.codes) & allowed
        n = len(clause_sets)
        if n:
            full = _intersection(clause_sets) | codes
        else:
            full = (_union(self.syllable_set(s) for s in plan.optional) & allowed) | codes
        terms = self.ranker.present(spec(plan))
        ranked = self._rank(plan, full & wanted, terms, end)
        if n < 2:
            return full, ranked, bool(full)
        exact = bitsets.exact_counts(clause_sets)
        if full:
            partial = exact[n - 1] & ~full
            if not ranked or not partial & wanted:
                return full, ranked, True
            bar = ranked[0][0] * RELAX_RATIO
            scaled = [(s * ((n - 1) / n) ** 2, d) for s, d in self._rank(plan, partial & wanted, terms, POOL)]
            admitted = [(s, d) for s, d in scaled if s >= bar]
            if not admitted:
                return full, ranked, True
            merged = sorted(ranked + admitted, key=lambda item: -item[0])
            return full | bitsets.from_ids((d for _, d in admitted), self.size), merged[:end], True
        top = next((k for k in range(n, 0, -1) if exact[k]), 0)
        if not top:
            return 0, [], False
        floor = max(1, top - 1)
        partial = _union(exact[k] for k in range(floor, top + 1))
        counts = {k: exact[k] for k in range(floor, top + 1)}
        ranked = []
        for s, d in self._rank(plan, partial & wanted, terms, end):
            k = next(k for k, members in counts.items() if bitsets.contains(members, d))
            ranked.append((s * (k / n) ** 2, d))
        ranked.sort(key=lambda item: -item[0])
        return partial, ranked, False

    def _rank(self, plan: QueryPlan, candidates: int, terms, end: int) -> list[tuple[float, int]]:
        """The first ``end`` candidates: a pool chosen by name matches, scored exactly, then the
        rest in pool order."""
        if not candidates:
            return []
        size = end + POOL
        order: list[int] = []
        name_sets = [self.clause_set(c, "name_s") & candidates for c in plan.clauses]
        tiers = bitsets.exact_counts(name_sets) if name_sets else [0]
        seen = 0
        for k in range(len(tiers) - 1, -1, -1):
            tier = candidates & ~seen if k == 0 else tiers[k]
            seen |= tier
            if not tier or len(order) >= size:
                continue
            order.extend(self._shortest_names(tier, size - len(order)))
        scored = sorted(((self.ranker.score(d, terms), d) for d in order), key=lambda item: (-item[0], item[1]))
        return scored[:end]

    def _name_length(self, d: int) -> int:
        return len(self.sort_name[d])

    def _shortest_names(self, members: int, count: int) -> list[int]:
        """Up to ``count`` members with the shortest names, shortest first, visiting only the
        members of the shortest length bands (bands of names by length, built once)."""
        if self._length_bands is None:
            by_length: dict[int, list[int]] = {}
            for d in self.editions:
                by_length.setdefault(len(self.sort_name[d]) // 16, []).append(d)
            self._length_bands = [bitsets.from_ids(ids, self.size) for _, ids in sorted(by_length.items())]
        found: list[int] = []
        for band in self._length_bands:
            part = members & band
            if part:
                found.extend(sorted(bitsets.to_ids(part), key=self._name_length))
                if len(found) >= count:
                    break
        return found[:count]

    # --- reading -------------------------------------------------------------------------------

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
        decode = lambda t: t.decode() if isinstance(t, bytes) else t  # noqa: E731
        syllables = {decode(t): reader.doc_frequency("name_s", t) for t in reader.lexicon("name_s")}
        forms: Counter = Counter()
        for term in reader.lexicon("name_w"):
            count = reader.doc_frequency("name_w", term)
            for syllable in decode(term).split("_"):
                forms[syllable] += count
        accented: dict[str, str] = {}
        for form, _count in forms.most_common():
            accented.setdefault(fold(form), form)
        bigrams = {decode(t) for t in reader.lexicon("name_b")}
        fields = [f"{g}_s" for g in GROUPS]

        def known(term: str) -> bool:
            return any(reader.doc_frequency(f, term) for f in fields)

        return Vocabulary(known, syllables, accented, bigrams)


def _segment_columns(leaf_reader) -> dict[str, list]:
    """The columns of one segment; segments never change, so they are read once per process."""
    count = leaf_reader.doc_count_all()
    values = {}
    for column, default in COLUMNS.items():
        if leaf_reader.has_column(column):
            values[column] = list(leaf_reader.column_reader(column, translate=True))
        else:
            values[column] = [default] * count
    return values


def _union(sets) -> int:
    found = 0
    for s in sets:
        found |= s
    return found


def _intersection(sets: list[int]) -> int:
    found = -1
    for s in sorted(sets, key=int.bit_count):
        found &= s
        if not found:
            return 0
    return found
