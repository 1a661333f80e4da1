"""Turn a :class:`ProcedureContent` into an edition's rows and back.

Sectors and agencies are shared rows, looked up by name through a per-session cache so that a bulk
import does not query once per procedure.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .content import (
    AgencyRef, Channel, Fee, LegalAct, Paper, ProcedureContent, ProcessingTime, Result,
)
from .models import (
    Agency, Edition, EditionAgency, EditionAudience, EditionChannel, EditionFee, EditionLegalAct,
    EditionLevel, EditionPaper, EditionResult, EditionStep, Procedure, Sector,
)
from .text import slugify

EDITION_LOAD = (
    selectinload(Edition.sector), selectinload(Edition.levels), selectinload(Edition.audience),
    selectinload(Edition.steps), selectinload(Edition.channels).selectinload(EditionChannel.fees),
    selectinload(Edition.papers), selectinload(Edition.results),
    selectinload(Edition.agencies).selectinload(EditionAgency.agency),
    selectinload(Edition.legal_acts), selectinload(Edition.decision),
)


class _Lookup:
    """Get-or-create for rows identified by a unique name, cached on the session."""

    def __init__(self, session: Session, model: type) -> None:
        self.session, self.model = session, model
        self.by_name: dict[str, Any] = {}
        self.slugs: set[str] = set()
        self.loaded = False

    def get(self, name: str) -> Any:
        if not self.loaded:
            for row in self.session.scalars(select(self.model)):
                self.by_name[row.name] = row
                self.slugs.add(row.slug)
            self.loaded = True
        row = self.by_name.get(name)
        if row is None:
            slug = base = slugify(name)
            n = 2
            while slug in self.slugs:
                slug, n = f"{base}-{n}", n + 1
            row = self.model(name=name, slug=slug)
            self.session.add(row)
            self.by_name[name] = row
            self.slugs.add(slug)
        return row


def _lookup(session: Session, model: type) -> _Lookup:
    key = f"lookup:{model.__name__}"
    if key not in session.info:
        session.info[key] = _Lookup(session, model)
    return session.info[key]


def build_edition(session: Session, procedure: Procedure, content: ProcedureContent, *, seq: int,
                  kind: str, effective_from: dt.date, code: str | None, actor: str,
                  decision_id: int | None = None, changed_parts: list[str] | None = None,
                  in_force: bool = True, source: str | None = None) -> Edition:
    """Create (add, not flush) an edition with all its content rows."""
    with session.no_autoflush:
        return _build_edition(session, procedure, content, seq=seq, kind=kind, effective_from=effective_from,
                              code=code, actor=actor, decision_id=decision_id, changed_parts=changed_parts,
                              in_force=in_force, source=source)


def _build_edition(session: Session, procedure: Procedure, content: ProcedureContent, *, seq: int,
                   kind: str, effective_from: dt.date, code: str | None, actor: str,
                   decision_id: int | None, changed_parts: list[str] | None, in_force: bool,
                   source: str | None) -> Edition:
    edition = Edition(
        procedure=procedure, seq=seq, kind=kind, in_force=in_force, effective_from=effective_from,
        decision_id=decision_id, changed_parts=list(changed_parts or []), source=source,
        created_by=actor, code=code, name=content.name,
        sector=_lookup(session, Sector).get(content.sector) if content.sector else None,
        procedure_type=content.procedure_type, conditions=content.conditions,
        online_level=content.online_level, online_url=content.online_url, notes=content.notes,
    )
    edition.levels = [EditionLevel(level=lv) for lv in dict.fromkeys(content.levels)]
    edition.audience = [EditionAudience(position=i, name=a) for i, a in enumerate(content.audience)]
    edition.steps = [EditionStep(position=i, text=s) for i, s in enumerate(content.steps)]
    edition.channels = [_channel_row(i, c) for i, c in enumerate(content.channels)]
    edition.papers = [
        EditionPaper(position=i, name=p.name, group=p.group, form=p.form, originals=p.originals,
                     copies=p.copies, quantity_text=p.quantity_text or None, case=p.case)
        for i, p in enumerate(content.papers)
    ]
    edition.results = [EditionResult(position=i, name=r.name, code=r.code)
                       for i, r in enumerate(content.results)]
    agencies = _lookup(session, Agency)
    edition.agencies = [
        EditionAgency(position=i, agency=agencies.get(a.name), role=a.role, address=a.address)
        for i, a in enumerate(content.agencies)
    ]
    edition.legal_acts = [EditionLegalAct(position=i, number=a.number, title=a.title, article=a.article)
                          for i, a in enumerate(content.legal_basis)]
    session.add(edition)
    return edition


def _channel_row(position: int, channel: Channel) -> EditionChannel:
    t = channel.processing_time
    row = EditionChannel(
        position=position, kind=channel.kind, time_value=t.value if t else None,
        time_unit=t.unit if t else None, time_text=t.text if t else None,
        description=channel.description or None,
    )
    row.fees = [EditionFee(position=i, kind=f.kind, amount=f.amount, text=f.text)
                for i, f in enumerate(channel.fees)]
    return row


def _plain(value: Decimal | None) -> Decimal | None:
    """A stored NUMERIC(12, 2) without its scale padding: 1.50 → 1.5, 60.00 → 60."""
    if value is None:
        return None
    integral = value.to_integral_value()
    return integral if value == integral else value.normalize()


def edition_content(edition: Edition) -> ProcedureContent:
    """Read an edition's rows back into plain content (for diffs, exports and the index)."""
    return ProcedureContent(
        name=edition.name,
        sector=edition.sector.name if edition.sector else None,
        levels=[lv.level for lv in edition.levels],
        procedure_type=edition.procedure_type,
        audience=[a.name for a in edition.audience],
        steps=[s.text for s in edition.steps],
        channels=[
            Channel(
                kind=c.kind,
                processing_time=ProcessingTime(value=_plain(c.time_value), unit=c.time_unit, text=c.time_text or "")
                if (c.time_value is not None or c.time_unit or c.time_text) else None,
                fees=[Fee(kind=f.kind, amount=f.amount, text=f.text or "") for f in c.fees],
                description=c.description or "",
            )
            for c in edition.channels
        ],
        papers=[
            Paper(name=p.name, group=p.group, form=p.form, originals=p.originals, copies=p.copies,
                  quantity_text=p.quantity_text or "", case=p.case)
            for p in edition.papers
        ],
        conditions=edition.conditions,
        results=[Result(name=r.name, code=r.code) for r in edition.results],
        agencies=[AgencyRef(name=a.agency.name, role=a.role, address=a.address) for a in edition.agencies],
        legal_basis=[LegalAct(number=a.number, title=a.title or "", article=a.article)
                     for a in edition.legal_acts],
        online_level=edition.online_level,
        online_url=edition.online_url,
        notes=edition.notes,
    )
