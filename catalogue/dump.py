"""Tables as JSON lines and back: a logical copy of the database that needs no ``pg_dump``.

A ``pg_dump`` archive wants a ``pg_restore`` of a matching major version and cannot be loaded into
SQLite; JSON lines written through SQLAlchemy Core can be read by any later version of this software
into either database. Rows are read by reflecting the database, so a copy can be taken at whatever
schema revision the database is at; they are loaded into tables that the migrations created at that
same revision, each value decoded by the type of its target column.

Tables are loaded parents first. A foreign key that closes a cycle (``procedure.current_edition_id``
↔ ``edition.procedure_id``) or points into its own table (``procedure.predecessor_id``) cannot be
satisfied row by row: such nullable columns are inserted empty and set by an UPDATE once every row
of the table is in.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, ForeignKeyConstraint, MetaData, Table, bindparam, func, select, text
from sqlalchemy import types as sqltypes
from sqlalchemy.sql.ddl import sort_tables_and_constraints

ALWAYS_EXCLUDED = frozenset({"alembic_version"})  # the revision travels in the manifest instead
BATCH = 1_000


def reflect(conn: Connection, exclude: Iterable[str] = ()) -> MetaData:
    """The database's tables, without Alembic's and those in ``exclude`` (e.g. a rebuildable index)."""
    skip = ALWAYS_EXCLUDED | set(exclude)
    metadata = MetaData()
    metadata.reflect(conn, only=lambda name, _meta: name not in skip)
    return metadata


# -- values ---------------------------------------------------------------------------------------

def encode(value: Any) -> Any:
    """A column value as JSON: datetimes in UTC ISO form, decimals as strings, bytes in base64."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # SQLite gives back the UTC wall clock without a zone
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decode(value: Any, column_type: sqltypes.TypeEngine) -> Any:
    """The Python value for ``column_type`` from what :func:`encode` wrote (or a value read directly)."""
    if value is None or isinstance(column_type, sqltypes.JSON):
        return value
    if isinstance(column_type, sqltypes.DateTime):
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        moment = moment.astimezone(dt.timezone.utc)
        return moment if column_type.timezone else moment.replace(tzinfo=None)
    if isinstance(column_type, sqltypes.Date):
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(column_type, sqltypes.Time):
        return dt.time.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(column_type, sqltypes.Numeric) and not isinstance(column_type, sqltypes.Float):
        return Decimal(value) if isinstance(value, str) else value
    if isinstance(column_type, sqltypes.LargeBinary):
        return base64.b64decode(value) if isinstance(value, str) else value
    if isinstance(column_type, sqltypes.Boolean):
        return bool(value)
    return value


# -- order ----------------------------------------------------------------------------------------

@dataclass
class LoadPlan:
    """Tables in loading order, and per table the nullable columns to fill after all rows are in."""
    tables: list[Table]
    deferred: dict[str, list[str]] = field(default_factory=dict)


def _key(fk: ForeignKeyConstraint) -> tuple[str, ...]:
    return (fk.table.name, *sorted(c.name for c in fk.columns))


def plan(metadata: MetaData) -> LoadPlan:
    """Parents first; the fewest nullable foreign keys deferred to break cycles."""
    tables = list(metadata.tables.values())

    def cyclic(skip: set[tuple[str, ...]]) -> list[ForeignKeyConstraint]:
        order = sort_tables_and_constraints(tables, filter_fn=lambda fk: True if _key(fk) in skip else None)
        return [fk for table, fks in order if table is None for fk in fks if _key(fk) not in skip]

    skip: set[tuple[str, ...]] = set()
    candidates = sorted((fk for fk in cyclic(skip) if all(c.nullable for c in fk.columns)), key=_key)
    for fk in candidates:  # break every cycle …
        if not cyclic(skip):
            break
        skip.add(_key(fk))
    if cyclic(skip):
        raise ValueError("foreign keys form a cycle through NOT NULL columns")
    for fk in candidates:  # … then keep only the deferrals that are needed
        if _key(fk) in skip and not cyclic(skip - {_key(fk)}):
            skip.discard(_key(fk))
    order = [t for t, _ in sort_tables_and_constraints(tables, filter_fn=lambda fk: True if _key(fk) in skip else None)
             if t is not None]
    deferred: dict[str, list[str]] = {}
    for table in tables:
        for fk in table.foreign_key_constraints:
            own = fk.referred_table is table
            if (_key(fk) in skip or own) and all(c.nullable for c in fk.columns):
                deferred.setdefault(table.name, []).extend(c.name for c in fk.columns)
    return LoadPlan(order, {name: sorted(set(cols)) for name, cols in deferred.items()})


