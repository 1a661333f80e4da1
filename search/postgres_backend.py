"""The production search backend: the index lives in PostgreSQL, next to the data.

Any number of stateless web workers share it; there is no file, lock or process to coordinate.
Writes are one transaction per procedure, guarded by an upsert on ``search_procedure_revision``
that only succeeds for a revision at least as new as the one held (the row lock it takes also
serialises two writers of the same procedure). Readers never wait: MVCC shows them the last
committed state. Ranking is ``ts_rank`` over the weighted tsvector (no IDF: PostgreSQL has none),
first over the name's own small vector for every match, then over the full one for a pool; the
match, relaxation, facets, pagination and snippets follow the same rules as the Whoosh backend
(``search.results``).
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSVECTOR, insert

from search import lexicon as lexicon_module
from search.analysis import clean, fold, tokenize
from search.fields import BOOSTS
from search.interface import EditionDocument, SearchQuery, SearchResults
from search.postgres_schema import (CODE_PREFIX, drop_schema, edition, edition_row, ensure_schema,
                                    lexeme, procedure_revision)
from search.query import Alternative, Clause, QueryPlan
from search.query import plan as make_plan
from search.results import assemble, combine
from search.suggest import Vocabulary, suggest

__all__ = ["PostgresBackend", "ensure_schema", "drop_schema"]

# ts_rank weights for D, C, B, A, from the same group boosts as Whoosh (name = 1).
RANK_WEIGHTS = "{" + ",".join(f"{BOOSTS[g] / BOOSTS['name']:.4f}" for g in ("rest", "detail", "key", "name")) + "}"
BATCH = 200  # procedures per transaction when rebuilding
POOL = 50  # matches ranked by their full vector beyond the last requested result
SUGGESTION_NAMES = 20  # names closest to a mistyped query that the corrector learns from
_FACET_COLUMNS = {"sector": "sector", "level": "levels", "agency": "agencies",
                  "online_level": "online_level", "status": "status"}


def _all(terms: Iterable[str]) -> str:
    return "(" + " & ".join(lexeme(t) for t in terms) + ")"


def _alternative(alt: Alternative) -> str:
    return _all(alt.syllables)


def _clause(clause: Clause) -> str:
    return "(" + " | ".join(_alternative(a) for a in clause.alternatives) + ")"


def _codes(plan: QueryPlan) -> list[str]:
    return [lexeme(CODE_PREFIX + code) for code in plan.codes]


def match_query(plan: QueryPlan) -> str:
    """tsquery text requiring every clause (or a typed code)."""
    parts = [" & ".join(_clause(c) for c in plan.clauses)] if plan.clauses else []
    parts += _codes(plan)
    if not parts:  # only weak words: any of them
        return " | ".join(lexeme(t) for t in plan.optional)
    return " | ".join(f"({p})" for p in parts)


def score_query(plan: QueryPlan) -> str:
    """tsquery text of every term that adds to the score."""
    terms: dict[str, None] = {}
    for clause in plan.clauses:
        for alt in clause.alternatives:
            terms.update(dict.fromkeys(alt.syllables + alt.bigrams + alt.words))
    terms.update(dict.fromkeys(plan.bigrams + plan.words + plan.optional))
    return " | ".join([lexeme(t) for t in terms] + _codes(plan))


class PostgresBackend:
    """Search backend over the ``search_*`` tables (created by ``ensure_schema``)."""

    def __init__(self, engine: sa.Engine | None = None, url: str | None = None,
                 lexicon: lexicon_module.Lexicon | None = None, create: bool = True):
        if engine is None:
            if not url:
                raise ValueError("the postgres search backend needs an engine or a url")
            engine = sa.create_engine(url)
            self._own_engine = True
        else:
            self._own_engine = False
        self.engine = engine
        self.lexicon = lexicon if lexicon is not None else lexicon_module.load()
        if create:
            ensure_schema(engine)

    # --- writing -------------------------------------------------------------------------------

    @staticmethod
    def _claim(conn, revisions: dict[int, tuple[int, bool]]) -> set[int]:
        """Record the revisions that are not older than the ones held; return those procedures."""
        if not revisions:
            return set()
        statement = insert(procedure_revision).values([
            {"procedure_id": pid, "revision": rev, "deleted": deleted}
            for pid, (rev, deleted) in revisions.items()])
        statement = statement.on_conflict_do_update(
            index_elements=[procedure_revision.c.procedure_id],
            set_={"revision": statement.excluded.revision, "deleted": statement.excluded.deleted,
                  "updated_at": sa.func.now()},
            where=procedure_revision.c.revision <= statement.excluded.revision,
        ).returning(procedure_revision.c.procedure_id)
        return {row[0] for row in conn.execute(statement)}

    @staticmethod
    def _write(conn, procedures: set[int], rows: list[dict]) -> None:
        if not procedures:
            return
        conn.execute(sa.delete(edition).where(edition.c.procedure_id.in_(procedures)))
        rows = [row for row in rows if row["procedure_id"] in procedures]
        if rows:
            values = {c.name: sa.bindparam(c.name) for c in edition.columns}
            values["terms"] = sa.cast(sa.bindparam("terms"), TSVECTOR)
            values["name_terms"] = sa.cast(sa.bindparam("name_terms"), TSVECTOR)
            conn.execute(edition.insert().values(values), rows)

    def replace_procedure(self, procedure_id: int, revision: int, docs: list[EditionDocument]) -> bool:
        _check_docs(procedure_id, docs)
        rows = [edition_row(doc) for doc in docs]  # analysis before the transaction
        with self.engine.begin() as conn:
            won = self._claim(conn, {procedure_id: (revision, False)})
            self._write(conn, won, rows)
        return bool(won)

    def delete_procedure(self, procedure_id: int, revision: int) -> bool:
        with self.engine.begin() as conn:
            won = self._claim(conn, {procedure_id: (revision, True)})
            self._write(conn, won, [])
        return bool(won)

    def rebuild(self, items: Iterable[tuple[int, int, list[EditionDocument]]]) -> int:
        """Write ``items`` in batches, then drop what the rebuild did not write.

        Searches see old and new content side by side meanwhile (the same procedures, both
        valid); concurrent updates keep their revision guard, and a procedure written by anyone
        after the rebuild began is kept.
        """
        with self.engine.begin() as conn:
            started = conn.execute(sa.select(sa.func.now())).scalar_one()
        count = 0
        batch: list[tuple[int, int, list[EditionDocument]]] = []

        def flush() -> None:
            rows = [edition_row(doc) for _, _, docs in batch for doc in docs]
            with self.engine.begin() as conn:
                won = self._claim(conn, {pid: (rev, False) for pid, rev, _ in batch})
                self._write(conn, won, rows)
            batch.clear()

        for procedure_id, revision, docs in items:
            _check_docs(procedure_id, docs)
            batch.append((procedure_id, revision, docs))
            count += 1
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
        with self.engine.begin() as conn:
            conn.execute(sa.delete(procedure_revision).where(procedure_revision.c.updated_at < started))
        return count

    # --- reading -------------------------------------------------------------------------------

    def indexed_revisions(self) -> dict[int, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(procedure_revision.c.procedure_id, procedure_revision.c.revision)
                                .where(procedure_revision.c.deleted.is_(False)))
            return {pid: rev for pid, rev in rows}

    def search(self, query: SearchQuery) -> SearchResults:
        query = query.checked()
        plan = make_plan(query.text, self.lexicon)
        day = query.date
        with self.engine.connect() as conn:
            records: dict[int, dict] = {}
            if plan.is_empty:
                scored = self._browse(conn, day, records)
                return self._assemble(conn, query, scored, None, None, records)
            end = query.page * query.per_page
            scored, complete = self._execute(conn, plan, day, records, end)
            suggestion = None if complete else self._suggestion(conn, plan.text)
            if suggestion:
                corrected_plan = make_plan(suggestion, self.lexicon)
                corrected, corrected_complete = self._execute(conn, corrected_plan, day, records, end)
                if corrected_complete:
                    scored, plan = corrected, corrected_plan
            return self._assemble(conn, query, scored, plan, suggestion, records)

    @staticmethod
    def _in_effect(day: date):
        return sa.and_(edition.c.effective_from <= day,
                       sa.or_(edition.c.effective_to.is_(None), edition.c.effective_to > day))

    @staticmethod
    def _columns():
        return [edition.c.edition_id, edition.c.procedure_id, edition.c.sector, edition.c.levels,
                edition.c.agencies, edition.c.online_level, edition.c.status]

    def _browse(self, conn, day: date, records: dict) -> list[tuple[float, int]]:
        rows = conn.execute(sa.select(*self._columns()).where(self._in_effect(day))
                            .order_by(edition.c.sort_name.collate("C"), edition.c.edition_id))
        scored = []
        for row in rows:
            records[row.edition_id] = row._asdict()
            scored.append((0.0, row.edition_id))
        return scored

    def _execute(self, conn, plan: QueryPlan, day: date, records: dict, end: int) -> tuple[list, bool]:
        """Full matches, then partial ones (``search.results.combine``), as in the Whoosh backend.

        Every match is fetched with its facets and ranked by its name alone (a small tsvector);
        the first ``end + POOL`` are then ranked by the full tsvector, which is read for them only.
        """
        score_q = sa.literal(score_query(plan)).cast(_TSQUERY)
        name_rank = sa.func.ts_rank(sa.literal(RANK_WEIGHTS).cast(sa.ARRAY(sa.REAL)), edition.c.name_terms, score_q)
        required = edition.c.terms.bool_op("@@")(sa.literal(match_query(plan)).cast(_TSQUERY))
        rows = conn.execute(sa.select(*self._columns(), name_rank.label("score"))
                            .where(required, self._in_effect(day)))
        full = []
        for row in rows:
            records[row.edition_id] = row._asdict()
            full.append((float(row.score), row.edition_id))
        full = self._rescore(conn, full, score_q, end)
        n = len(plan.clauses)
        if n < 2:
            return full, bool(full)
        matched = sum((edition.c.terms.bool_op("@@")(sa.literal(_clause(c)).cast(_TSQUERY))).cast(sa.Integer)
                      for c in plan.clauses)
        any_clause = edition.c.terms.bool_op("@@")(
            sa.literal(" | ".join(_clause(c) for c in plan.clauses)).cast(_TSQUERY))
        base = sa.and_(any_clause, sa.not_(required), self._in_effect(day))
        if full:
            floor = n - 1
        else:
            best = conn.execute(sa.select(sa.func.max(matched)).where(base)).scalar()
            if not best:
                return full, False
            floor = max(1, best - 1)
        rows = conn.execute(sa.select(*self._columns(), name_rank.label("score"), matched.label("matched"))
                            .where(base, matched >= floor))
        counts = {}
        partial = []
        for row in rows:
            records[row.edition_id] = row._asdict()
            counts[row.edition_id] = row.matched
            partial.append((float(row.score), row.edition_id))
        partial = self._rescore(conn, partial, score_q, POOL if full else end)
        return combine(full, [(score, ref, counts[ref]) for score, ref in partial], n), bool(full)

    def _rescore(self, conn, scored: list[tuple[float, int]], score_q, end: int) -> list[tuple[float, int]]:
        """The best ``end + POOL`` by name, ranked by the full vector; the rest after, by name."""
        if not scored:
            return []
        scored.sort(key=lambda item: -item[0])
        pool, rest = scored[:end + POOL], scored[end + POOL:]
        rank = sa.func.ts_rank(sa.literal(RANK_WEIGHTS).cast(sa.ARRAY(sa.REAL)), edition.c.terms, score_q)
        exact = dict(conn.execute(sa.select(edition.c.edition_id, rank)
                                  .where(edition.c.edition_id.in_([ref for _, ref in pool]))).all())
        ranked = sorted(((float(exact[ref]), ref) for _, ref in pool), key=lambda item: -item[0])
        if rest:
            # Below the pool, in name order, on a scale that keeps them there.
            floor = min(score for score, _ in ranked) or 1e-9
            top = rest[0][0] or 1.0
            ranked += [(floor * 0.99 * score / top, ref) for score, ref in rest]
        return ranked

    def _assemble(self, conn, query, scored, plan, suggestion, records) -> SearchResults:
        def values_of(facet: str, ref: int) -> tuple[str, ...]:
            value = records[ref][_FACET_COLUMNS[facet]]
            if isinstance(value, list):
                return tuple(value)
            return (value,) if value else ()

        def load(refs: list[int]) -> list[dict]:
            if not refs:
                return []
            rows = conn.execute(sa.select(edition.c.edition_id, edition.c.data)
                                .where(edition.c.edition_id.in_(refs)))
            data = {edition_id: value for edition_id, value in rows}
            return [data[ref] for ref in refs]

        return assemble(query, scored, plan, suggestion,
                        procedure_of=lambda ref: records[ref]["procedure_id"], values_of=values_of, load=load)

    # --- suggestions ---------------------------------------------------------------------------

    def _suggestion(self, conn, text: str) -> str | None:
        """Corrections learnt from the procedure names closest to the query (pg_trgm)."""
        folded = fold(clean(text))
        if not folded.strip():
            return None
        similarity = sa.func.word_similarity(folded, edition.c.name_folded)
        names = conn.execute(
            sa.select(edition.c.data["name"].astext.label("name"), similarity.label("s"))
            .where(sa.literal(folded).bool_op("<%")(edition.c.name_folded))
            .order_by(sa.desc("s")).limit(SUGGESTION_NAMES)).all()
        syllables: Counter = Counter()
        forms: Counter = Counter()
        bigrams: set[str] = set()
        for row in names:
            tokens = tokenize(clean(row.name))
            syllables.update({t.folded for t in tokens})
            forms.update(t.accented for t in tokens)
            bigrams.update(f"{a.folded}_{b.folded}" for a, b in zip(tokens, tokens[1:]) if b.joined)
        accented: dict[str, str] = {}
        for form, _ in forms.most_common():
            accented.setdefault(fold(form), form)

        def known(term: str) -> bool:
            return bool(conn.execute(sa.select(sa.exists().where(
                edition.c.terms.bool_op("@@")(sa.literal(lexeme(term)).cast(_TSQUERY))))).scalar())

        return suggest(text, Vocabulary(known, dict(syllables), accented, bigrams))

    def close(self) -> None:
        if self._own_engine:
            self.engine.dispose()


class _TSQueryType(sa.types.UserDefinedType):
    cache_ok = True

    def get_col_spec(self, **kw):
        return "tsquery"


_TSQUERY = _TSQueryType()


def _check_docs(procedure_id: int, docs: list[EditionDocument]) -> None:
    for doc in docs:
        if doc.procedure_id != procedure_id:
            raise ValueError(f"edition {doc.edition_id} belongs to procedure {doc.procedure_id}, not {procedure_id}")
