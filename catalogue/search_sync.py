"""Keeping the search index a faithful cache of the catalogue (DESIGN §5).

Every change writes an outbox row in its own transaction; :func:`drain` turns outbox rows into index
documents after the commit, from the database's current state, stamped with the procedure's
revision (the backend ignores anything older than what it holds, so the order of draining does not
matter). :func:`rebuild` recreates the whole index; :func:`check` lists procedures whose indexed
revision differs from the database.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from search.interface import EditionDocument, SearchBackend

from .content import LEVEL_LABELS, TIME_UNIT_LABELS
from .content_store import EDITION_LOAD
from .db import Database
from .models import Edition, Procedure, SearchOutbox

INDEX_LEVELS = {"ministry": "ministry", "province": "province", "commune": "commune", "other": "other",
                "district": "other"}


def _join(parts) -> str:
    return "\n".join(p for p in parts if p)


def edition_document(procedure: Procedure, edition: Edition) -> EditionDocument:
    """One edition as the index sees it: weighted text fields, facets and its validity range."""
    papers = [p.name + (f" ({p.form})" if p.form else "") for p in edition.papers]
    fees = [f.text or "" for c in edition.channels for f in c.fees]
    times = [c.time_text or (f"{c.time_value} {TIME_UNIT_LABELS.get(c.time_unit, '')}" if c.time_value else "")
             for c in edition.channels]
    agencies = list(dict.fromkeys(a.agency.name for a in edition.agencies))
    return EditionDocument(
        procedure_id=procedure.id, edition_id=edition.id, revision=procedure.revision,
        code=procedure.code, name=edition.name,
        sector=edition.sector.name if edition.sector else None,
        levels=list(dict.fromkeys(INDEX_LEVELS.get(lv.level, "other") for lv in edition.levels)),
        agencies=agencies, online_level=edition.online_level,
        status="in_force" if edition.in_force else "abolished",
        effective_from=edition.effective_from, effective_to=edition.effective_to,
        papers=_join(papers),
        result=_join(f"{r.name} {r.code or ''}".strip() for r in edition.results),
        steps=_join(s.text for s in edition.steps),
        legal_basis=_join(" ".join(x for x in (a.number, a.title, a.article) if x) for a in edition.legal_acts),
        conditions=edition.conditions or "",
        audience=_join(a.name for a in edition.audience),
        fees=_join(fees + times),
        other=_join([edition.procedure_type or "", edition.notes or "", procedure.code or "",
                     *[a.address or "" for a in edition.agencies],
                     *(LEVEL_LABELS.get(lv.level, "") for lv in edition.levels)]),
    )


def procedure_documents(session: Session, procedure: Procedure) -> list[EditionDocument]:
    """Every edition with a non-empty validity range (a corrected edition's range is empty)."""
    editions = session.scalars(select(Edition).options(*EDITION_LOAD)
                               .where(Edition.procedure_id == procedure.id).order_by(Edition.seq))
    return [edition_document(procedure, e) for e in editions
            if e.effective_to is None or e.effective_to > e.effective_from]


def _sync_procedures(session: Session, backend: SearchBackend, procedure_ids: set[int]) -> int:
    procedures = session.scalars(select(Procedure).where(Procedure.id.in_(procedure_ids)))
    count = 0
    for procedure in procedures:
        backend.replace_procedure(procedure.id, procedure.revision, procedure_documents(session, procedure))
        count += 1
    return count


def drain(db: Database, backend: SearchBackend, *, batch: int = 200) -> int:
    """Index the procedures named in the outbox, then delete those rows; returns how many rows."""
    total = 0
    while True:
        with db.read() as session:
            rows = session.execute(select(SearchOutbox.id, SearchOutbox.procedure_id)
                                   .order_by(SearchOutbox.id).limit(batch)).all()
            if not rows:
                return total
            _sync_procedures(session, backend, {pid for _, pid in rows})
        with db.unit_of_work("search") as uow:
            uow.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([i for i, _ in rows])))
        total += len(rows)


def _all_items(db: Database) -> Iterator[tuple[int, int, list[EditionDocument]]]:
    with db.read() as session:
        for procedure in session.scalars(select(Procedure).order_by(Procedure.id)).all():
            yield procedure.id, procedure.revision, procedure_documents(session, procedure)


def rebuild(db: Database, backend: SearchBackend) -> int:
    """Rebuild the whole index from the database; outbox rows written before it are then obsolete."""
    with db.read() as session:
        last = session.scalar(select(SearchOutbox.id).order_by(SearchOutbox.id.desc()).limit(1))
    count = backend.rebuild(_all_items(db))
    if last is not None:
        with db.unit_of_work("search") as uow:
            uow.session.execute(delete(SearchOutbox).where(SearchOutbox.id <= last))
    return count


@dataclass(frozen=True)
class Mismatch:
    procedure_id: int
    database_revision: int | None
    indexed_revision: int | None

    def describe(self) -> str:
        if self.indexed_revision is None:
            return f"Thủ tục {self.procedure_id}: chưa có trong chỉ mục (phiên bản {self.database_revision})."
        if self.database_revision is None:
            return f"Thủ tục {self.procedure_id}: có trong chỉ mục nhưng không còn trong cơ sở dữ liệu."
        return (f"Thủ tục {self.procedure_id}: chỉ mục giữ phiên bản {self.indexed_revision}, "
                f"cơ sở dữ liệu ở phiên bản {self.database_revision}.")


def check(db: Database, backend: SearchBackend) -> list[Mismatch]:
    with db.read() as session:
        expected = dict(session.execute(select(Procedure.id, Procedure.revision)).all())
    held = backend.indexed_revisions()
    return [Mismatch(pid, expected.get(pid), held.get(pid))
            for pid in sorted(set(expected) | set(held)) if expected.get(pid) != held.get(pid)]
