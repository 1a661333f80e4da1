"""Load the demo catalogue: base procedures published by a first decision, then later decisions.

The demo goes through the same services as real work (draft → items → publish), so a fresh
install shows real history, diffs and statistics.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import decisions
from ..content import ProcedureContent
from ..models import Procedure

DEMO_FILE = Path(__file__).with_name("catalogue.json")
ACTOR = "demo"


def is_empty(session: Session) -> bool:
    return (session.scalar(select(func.count(Procedure.id))) or 0) == 0


def load_demo(session: Session, path: Path = DEMO_FILE) -> int:
    """Publish every decision of the demo file in order; returns the number of decisions."""
    data = json.loads(path.read_text(encoding="utf-8"))
    base = {p["ref"]: p for p in data["procedures"]}
    codes: dict[str, str | None] = {ref: p.get("code") for ref, p in base.items()}
    for spec in data["decisions"]:
        _publish(session, spec, base, codes)
    return len(data["decisions"])


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _publish(session: Session, spec: dict[str, Any], base: dict[str, Any],
             codes: dict[str, str | None]) -> None:
    decision = decisions.create_draft(
        session, ACTOR, number=spec["number"], date=_date(spec.get("date")), issuer=spec.get("issuer"),
        signer=spec.get("signer"), effective_date=_date(spec.get("effective_date")),
        legal_bases=spec.get("legal_bases") or [], title=spec.get("title"), source="demo",
    )
    rows: dict[str, int] = {}
    for row, item in enumerate(spec["items"], start=1):
        ref = item.get("ref")
        content = item.get("content")
        if content is None and item["kind"] == "new" and ref in base:
            content = base[ref]["content"]
        code = item.get("code") or (codes.get(ref) if ref else None)
        successor_ref = item.get("successor_ref")
        decisions.add_item(session, ACTOR, decision, decisions.ItemInput(
            kind=item["kind"], code=code,
            name=(content or {}).get("name") or item.get("name"),
            changed_parts=item.get("changed_parts") or [],
            content=ProcedureContent.from_dict(content) if content else None,
            successor_row=rows.get(successor_ref) if successor_ref in rows else None,
            successor_code=codes.get(successor_ref) if successor_ref and successor_ref not in rows else None,
            note=item.get("note"), row_number=row, level=item.get("level"),
        ))
        if ref:
            rows[ref] = row
    decisions.publish(session, ACTOR, decision.id)
