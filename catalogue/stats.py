"""Statistics that provinces report: new, simplified, amended, replaced, abolished; what was cut.

Counted from editions published by decisions (imports of portal data are not changes), by the
editions' effective dates. A simplification compares an amended edition with the one before it, or a
replaced procedure with its successor (DESIGN glossary); times are summed per unit, never mixed.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from .content import TIME_UNIT_LABELS
from .content_store import EDITION_LOAD, edition_content
from .diff import simplification
from .models import Edition

KINDS = ("new", "simplified", "amended", "replaced", "abolished")


@dataclass
class Bucket:
    new: int = 0
    simplified: int = 0
    amended: int = 0
    replaced: int = 0
    abolished: int = 0
    time_cut: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    papers_cut: int = 0
    fees_cut: int = 0
    steps_cut: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": self.new, "simplified": self.simplified, "amended": self.amended,
            "replaced": self.replaced, "abolished": self.abolished,
            "time_cut": {u: float(v) for u, v in sorted(self.time_cut.items()) if v},
            "papers_cut": self.papers_cut, "fees_cut": self.fees_cut, "steps_cut": self.steps_cut,
        }


@dataclass
class Stats:
    by: str
    start: dt.date | None
    end: dt.date | None
    total: Bucket
    groups: dict[str, Bucket]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "total": self.total.to_dict(),
            "groups": {k: v.to_dict() for k, v in sorted(self.groups.items())} if self.by != "total" else {},
        }

    def describe(self) -> str:
        t = self.total
        lines = [f"Đơn giản hóa {t.simplified} thủ tục, bổ sung {t.new} thủ tục, bãi bỏ {t.abolished} thủ tục "
                 f"(sửa đổi, bổ sung {t.amended}; thay thế {t.replaced})."]
        cuts = [f"{_num(v)} {TIME_UNIT_LABELS.get(u, u)}" for u, v in sorted(t.time_cut.items()) if v]
        fees = f"{t.fees_cut:,}".replace(",", ".")
        lines.append("Cắt giảm: thời gian " + (", ".join(cuts) or "0") +
                     f"; {t.papers_cut} thành phần hồ sơ; phí, lệ phí {fees} đồng; {t.steps_cut} bước.")
        for key, b in sorted(self.groups.items()):
            lines.append(f"  {key}: mới {b.new}, đơn giản hóa {b.simplified}, sửa đổi {b.amended}, "
                         f"thay thế {b.replaced}, bãi bỏ {b.abolished}")
        return "\n".join(lines)


def _num(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value)


def compute_stats(session: Session, *, start: dt.date | None = None, end: dt.date | None = None,
                  by: str = "total") -> Stats:
    previous = aliased(Edition)
    stmt = (select(Edition, previous).options(*EDITION_LOAD)
            .outerjoin(previous, and_(previous.procedure_id == Edition.procedure_id,
                                      previous.seq == Edition.seq - 1))
            .where(Edition.decision_id.is_not(None)))
    if start:
        stmt = stmt.where(Edition.effective_from >= start)
    if end:
        stmt = stmt.where(Edition.effective_from <= end)
    rows = session.execute(stmt).all()
    successors = _successor_first_editions(session, [e for e, _ in rows if e.kind == "replaced"])
    total, groups = Bucket(), defaultdict(Bucket)
    for edition, before in rows:
        buckets = [total] + [groups[k] for k in _group_keys(edition, by)]
        kind = edition.kind
        cut = None
        if kind == "amended" and before is not None:
            cut = simplification(edition_content(before), edition_content(edition))
        elif kind == "replaced" and edition.successor_id in successors:
            cut = simplification(edition_content(edition), edition_content(successors[edition.successor_id]))
        is_successor = kind == "new" and edition.procedure.predecessor_id is not None
        for b in buckets:
            if kind in ("amended", "replaced", "abolished"):
                setattr(b, kind, getattr(b, kind) + 1)
            elif kind == "new" and not is_successor:
                b.new += 1
            if cut is not None and cut.is_simplification:
                b.simplified += 1
                for unit, value in cut.time_cut.items():
                    b.time_cut[unit] += value
                b.papers_cut += cut.papers_cut
                b.fees_cut += cut.fee_cut
                b.steps_cut += cut.steps_cut
    return Stats(by, start, end, total, dict(groups))


def _successor_first_editions(session: Session, replaced: list[Edition]) -> dict[int, Edition]:
    ids = {e.successor_id for e in replaced if e.successor_id}
    if not ids:
        return {}
    firsts = session.scalars(select(Edition).options(*EDITION_LOAD)
                             .where(Edition.procedure_id.in_(ids), Edition.seq == 1))
    return {e.procedure_id: e for e in firsts}


def _group_keys(edition: Edition, by: str) -> list[str]:
    if by == "month":
        return [edition.effective_from.strftime("%Y-%m")]
    if by == "sector":
        return [edition.sector.name if edition.sector else "(chưa có lĩnh vực)"]
    if by == "agency":
        names = [a.agency.name for a in edition.agencies if a.role == "executing"]
        return names or ["(chưa có cơ quan thực hiện)"]
    return []
