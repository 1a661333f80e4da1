"""Field-by-field comparison of two editions' content, and the "simplification" it amounts to.

A simplification (DESIGN glossary) cuts the processing time compared in the same unit, the number of
papers, the fees or the steps. Times in different units are never compared with each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .content import (
    CHANNEL_LABELS, PART_LABELS, TIME_UNIT_LABELS, Channel, Paper, ProcedureContent,
)
from .text import name_key


@dataclass
class Change:
    """One difference, in words a citizen or an officer can read."""
    part: str
    kind: str  # added | removed | changed
    before: Any = None
    after: Any = None
    detail: str = ""

    @property
    def label(self) -> str:
        return PART_LABELS.get(self.part, self.part)

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part, "label": self.label, "kind": self.kind,
                "before": self.before, "after": self.after, "detail": self.detail}


@dataclass
class Simplification:
    """What an edition cut compared with the one before it."""
    time_cut: dict[str, Decimal] = field(default_factory=dict)  # unit → amount cut (positive)
    papers_cut: int = 0
    fee_cut: int = 0
    steps_cut: int = 0

    @property
    def is_simplification(self) -> bool:
        return bool(any(v > 0 for v in self.time_cut.values()) or self.papers_cut > 0
                    or self.fee_cut > 0 or self.steps_cut > 0)


def _paper_label(p: Paper) -> str:
    return p.name


def _paper_quantity(p: Paper) -> str:
    parts = []
    if p.originals:
        parts.append(f"{p.originals} bản chính")
    if p.copies:
        parts.append(f"{p.copies} bản sao")
    return ", ".join(parts) or p.quantity_text


def _time_text(channel: Channel) -> str:
    t = channel.processing_time
    if not t:
        return ""
    if t.value is not None and t.unit:
        value = int(t.value) if t.value == t.value.to_integral_value() else t.value
        return f"{value} {TIME_UNIT_LABELS.get(t.unit, t.unit)}"
    return t.text


def _fee_text(channel: Channel) -> str:
    """Fees compared by amount when one is known (the text may lag behind), else by their text."""
    def one(fee) -> str:
        if fee.amount is None:
            return fee.text
        if fee.amount == 0:
            return "Miễn phí"
        return f"{fee.amount:,} đồng".replace(",", ".")
    return "; ".join(one(f) for f in channel.fees) or "Không"


def diff_contents(before: ProcedureContent, after: ProcedureContent) -> list[Change]:
    """Every difference between two contents, part by part, in the order of the decree's parts."""
    changes: list[Change] = []
    for part, a, b in (
        ("name", before.name, after.name),
        ("sector", before.sector, after.sector),
        ("procedure_type", before.procedure_type, after.procedure_type),
        ("conditions", before.conditions, after.conditions),
        ("notes", before.notes, after.notes),
    ):
        if (a or None) != (b or None):
            changes.append(Change(part, "changed", a, b))
    if sorted(before.levels) != sorted(after.levels):
        changes.append(Change("levels", "changed", before.levels, after.levels))
    if before.audience != after.audience:
        changes.append(Change("audience", "changed", before.audience, after.audience))
    if before.steps != after.steps:
        changes.append(Change("steps", "changed", len(before.steps), len(after.steps),
                              f"{len(before.steps)} bước → {len(after.steps)} bước"))
    changes += _diff_channels(before.channels, after.channels)
    changes += _diff_keyed("papers", before.papers, after.papers, lambda p: (name_key(p.name), p.case or ""),
                           _paper_label, _paper_quantity)
    changes += _diff_keyed("legal_basis", before.legal_basis, after.legal_basis,
                           lambda a: (a.number or name_key(a.title)), lambda a: " ".join(
                               x for x in (a.number, a.title) if x), lambda a: a.article or "")
    changes += _diff_keyed("result", before.results, after.results, lambda r: name_key(r.name),
                           lambda r: r.name, lambda r: r.code or "")
    changes += _diff_keyed("agencies", before.agencies, after.agencies,
                           lambda a: (a.role, name_key(a.name)), lambda a: a.name,
                           lambda a: a.address or "")
    if (before.online_level, before.online_url) != (after.online_level, after.online_url):
        changes.append(Change("online", "changed", before.online_level, after.online_level,
                              f"{before.online_url or ''} → {after.online_url or ''}".strip(" →")))
    return changes


def _diff_channels(before: list[Channel], after: list[Channel]) -> list[Change]:
    changes = []
    old = {c.kind: c for c in before}
    new = {c.kind: c for c in after}
    for kind in list(old) + [k for k in new if k not in old]:
        label = CHANNEL_LABELS.get(kind, kind)
        if kind not in new:
            changes.append(Change("channels", "removed", label, None, f"Bỏ hình thức {label.lower()}"))
        elif kind not in old:
            changes.append(Change("channels", "added", None, label, f"Thêm hình thức {label.lower()}"))
        else:
            a, b = old[kind], new[kind]
            if _time_text(a) != _time_text(b):
                changes.append(Change("processing_time", "changed", _time_text(a), _time_text(b), label))
            if _fee_text(a) != _fee_text(b):
                changes.append(Change("fees", "changed", _fee_text(a), _fee_text(b), label))
            if (a.description or "") != (b.description or ""):
                changes.append(Change("channels", "changed", a.description, b.description, label))
    return changes


def _diff_keyed(part, before, after, key, label, detail) -> list[Change]:
    """Match rows by key (several rows may share one, e.g. two "Tờ khai" for two cases)."""
    changes = []
    old: dict = {}
    new: dict = {}
    for x in before:
        old.setdefault(key(x), []).append(x)
    for x in after:
        new.setdefault(key(x), []).append(x)
    for k, olds in old.items():
        news = new.get(k, [])
        for a, b in zip(olds, news):
            if detail(a) != detail(b) or label(a) != label(b):
                changes.append(Change(part, "changed", f"{label(a)} ({detail(a)})".rstrip(" ()"),
                                      f"{label(b)} ({detail(b)})".rstrip(" ()")))
        changes += [Change(part, "removed", label(x), None, detail(x)) for x in olds[len(news):]]
    for k, news in new.items():
        changes += [Change(part, "added", None, label(x), detail(x)) for x in news[len(old.get(k, [])):]]
    return changes


def changed_parts(before: ProcedureContent, after: ProcedureContent) -> list[str]:
    return list(dict.fromkeys(c.part for c in diff_contents(before, after)))


def simplification(before: ProcedureContent, after: ProcedureContent) -> Simplification:
    """Cuts from ``before`` to ``after``; a negative cut (an increase) counts as zero."""
    cut = Simplification()
    old_times, new_times = before.processing_days(), after.processing_days()
    for unit, value in old_times.items():
        if unit in new_times and new_times[unit] < value:
            cut.time_cut[unit] = value - new_times[unit]
    cut.papers_cut = max(0, _required_papers(before) - _required_papers(after))
    old_fee, new_fee = before.total_fee(), after.total_fee()
    if old_fee is not None:
        cut.fee_cut = max(0, old_fee - (new_fee or 0))
    if before.steps and after.steps:
        cut.steps_cut = max(0, len(before.steps) - len(after.steps))
    return cut


def _required_papers(content: ProcedureContent) -> int:
    return len(content.papers)
