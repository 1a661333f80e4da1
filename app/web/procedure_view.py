"""What the procedure and history pages show, prepared in Python so the templates stay plain.

A citizen opens a procedure to learn what to bring, how long it takes, what it costs and where to
go, so those come first and are computed here from the edition: the papers grouped into "nộp" and
"xuất trình" and, inside each, under the "Trường hợp …" heading they sit under in the source; each
channel with its time and fees; a short summary of the shortest time, the fees and the place; the
agencies with their addresses and links to their own page. The history page turns each
``catalogue.diff.Change`` into a "before → after" row in words (level and online-level codes as
their Vietnamese labels, lists joined), because a raw list or code means nothing to a reader.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from catalogue.content import (
    AGENCY_ROLE_LABELS, CHANNEL_LABELS, LEVEL_LABELS, ONLINE_LEVEL_LABELS, TIME_UNIT_LABELS, Channel,
    Fee, Paper, ProcedureContent,
)
from catalogue.diff import Change
from catalogue.models import Edition

FEE_KIND_LABELS = {"fee": "Phí", "charge": "Lệ phí"}
PAPER_GROUPS = (("submit", "Giấy tờ phải nộp"), ("present", "Giấy tờ phải xuất trình"))


def number_text(value: Decimal | int | float) -> str:
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return str(int(value))
    return str(value.normalize()).replace(".", ",")


def money_text(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def quantity_text(paper: Paper) -> str:
    parts = []
    if paper.originals:
        parts.append(f"{paper.originals} bản chính")
    if paper.copies:
        parts.append(f"{paper.copies} bản sao")
    return ", ".join(parts) or paper.quantity_text or ""


def time_text(channel: Channel) -> str:
    t = channel.processing_time
    if t is None:
        return ""
    if t.value is not None and t.unit:
        return f"{number_text(t.value)} {TIME_UNIT_LABELS.get(t.unit, t.unit)}"
    return t.text


def fee_text(fee: Fee) -> str:
    if fee.text:
        return fee.text
    return money_text(fee.amount) if fee.amount is not None else ""


@dataclass
class PaperSection:
    case: str | None
    papers: list[dict[str, Any]]


@dataclass
class PaperGroup:
    key: str
    label: str
    sections: list[PaperSection]

    @property
    def count(self) -> int:
        return sum(len(s.papers) for s in self.sections)


@dataclass
class ChannelView:
    kind: str
    label: str
    time: str
    time_note: str
    fees: list[dict[str, str]]
    description: str


@dataclass
class ProcedurePage:
    papers: list[PaperGroup]
    channels: list[ChannelView]
    agencies: list[dict[str, Any]]
    facts: list[tuple[str, str]] = field(default_factory=list)
    paper_count: int = 0


def _paper_groups(papers: list[Paper]) -> list[PaperGroup]:
    groups = []
    number = 0
    for key, label in PAPER_GROUPS:
        sections: list[PaperSection] = []
        for paper in papers:
            if paper.group != key:
                continue
            number += 1
            if not sections or sections[-1].case != paper.case:
                sections.append(PaperSection(paper.case, []))
            sections[-1].papers.append({"id": f"giay-to-{number}", "name": paper.name,
                                        "quantity": quantity_text(paper), "form": paper.form})
        if sections:
            groups.append(PaperGroup(key, label, sections))
    return groups


def _channels(content: ProcedureContent) -> list[ChannelView]:
    views = []
    for channel in content.channels:
        shown = time_text(channel)
        raw = channel.processing_time.text if channel.processing_time else ""
        views.append(ChannelView(
            kind=channel.kind, label=CHANNEL_LABELS.get(channel.kind, channel.kind), time=shown,
            time_note=raw if raw and " ".join(raw.split()).casefold() != shown.casefold() else "",
            fees=[{"kind": FEE_KIND_LABELS.get(f.kind or "", ""), "text": fee_text(f)}
                  for f in channel.fees if fee_text(f)],
            description=channel.description,
        ))
    return views


def _agencies(edition: Edition) -> list[dict[str, Any]]:
    return [{"id": link.agency_id, "name": link.agency.name, "address": link.address,
             "role": AGENCY_ROLE_LABELS.get(link.role, link.role), "role_code": link.role}
            for link in edition.agencies]


def _time_fact(content: ProcedureContent) -> str:
    best = content.processing_days()
    if best:
        return " hoặc ".join(f"{number_text(v)} {TIME_UNIT_LABELS.get(u, u)}" for u, v in best.items())
    texts = [time_text(c) for c in content.channels if time_text(c)]
    return texts[0] if texts else ""


def _fee_fact(content: ProcedureContent) -> str:
    totals = sorted({sum(f.amount for f in c.fees if f.amount is not None)
                     for c in content.channels if any(f.amount is not None for f in c.fees)})
    texts = [fee_text(f) for c in content.channels for f in c.fees if fee_text(f)]
    if not totals:
        return "Xem mục phí, lệ phí" if texts else "Không quy định"
    if totals == [0]:
        return "Miễn phí"
    if len(totals) == 1:
        return money_text(totals[0])
    low = totals[0]
    return f"Từ {money_text(low)} đến {money_text(totals[-1])}, tùy cách nộp" if low else \
        f"Miễn phí hoặc {money_text(totals[-1])}, tùy cách nộp"


def _place_fact(agencies: list[dict[str, Any]]) -> str:
    for role in ("receiving", "executing", "competent"):
        names = [a["name"] for a in agencies if a["role_code"] == role]
        if names:
            return "; ".join(dict.fromkeys(names))
    return ""


def procedure_page(edition: Edition, content: ProcedureContent) -> ProcedurePage:
    agencies = _agencies(edition)
    page = ProcedurePage(papers=_paper_groups(content.papers), channels=_channels(content), agencies=agencies,
                         paper_count=len(content.papers))
    facts = [("Thời hạn giải quyết", _time_fact(content)), ("Phí, lệ phí", _fee_fact(content)),
             ("Nơi nộp hồ sơ", _place_fact(agencies))]
    if content.channels:
        facts.append(("Cách nộp", ", ".join(CHANNEL_LABELS.get(c.kind, c.kind) for c in content.channels)))
    page.facts = [(label, value) for label, value in facts if value]
    return page


# -- history ----------------------------------------------------------------------------------------

def _value_text(part: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if part == "levels" and isinstance(value, list):
        return ", ".join(LEVEL_LABELS.get(v, v) for v in value)
    if part == "online":
        return ONLINE_LEVEL_LABELS.get(value, str(value))
    if part == "steps" and isinstance(value, int):
        return f"{value} bước"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class ChangeRow:
    label: str
    kind: str  # added | removed | changed
    before: str
    after: str
    detail: str

    @property
    def kind_label(self) -> str:
        return {"added": "Thêm", "removed": "Bỏ", "changed": "Sửa"}.get(self.kind, self.kind)


def change_rows(changes: list[Change]) -> list[ChangeRow]:
    rows = []
    for change in changes:
        detail = change.detail
        if change.part == "steps":
            detail = ""  # the before/after already say "4 bước → 3 bước"
        elif change.part == "online" and " → " in detail:
            old_url, _, new_url = detail.partition(" → ")
            detail = "" if old_url == new_url else f"Đường dẫn: {detail}"
        rows.append(ChangeRow(label=change.label, kind=change.kind, before=_value_text(change.part, change.before),
                              after=_value_text(change.part, change.after), detail=detail))
    return rows
