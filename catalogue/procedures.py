"""Creating and updating procedures outside a decision (imports of published data)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from .content import ProcedureContent
from .content_store import edition_content
from .diff import changed_parts
from .editions import append_edition, latest_edition, record_changes
from .models import Edition, Procedure
from .queries import find_procedure


def create_procedure(session: Session, actor: str, content: ProcedureContent, *, code: str | None,
                     effective_from: dt.date, source: str | None = None,
                     record: bool = True) -> tuple[Procedure, Edition]:
    procedure = Procedure(code=code, status="in_force", updated_by=actor)
    session.add(procedure)
    session.flush()
    edition = append_edition(session, procedure, content, kind="new", effective_from=effective_from,
                             actor=actor, source=source, previous=None)
    if record:
        record_changes(session, actor, "procedure.create", [(procedure, None, edition)])
    return procedure, edition


def upsert_procedure(session: Session, actor: str, content: ProcedureContent, *, code: str,
                     effective_from: dt.date, source: str | None = None) -> tuple[str, Procedure]:
    """Create the procedure, or append an edition when its content differs.

    Returns ``("created" | "updated" | "unchanged", procedure)``. An update dated after the latest
    edition is an amendment; one dated on or before it is a correction of that edition.
    """
    procedure = find_procedure(session, code)
    if procedure is None:
        procedure, _ = create_procedure(session, actor, content, code=code,
                                        effective_from=effective_from, source=source)
        return "created", procedure
    previous = latest_edition(session, procedure)
    old = edition_content(previous)
    parts = changed_parts(old, content)
    if not parts:
        return "unchanged", procedure
    kind = "amended" if effective_from > previous.effective_from else "corrected"
    edition = append_edition(session, procedure, content, kind=kind, effective_from=effective_from,
                             actor=actor, changed_parts=parts, source=source, previous=previous)
    record_changes(session, actor, "procedure.import", [(procedure, previous, edition)])
    return "updated", procedure