# -- dumping and loading --------------------------------------------------------------------------

def dump_rows(conn: Connection, table: Table) -> Iterator[bytes]:
    """One JSON line per row, in primary-key order."""
    stmt = select(table).order_by(*table.primary_key.columns)
    result = conn.execute(stmt.execution_options(yield_per=BATCH))
    try:
        for row in result:
            line = {name: encode(value) for name, value in row._mapping.items()}
            yield (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    finally:
        result.close()


def json_rows(lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    for line in lines:
        if line.strip():
            yield json.loads(line)


def load(conn: Connection, load_plan: LoadPlan, rows_of: Callable[[Table], Iterable[dict[str, Any]]]) -> dict[str, int]:
    """Insert every table's rows (clearing rows the migrations seeded); returns rows per table."""
    counts: dict[str, int] = {}
    later: list[tuple[Table, list[str], list[dict[str, Any]]]] = []
    for table in load_plan.tables:
        if conn.execute(select(1).select_from(table).limit(1)).first() is not None:
            conn.execute(table.delete())
        deferred = load_plan.deferred.get(table.name, [])
        counts[table.name], updates = _insert(conn, table, rows_of(table), deferred)
        if updates:
            later.append((table, deferred, updates))
    for table, deferred, updates in later:
        keys = list(table.primary_key.columns)
        stmt = (table.update().where(*[k == bindparam(f"key_{k.name}") for k in keys])
                .values({name: bindparam(f"value_{name}") for name in deferred}))
        for start in range(0, len(updates), BATCH):
            conn.execute(stmt, updates[start:start + BATCH])
    if conn.dialect.name == "postgresql":
        _reset_sequences(conn, load_plan.tables)
    return counts


def _insert(conn: Connection, table: Table, rows: Iterable[dict[str, Any]],
            deferred: list[str]) -> tuple[int, list[dict[str, Any]]]:
    columns = {c.name: c.type for c in table.columns}
    keys = [c.name for c in table.primary_key.columns]
    count, batch, updates = 0, [], []
    for raw in rows:
        row = {name: decode(raw.get(name), kind) for name, kind in columns.items()}
        later = {name: row[name] for name in deferred if row[name] is not None}
        if later:
            updates.append({**{f"key_{k}": row[k] for k in keys}, **{f"value_{n}": row[n] for n in deferred}})
            row.update(dict.fromkeys(later))
        batch.append(row)
        count += 1
        if len(batch) >= BATCH:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
    return count, updates


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """Rows came with their ids: move each id sequence past the largest, or the next insert collides."""
    quote = conn.dialect.identifier_preparer.quote
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, sqltypes.Integer):
            continue
        sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:table, :column)"),
                               {"table": quote(table.name), "column": keys[0].name})
        if sequence is None:
            continue
        top = conn.scalar(select(func.max(keys[0])))
        conn.execute(text("SELECT setval(CAST(:sequence AS regclass), :value, :called)"),
                     {"sequence": sequence, "value": top or 1, "called": top is not None})


def row_counts(conn: Connection, metadata: MetaData) -> dict[str, int]:
    return {name: conn.scalar(select(func.count()).select_from(table))
            for name, table in sorted(metadata.tables.items())}


def holds_data(conn: Connection, metadata: MetaData, seeded: Iterable[str] = ()) -> list[str]:
    """The tables that have rows, leaving out those the migrations fill themselves."""
    skip = set(seeded)
    return [name for name, table in sorted(metadata.tables.items())
            if name not in skip and conn.execute(select(1).select_from(table).limit(1)).first() is not None]
