"""The audit trail: one row per changed object, written in the same transaction as the change.

Rows form a hash chain (see :class:`~catalogue.models.AuditEntry`). :func:`record` only collects
the row; the chain is extended when the session commits, after the change itself has been flushed:

* the chain must follow commit order, and on PostgreSQL two transactions may record in one order
  and commit in the other. At commit each writer locks the one-row :class:`AuditHead` (``FOR
  UPDATE``), so the next writer reads the head only after this one has committed; on SQLite
  ``BEGIN IMMEDIATE`` already serialises writers.
* the lock is taken once per commit, not per row, so a bulk import of thousands of procedures
  pays for it once; and it is the last lock a transaction takes, held only for the final insert,
  so it cannot close a deadlock with row locks taken earlier.

Entries recorded inside a savepoint that rolls back are dropped with it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, event, select
from sqlalchemy.orm import Session, SessionTransaction

from .clock import utcnow
from .models import AUDIT_GENESIS, AUDIT_HEAD_ID, AuditEntry, AuditHead, audit_row_hash

PENDING = "tthc_audit_pending"


class AuditChainError(RuntimeError):
    """The audit chain cannot be extended (its head row is missing)."""


def record(session: Session, actor: str, action: str, object_type: str, object_id: int | None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> AuditEntry:
    """Add an audit row to this transaction; it is chained and inserted when the session commits."""
    entry = AuditEntry(at=utcnow(), actor=actor, action=action, object_type=object_type, object_id=object_id,
                       before=_as_stored(before), after=_as_stored(after))
    transaction = session.get_nested_transaction() or session.get_transaction() or session.begin()
    session.info.setdefault(PENDING, []).append((transaction, entry))
    return entry


def _as_stored(value: dict[str, Any] | None) -> Any:
    """The value as the JSON column will give it back (tuples become lists, keys become strings),
    so the hash computed now is the hash a verifier computes from the stored row."""
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False))


@event.listens_for(Session, "before_commit")
def _extend_chain(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    session.flush()  # the change first: its row locks come before the head's
    head = session.execute(
        select(AuditHead).where(AuditHead.id == AUDIT_HEAD_ID).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if head is None:
        raise AuditChainError("audit_head has no row: the schema was not created by the migrations")
    last_id, last_hash = head.last_id, head.last_hash
    for _transaction, entry in pending:
        last_id += 1
        entry.id, entry.prev_hash = last_id, last_hash
        entry.hash = last_hash = entry.chain_hash()
        session.add(entry)
    head.last_id, head.last_hash = last_id, last_hash
    session.flush()


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    pending = session.info.get(PENDING)
    if pending:
        session.info[PENDING] = [(t, e) for t, e in pending if not _inside(t, previous_transaction)]


@event.listens_for(Session, "after_transaction_end")
def _forget_at_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the whole transaction ended (committed, rolled back or closed)
        session.info.pop(PENDING, None)


def _inside(transaction: SessionTransaction | None, ancestor: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


# -- verification ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChainProblem:
    """The first place where the stored chain differs from what its rows hash to."""
    entry_id: int | None
    message: str


@dataclass(frozen=True)
class ChainReport:
    count: int
    last_id: int
    last_hash: str
    problem: ChainProblem | None

    @property
    def intact(self) -> bool:
        return self.problem is None


def verify(conn: Connection, batch: int = 2_000) -> ChainReport:
    """Walk the chain in ``id`` order and report the first row that does not fit.

    Run it in one snapshot (SQLite: one transaction; PostgreSQL: REPEATABLE READ), or a commit in
    between would look like tampering.
    """
    head = conn.execute(select(AuditHead.last_id, AuditHead.last_hash).where(AuditHead.id == AUDIT_HEAD_ID)).first()
    table = AuditEntry.__table__
    columns = [table.c[name] for name in AuditEntry.CHAINED_FIELDS]
    stmt = select(*columns, table.c.prev_hash, table.c.hash).order_by(table.c.id)
    prev_id, prev_hash, count = 0, AUDIT_GENESIS, 0
    problem = None
    result = conn.execute(stmt.execution_options(yield_per=batch))
    try:
        for row in result:
            fields = {name: row._mapping[name] for name in AuditEntry.CHAINED_FIELDS}
            problem = _check_row(fields, row.prev_hash, row.hash, prev_id, prev_hash)
            if problem is not None:
                break
            prev_id, prev_hash, count = row.id, row.hash, count + 1
    finally:
        result.close()  # a server-side cursor on PostgreSQL when the walk stops early
    if problem is None:
        problem = _check_head(head, prev_id, prev_hash)
    return ChainReport(count=count, last_id=prev_id, last_hash=prev_hash, problem=problem)


def _check_row(fields: dict[str, Any], stored_prev: str, stored_hash: str, prev_id: int,
               prev_hash: str) -> ChainProblem | None:
    entry_id = fields["id"]
    if stored_prev != prev_hash:
        if entry_id > prev_id + 1 and prev_id:
            missing = str(prev_id + 1) if entry_id == prev_id + 2 else f"{prev_id + 1}–{entry_id - 1}"
            return ChainProblem(prev_id + 1, f"mục {missing} đã bị xóa (mục {entry_id} không nối tiếp "
                                             f"mục {prev_id}).")
        if not prev_id and stored_prev != AUDIT_GENESIS:
            return ChainProblem(entry_id, f"mục {entry_id} là mục đầu còn lại nhưng không mở đầu chuỗi: "
                                          "các mục trước nó đã bị xóa.")
        return ChainProblem(entry_id, f"mục {entry_id} không nối tiếp mục {prev_id}: mục {prev_id} đã bị sửa "
                                      "cả mã băm, hoặc mục này bị chèn vào.")
    if audit_row_hash(stored_prev, fields) != stored_hash:
        return ChainProblem(entry_id, f"nội dung mục {entry_id} không còn khớp mã băm đã lưu: mục đã bị sửa.")
    return None


def _check_head(head: Any, last_id: int, last_hash: str) -> ChainProblem | None:
    if head is None:
        return ChainProblem(None, "thiếu dòng đầu chuỗi (bảng audit_head trống).")
    if head.last_id > last_id:
        return ChainProblem(last_id + 1, f"đầu chuỗi ghi mục cuối là {head.last_id} nhưng bảng chỉ còn đến "
                                         f"mục {last_id}: các mục cuối đã bị xóa.")
    if head.last_id != last_id or head.last_hash != last_hash:
        return ChainProblem(last_id or None, f"đầu chuỗi (mục {head.last_id}) không khớp mục cuối của bảng "
                                             f"(mục {last_id}).")
    return None


def verify_database(engine: Any) -> ChainReport:
    """:func:`verify` in one consistent snapshot of ``engine``'s database."""
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect() as conn:
        if options:
            conn.execution_options(**options)
        with conn.begin():
            return verify(conn)
