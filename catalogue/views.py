"""Plain-dict views of procedures, editions and decisions, shared by the API, the CLI and exports."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .content_store import edition_content
from .models import Decision, Edition, Procedure


def edition_dict(edition: Edition, *, with_content: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "edition_id": edition.id,
        "procedure_id": edition.procedure_id,
        "seq": edition.seq,
        "kind": edition.kind,
        "in_force": edition.in_force,
        "code": edition.code,
        "name": edition.name,
        "effective_from": edition.effective_from.isoformat(),
        "effective_to": edition.effective_to.isoformat() if edition.effective_to else None,
        "changed_parts": list(edition.changed_parts or []),
        "decision": ({"id": edition.decision.id, "number": edition.decision.number}
                     if edition.decision else None),
        "source": edition.source,
    }
    if with_content:
        data["content"] = edition_content(edition).to_dict()
    return data


def procedure_dict(procedure: Procedure, edition: Edition | None, status: str) -> dict[str, Any]:
    return {
        "id": procedure.id,
        "code": procedure.code,
        "status": status,
        "revision": procedure.revision,
        "aliases": [a.code for a in procedure.aliases],
        "predecessor_id": procedure.predecessor_id,
        "edition": edition_dict(edition) if edition else None,
    }


def decision_dict(session: Session, decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.id,
        "number": decision.number,
        "status": decision.status,
        "date": decision.date.isoformat() if decision.date else None,
        "effective_date": decision.effective_date.isoformat() if decision.effective_date else None,
        "issuer": decision.issuer,
        "signer": decision.signer,
        "title": decision.title,
        "legal_bases": list(decision.legal_bases or []),
        "revision": decision.revision,
        "updated_by": decision.updated_by,
        "updated_at": decision.updated_at.isoformat() if decision.updated_at else None,
        "items": [
            {
                "id": item.id,
                "row": item.row_number if item.row_number is not None else item.position + 1,
                "kind": item.kind,
                "code": item.code,
                "name": item.name,
                "sector": item.sector,
                "level": item.level,
                "agency": item.agency,
                "changed_parts": list(item.changed_parts or []),
                "procedure_id": item.procedure_id,
                "successor_item_id": item.successor_item_id,
                "successor_code": item.successor_code,
                "has_content": item.content is not None,
                "note": item.note,
            }
            for item in decision.items
        ],
    }
