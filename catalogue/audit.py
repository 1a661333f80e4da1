"""The audit trail: one row per changed object, written in the same transaction as the change."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .models import AuditEntry


def record(session: Session, actor: str, action: str, object_type: str, object_id: int | None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> AuditEntry:
    entry = AuditEntry(actor=actor, action=action, object_type=object_type, object_id=object_id,
                       before=before, after=after)
    session.add(entry)
    return entry
