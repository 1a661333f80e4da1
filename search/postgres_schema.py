"""The search tables in PostgreSQL, and the pre-analysed ``tsvector`` of an edition.

PostgreSQL's own text search cannot fold Vietnamese or segment words, so the terms are made by
``search.analysis`` in Python (the same terms as the Whoosh index) and stored as a weighted
``tsvector`` built from a literal: the 'simple' configuration is never asked to parse anything.
Field groups map to the four weights A–D. A term's positions are capped at ``MAX_POSITIONS``:
``ts_rank`` counts positions as frequency, and capping it saturates frequency as BM25 does.
"""
from __future__ import annotations

import json
from collections import Counter

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR

from search.analysis import clean, fold
from search.fields import POSTGRES_WEIGHTS, analyze_document, sort_name
from search.interface import EditionDocument

MAX_POSITIONS = 4
MAX_POSITION = 16_383  # PostgreSQL's largest tsvector position
MAX_LEXEME_CHARS = 200  # longer "words" are noise (and PostgreSQL refuses lexemes over 2 KB)
CODE_PREFIX = "#"

metadata = sa.MetaData()

procedure_revision = sa.Table(
    "search_procedure_revision", metadata,
    sa.Column("procedure_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("revision", sa.BigInteger, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

edition = sa.Table(
    "search_edition", metadata,
    sa.Column("edition_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("procedure_id", sa.BigInteger,
              sa.ForeignKey("search_procedure_revision.procedure_id", ondelete="CASCADE"), nullable=False),
    sa.Column("sector", sa.Text),
    sa.Column("levels", ARRAY(sa.Text), nullable=False),
    sa.Column("agencies", ARRAY(sa.Text), nullable=False),
    sa.Column("online_level", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("effective_from", sa.Date, nullable=False),
    sa.Column("effective_to", sa.Date),
    sa.Column("sort_name", sa.Text, nullable=False),
    sa.Column("name_folded", sa.Text, nullable=False),
    sa.Column("terms", TSVECTOR, nullable=False),
    sa.Column("name_terms", TSVECTOR, nullable=False),
    sa.Column("data", JSONB, nullable=False),
    sa.Index("search_edition_procedure", "procedure_id"),
    sa.Index("search_edition_dates", "effective_from", "effective_to"),
    sa.Index("search_edition_terms", "terms", postgresql_using="gin"),
    sa.Index("search_edition_name_trgm", "name_folded", postgresql_using="gin",
             postgresql_ops={"name_folded": "gin_trgm_ops"}),
)


def ensure_schema(engine: sa.Engine) -> None:
    """Create the extension (pg_trgm, for suggestions), tables and indexes that are missing."""
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        metadata.create_all(conn)


def drop_schema(engine: sa.Engine) -> None:
    """Drop the search tables (tests and a full reset use it)."""
    with engine.begin() as conn:
        metadata.drop_all(conn)


def lexeme(term: str) -> str:
    """A term quoted for tsvector/tsquery input: it is never parsed, whatever it contains."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literals(doc: EditionDocument) -> tuple[str, str]:
    """The weighted tsvector of an edition and that of its name alone, as input text for
    ``CAST(... AS tsvector)``. The small name vector ranks candidates cheaply; the full one, which
    PostgreSQL keeps out of line (TOAST), is only read to score the few that are shown."""
    positions: dict[str, list[str]] = {}
    name_positions: dict[str, list[str]] = {}
    at = 1
    for group, analysed in analyze_document(doc).items():
        weight = POSTGRES_WEIGHTS[group]
        counts = Counter(analysed.words + analysed.syllables + analysed.bigrams)
        for term, count in counts.items():
            if len(term) > MAX_LEXEME_CHARS:
                continue
            slots = positions.setdefault(term, [])
            for _ in range(min(count, MAX_POSITIONS)):
                slots.append(f"{at}{weight}")
                if group == "name":
                    name_positions.setdefault(term, []).append(f"{at}{weight}")
                at = min(at + 1, MAX_POSITION)
    if doc.code:
        positions.setdefault(CODE_PREFIX + fold(clean(doc.code)), []).append(f"{at}A")

    def literal(found: dict[str, list[str]]) -> str:
        return " ".join(f"{lexeme(term)}:{','.join(slots)}" for term, slots in found.items())

    return literal(positions), literal(name_positions)


def edition_row(doc: EditionDocument) -> dict:
    """The row of ``search_edition`` for one edition."""
    terms, name_terms = tsvector_literals(doc)
    return {
        "edition_id": doc.edition_id, "procedure_id": doc.procedure_id, "sector": doc.sector,
        "levels": list(doc.levels), "agencies": [a for a in doc.agencies if a],
        "online_level": doc.online_level, "status": doc.status, "effective_from": doc.effective_from,
        "effective_to": doc.effective_to, "sort_name": sort_name(doc.name),
        "name_folded": fold(clean(doc.name)), "terms": terms, "name_terms": name_terms,
        "data": json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)),
    }
