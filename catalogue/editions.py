"""Appending editions to procedures: the single place where history grows.

Both publishing a decision and importing portal data go through :func:`append_edition`, so the
rules of valid time (the previous edition is closed on the new one's first day; a correction takes
over the whole range of the edition it corrects) live in one function.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .clock import utcnow
from .content import ProcedureContent
from .content_store import EDITION_LOAD, build_edition
from .models import Edition, Procedure, SearchOutbox


def latest_edition(session: Session, procedure: Procedure) -> Edition | None:
    if procedure.id is None:
        return None
    return session.scalar(
        select(Edition).options(*EDITION_LOAD).where(Edition.procedure_id == procedure.id)
        .order_by(Edition.seq.desc()).limit(1)
    )


def edition_summary(edition: Edition | None) -> dict | None:
    if edition is None:
        return None
    summary = {"edition_id": edition.id, "seq": edition.seq, "kind": edition.kind, "name": edition.name,
               "code": edition.code, "effective_from": edition.effective_from.isoformat()}
    if edition.successor_id is not None:  # a replacement names its successor in the audit trail
        summary["successor_id"] = edition.successor_id
    return summary


def append_edition(session: Session, procedure: Procedure, content: ProcedureContent, *, kind: str,
                   effective_from: dt.date, actor: str, decision_id: int | None = None,
                   changed_parts: list[str] | None = None, in_force: bool = True,
                   successor: Procedure | None = None, source: str | None = None,
                   previous: Edition | None = None) -> Edition:
    """Add the next edition of ``procedure`` and close the one before it.

    ``kind='corrected'`` keeps the previous edition's start date and closes it on that same day, so
    the correction is what every "as of" query sees for that period while the erroneous edition stays
    in history.
    """
    previous = previous if previous is not None else latest_edition(session, procedure)
    if previous is not None:
        if kind == "corrected":
            effective_from = previous.effective_from
        previous.effective_to = effective_from
    edition = build_edition(
        session, procedure, content, seq=(previous.seq + 1) if previous else 1, kind=kind,
        effective_from=effective_from, code=procedure.code, actor=actor, decision_id=decision_id,
        changed_parts=changed_parts, in_force=in_force, source=source,
    )
    if successor is not None:
        edition.successor_id = successor.id
    procedure.current_edition = edition
    procedure.status = "in_force" if in_force else ("replaced" if kind == "replaced" else "abolished")
    procedure.updated_at = utcnow()
    procedure.updated_by = actor
    return edition


def record_changes(session: Session, actor: str, action: str,
                   changes: list[tuple[Procedure, Edition | None, Edition]]) -> None:
    """After a flush: one audit row and one search-outbox row per changed procedure."""
    session.flush()
    for procedure, before, after in changes:
        audit.record(session, actor, action, "procedure", procedure.id,
                     before=edition_summary(before), after=edition_summary(after))
        session.add(SearchOutbox(procedure_id=procedure.id, revision=procedure.revision))
    session.flush()
