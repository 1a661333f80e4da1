"""Concurrent read-modify-write edits of one draft lose no update (SQLite and PostgreSQL)."""
from __future__ import annotations

import random
import threading
import time

from catalogue import decisions as dec
from catalogue.errors import ConflictError

THREADS = 8
EDITS = 100


def test_concurrent_edits_of_one_draft_lose_nothing(db):
    with db.unit_of_work("setup") as uow:
        draft = dec.create_draft(uow.session, "setup", number="1/QĐ-UBND", title="0")
        draft_id = draft.id
    conflicts = []
    failures = []

    def editor(n: int) -> None:
        actor = f"editor{n}@example.vn"
        try:
            for _ in range(EDITS):
                while True:
                    with db.read() as session:
                        current = dec.get_decision(session, draft_id)
                        revision, value = current.revision, int(current.title)
                    try:
                        with db.unit_of_work(actor) as uow:
                            dec.update_decision(uow.session, actor, draft_id, expected_revision=revision,
                                                title=str(value + 1))
                        break
                    except ConflictError as exc:
                        assert "đã được editor" in str(exc)
                        conflicts.append(1)
                        time.sleep(random.random() * 0.005)  # a client backs off before retrying
        except BaseException as exc:  # surfaced below; a thread must not die silently
            failures.append(exc)

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with db.read() as session:
        final = dec.get_decision(session, draft_id)
        assert int(final.title) == THREADS * EDITS
    assert conflicts, "the editors never overlapped, so the test proved nothing"
