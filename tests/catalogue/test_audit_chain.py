"""The audit trail is append-only and tamper-evident on both databases.

Writes record one audit row per changed object in the change's transaction; the rows form a hash
chain written in commit order; triggers refuse UPDATE and DELETE; ``verify`` names the first row
that was changed or removed once the triggers are out of the way.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import threading
import time

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError

from catalogue import audit, procedures, schema
from catalogue import decisions as dec
from catalogue.importers.annex import import_annex
from catalogue.models import (
    AuditEntry, AuditHead, Base, Decision, Procedure, SearchOutbox, audit_row_hash,
)

from .conftest import D, make_content

BASE = dt.date(2025, 7, 1)


def _write(db, count: int, actor: str = "officer") -> None:
    """``count`` audit rows, one commit each (a chain of several transactions)."""
    for i in range(count):
        with db.unit_of_work(actor) as uow:
            audit.record(uow.session, actor, "test.write", "thing", i, {"n": i}, {"n": i + 1, "tên": "Hộ tịch"})


def _drop_triggers(db) -> None:
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_entry_no_change ON audit_entry"))
        else:
            conn.execute(text("DROP TRIGGER audit_entry_no_update"))
            conn.execute(text("DROP TRIGGER audit_entry_no_delete"))


def _tamper(db, statement: str) -> None:
    _drop_triggers(db)
    with db.engine.begin() as conn:
        conn.execute(text(statement))


def _count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


# -- every write is recorded and chained ----------------------------------------------------------

def test_publish_abolish_and_edits_write_a_chained_row_per_changed_object(db):
    with db.unit_of_work("seed") as uow:
        for i in range(4):
            procedures.create_procedure(uow.session, "seed", make_content(f"Thủ tục {i}"), code=f"1.00000{i}",
                                        effective_from=BASE)
    with db.unit_of_work("officer") as uow:
        s = uow.session
        d = dec.create_draft(s, "officer", number="5/QĐ-UBND", date=dt.date(2026, 3, 1), effective_date=D,
                             signer="Nguyễn Văn A")
        dec.add_item(s, "officer", d, dec.ItemInput(kind="amended", code="1.000000",
                                                    content=make_content("Thủ tục 0", days=2)))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="abolished", code="1.000001"))
        # an existing procedure becomes the successor: it changes too, so it has its own row
        dec.add_item(s, "officer", d, dec.ItemInput(kind="replaced", code="1.000002", successor_code="1.000003"))
        d_id = d.id
    with db.unit_of_work("officer") as uow:
        dec.publish(uow.session, "officer", d_id)
    with db.read() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        published = [(r.object_type, r.object_id) for r in rows if r.action == "decision.publish"]
        ids = {code: s.scalar(select(Procedure.id).where(Procedure.code == code))
               for code in ("1.000000", "1.000001", "1.000002", "1.000003")}
        successor = s.get(Procedure, ids["1.000003"])
        outbox = set(s.scalars(select(SearchOutbox.procedure_id)))
    assert sorted(published) == sorted([("procedure", pid) for pid in ids.values()] + [("decision", d_id)])
    link = next(r for r in rows if r.action == "decision.publish" and r.object_id == ids["1.000003"])
    assert link.before == {"predecessor_id": None} and link.after == {"predecessor_id": ids["1.000002"]}
    replaced = next(r for r in rows if r.action == "decision.publish" and r.object_id == ids["1.000002"])
    assert replaced.after["successor_id"] == successor.id
    assert successor.id in outbox  # its revision moved, so the index must hear of it
    assert [r.id for r in rows] == list(range(1, len(rows) + 1))
    assert all(r.prev_hash == p.hash for p, r in zip(rows, rows[1:]))
    report = audit.verify_database(db.engine)
    assert report.intact and report.count == len(rows) and report.last_hash == rows[-1].hash


def test_an_annex_replacement_linked_to_its_new_row_records_the_link(db, tmp_path):

    with db.unit_of_work("seed") as uow:
        procedures.create_procedure(uow.session, "seed", make_content("Thủ tục cũ"), code="1.000009",
                                    effective_from=BASE)
    annex = tmp_path / "annex.json"
    annex.write_text(json.dumps({"sourceDocument": "9/QĐ-UBND", "effectiveDate": D.isoformat(), "rows": [
        {"changeType": "Mới ban hành", "officialCode": "1.000010", "officialName": "Thủ tục gộp"},
        {"changeType": "Thay thế", "officialCode": "1.000010", "officialName": "Thủ tục gộp",
         "replaces": "1.000009"},
    ]}, ensure_ascii=False), encoding="utf-8")
    with db.unit_of_work("officer") as uow:
        import_annex(uow.session, "officer", annex)
    with db.read() as s:
        links = s.scalars(select(AuditEntry).where(AuditEntry.action == "decision.item.update")).all()
    assert len(links) == 1 and links[0].after["successor_item_id"] is not None
    assert links[0].before == {"successor_code": "1.000010", "successor_item_id": None}
    assert audit.verify_database(db.engine).intact


def test_a_failure_after_the_audit_insert_leaves_neither_the_change_nor_the_audit_row(db):
    _write(db, 2)
    with db.read() as s:
        head = s.get(AuditHead, 1)
        head_before = (head.last_id, head.last_hash)

    def fail_after_insert(*_args):
        raise RuntimeError("disk full")

    event.listen(AuditEntry, "after_insert", fail_after_insert)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            with db.unit_of_work("officer") as uow:
                dec.create_draft(uow.session, "officer", number="7/QĐ-UBND")
    finally:
        event.remove(AuditEntry, "after_insert", fail_after_insert)
    assert _count(db, Decision) == 0 and _count(db, AuditEntry) == 2
    with db.read() as s:
        head = s.get(AuditHead, 1)
        assert (head.last_id, head.last_hash) == head_before
    _write(db, 1)  # the chain goes on from where it was
    assert audit.verify_database(db.engine).count == 3


def test_rows_recorded_in_a_rolled_back_savepoint_are_dropped(db):
    with db.unit_of_work("officer") as uow:
        audit.record(uow.session, "officer", "test.kept", "thing", 1)
        savepoint = uow.session.begin_nested()
        audit.record(uow.session, "officer", "test.dropped", "thing", 2)
        savepoint.rollback()
        with uow.session.begin_nested():
            audit.record(uow.session, "officer", "test.kept", "thing", 3)
    with db.read() as s:
        assert [(e.action, e.object_id) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [
            ("test.kept", 1), ("test.kept", 3)]
    assert audit.verify_database(db.engine).intact


def test_a_bulk_write_locks_the_head_once(db):
    statements: list[str] = []

    def count_head_reads(_conn, _cursor, statement, *_args):
        if "FROM audit_head" in statement:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count_head_reads)
    try:
        with db.unit_of_work("import") as uow:
            for i in range(300):
                audit.record(uow.session, "import", "procedure.import", "procedure", i, None, {"code": str(i)})
    finally:
        event.remove(db.engine, "before_cursor_execute", count_head_reads)
    assert len(statements) == 1
    if db.engine.dialect.name == "postgresql":
        assert "FOR UPDATE" in statements[0]
    assert audit.verify_database(db.engine).count == 300


# -- the database refuses changes -----------------------------------------------------------------

@pytest.fixture(params=["models", "migrations"])
def schema_db(request, db):
    """The schema made by ``create_all`` or by the migrations: both must carry the triggers."""
    if request.param == "migrations":
        Base.metadata.drop_all(db.engine)
        schema.upgrade(db.engine)
    return db


def test_the_database_refuses_update_and_delete(schema_db):
    _write(schema_db, 3)
    statements = ["UPDATE audit_entry SET actor = 'someone else' WHERE id = 2",
                  "DELETE FROM audit_entry WHERE id = 2", "DELETE FROM audit_entry"]
    if schema_db.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE audit_entry")
    for statement in statements:
        with pytest.raises(DBAPIError, match="chỉ được ghi thêm"):
            with schema_db.engine.begin() as conn:
                conn.execute(text(statement))
    assert _count(schema_db, AuditEntry) == 3
    assert audit.verify_database(schema_db.engine).intact


# -- verify names the first tampered row ---------------------------------------------------------

def test_an_intact_chain_is_confirmed_with_its_count(db):
    _write(db, 5)
    report = audit.verify_database(db.engine)
    assert report.intact and report.count == 5 and report.last_id == 5


def test_an_updated_row_is_found(db):
    _write(db, 6)
    _tamper(db, "UPDATE audit_entry SET actor = 'kẻ gian' WHERE id = 3")
    report = audit.verify_database(db.engine)
    assert report.problem.entry_id == 3 and "bị sửa" in report.problem.message and report.count == 2


def test_a_row_rewritten_with_a_fresh_hash_is_found_at_the_next_row(db):
    _write(db, 4)
    with db.read() as s:
        row = s.get(AuditEntry, 2)
        forged = {name: getattr(row, name) for name in AuditEntry.CHAINED_FIELDS}
        forged["actor"] = "kẻ gian"
        new_hash = audit_row_hash(row.prev_hash, forged)
    _tamper(db, f"UPDATE audit_entry SET actor = 'kẻ gian', hash = '{new_hash}' WHERE id = 2")
    report = audit.verify_database(db.engine)
    assert report.problem.entry_id == 3 and "không nối tiếp mục 2" in report.problem.message


def test_a_deleted_row_is_found(db):
    _write(db, 6)
    _tamper(db, "DELETE FROM audit_entry WHERE id = 4")
    report = audit.verify_database(db.engine)
    assert report.problem.entry_id == 4 and "mục 4 đã bị xóa" in report.problem.message


def test_deleted_last_rows_are_found_through_the_head(db):
    _write(db, 6)
    _tamper(db, "DELETE FROM audit_entry WHERE id >= 5")
    report = audit.verify_database(db.engine)
    assert report.problem.entry_id == 5 and "các mục cuối đã bị xóa" in report.problem.message


# -- concurrency and upgrades ---------------------------------------------------------------------

def test_concurrent_writers_chain_in_commit_order(db):
    """Interleaved transactions (on PostgreSQL really concurrent) still leave one valid chain."""
    writers, commits = 6, 8
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        rng = random.Random(number)
        try:
            for i in range(commits):
                with db.unit_of_work(f"writer-{number}") as uow:
                    dec.create_draft(uow.session, f"writer-{number}", number=f"{number}-{i}/QĐ")
                    time.sleep(rng.random() / 200)  # hold the transaction open while others record
                    audit.record(uow.session, f"writer-{number}", "test.extra", "thing", i)
        except BaseException as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = audit.verify_database(db.engine)
    assert report.intact and report.count == writers * commits * 2


def test_the_migration_chains_rows_written_before_it(db):
    Base.metadata.drop_all(db.engine)
    schema.upgrade(db.engine, "0002")
    legacy = [{"at": dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.timezone.utc), "actor": "cũ",
               "action": "decision.create", "object_type": "decision", "object_id": n,
               "before": None, "after": {"number": f"{n}/QĐ", "items": [1, 2]}} for n in (1, 2, 3)]
    with db.engine.begin() as conn:
        table = AuditEntry.__table__
        conn.execute(table.insert(), [{k: v for k, v in row.items()} for row in legacy])
        conn.execute(text("DELETE FROM audit_entry WHERE id = 2"))  # a gap the chain must accept
    schema.upgrade(db.engine)
    _write(db, 2)
    report = audit.verify_database(db.engine)
    assert report.intact and report.count == 4
    with db.read() as s:
        assert [e.id for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [1, 3, 4, 5]
