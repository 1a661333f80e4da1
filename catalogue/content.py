"""The content of one edition of a procedure, as plain data.

Importers produce it, the demo data is written in it, services turn it into rows (and back), and
diffs compare two of them. It is deliberately free of SQLAlchemy so that parsing real data can be
tested without a database. ``to_dict``/``from_dict`` give the JSON form used by exports and the demo
data file.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# Vocabularies (values stored in the database; labels are Vietnamese in the interface).
# "district" is historical: cấp huyện procedures were abolished with the two-tier reform of 2025.
LEVELS = ("ministry", "province", "commune", "other", "district")
LEVEL_LABELS = {"ministry": "Cấp bộ", "province": "Cấp tỉnh", "commune": "Cấp xã", "other": "Cơ quan khác",
                "district": "Cấp huyện"}
CHANNEL_KINDS = ("direct", "online", "postal")
CHANNEL_LABELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Dịch vụ bưu chính"}
TIME_UNITS = ("working_day", "day", "hour", "month", "year")
TIME_UNIT_LABELS = {
    "working_day": "ngày làm việc", "day": "ngày", "hour": "giờ", "month": "tháng", "year": "năm",
}
FEE_KINDS = ("fee", "charge")  # phí, lệ phí
PAPER_GROUPS = ("submit", "present")  # nộp, xuất trình
AGENCY_ROLES = ("executing", "competent", "receiving", "delegated", "coordinating")
AGENCY_ROLE_LABELS = {
    "executing": "Cơ quan thực hiện",
    "competent": "Cơ quan có thẩm quyền",
    "receiving": "Nơi tiếp nhận hồ sơ",
    "delegated": "Cơ quan được ủy quyền",
    "coordinating": "Cơ quan phối hợp",
}
ONLINE_LEVELS = ("full", "partial")
ONLINE_LEVEL_LABELS = {"full": "Toàn trình", "partial": "Một phần"}

# The parts of a procedure (Nghị định 63/2010, Điều 8 khoản 2), used as "changed parts".
PARTS = (
    "name", "steps", "channels", "papers", "processing_time", "audience", "agencies", "result",
    "conditions", "fees", "legal_basis", "sector", "levels", "procedure_type", "online", "notes",
)
PART_LABELS = {
    "name": "Tên thủ tục", "steps": "Trình tự thực hiện", "channels": "Cách thức thực hiện",
    "papers": "Thành phần hồ sơ", "processing_time": "Thời hạn giải quyết",
    "audience": "Đối tượng thực hiện", "agencies": "Cơ quan thực hiện", "result": "Kết quả thực hiện",
    "conditions": "Yêu cầu, điều kiện", "fees": "Phí, lệ phí", "legal_basis": "Căn cứ pháp lý",
    "sector": "Lĩnh vực", "levels": "Cấp thực hiện", "procedure_type": "Loại thủ tục",
    "online": "Dịch vụ công trực tuyến", "notes": "Lưu ý",
}


@dataclass
class ProcessingTime:
    """Thời hạn giải quyết of one channel: a number and a unit, plus the text it was read from."""
    value: Decimal | None = None
    unit: str | None = None  # one of TIME_UNITS
    text: str = ""


@dataclass
class Fee:
    """One phí or lệ phí. ``amount`` in đồng when the text states one number."""
    kind: str | None = None  # one of FEE_KINDS, None when the source does not say
    amount: int | None = None
    text: str = ""


@dataclass
class Channel:
    """One way to submit (trực tiếp / trực tuyến / bưu chính) with its time and fees."""
    kind: str  # one of CHANNEL_KINDS
    processing_time: ProcessingTime | None = None
    fees: list[Fee] = field(default_factory=list)
    description: str = ""


@dataclass
class Paper:
    """One giấy tờ of the thành phần hồ sơ."""
    name: str
    group: str = "submit"  # one of PAPER_GROUPS
    form: str | None = None  # mẫu đơn, tờ khai
    originals: int | None = None
    copies: int | None = None
    quantity_text: str = ""
    case: str | None = None  # "Trường hợp …" heading the paper sits under, if any


@dataclass
class LegalAct:
    """One căn cứ pháp lý: the act's number (số ký hiệu), its title and the article cited."""
    number: str | None = None
    title: str = ""
    article: str | None = None


@dataclass
class AgencyRef:
    name: str
    role: str = "executing"  # one of AGENCY_ROLES
    address: str | None = None


@dataclass
class Result:
    name: str
    code: str | None = None  # e.g. KQ.G15.000033


@dataclass
class ProcedureContent:
    """Everything an edition says about a procedure."""
    name: str
    sector: str | None = None
    levels: list[str] = field(default_factory=list)
    procedure_type: str | None = None
    audience: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    conditions: str | None = None
    results: list[Result] = field(default_factory=list)
    agencies: list[AgencyRef] = field(default_factory=list)
    legal_basis: list[LegalAct] = field(default_factory=list)
    online_level: str | None = None  # one of ONLINE_LEVELS
    online_url: str | None = None
    notes: str | None = None

    # -- summaries used by statistics and diffs -------------------------------------------------
    def processing_days(self) -> dict[str, Decimal]:
        """Shortest stated time per unit over the channels (units are never mixed)."""
        best: dict[str, Decimal] = {}
        for channel in self.channels:
            t = channel.processing_time
            if t and t.value is not None and t.unit:
                if t.unit not in best or t.value < best[t.unit]:
                    best[t.unit] = t.value
        return best

    def total_fee(self) -> int | None:
        """Highest total fee in đồng over the channels that state amounts (None if none do)."""
        totals = [sum(f.amount for f in c.fees if f.amount is not None)
                  for c in self.channels if any(f.amount is not None for f in c.fees)]
        return max(totals) if totals else None

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(dataclasses.asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ProcedureContent":
        data = dict(data)
        data["channels"] = [
            Channel(
                kind=c["kind"],
                processing_time=ProcessingTime(
                    value=_decimal(c["processing_time"].get("value")),
                    unit=c["processing_time"].get("unit"),
                    text=c["processing_time"].get("text", ""),
                ) if c.get("processing_time") else None,
                fees=[Fee(**f) for f in c.get("fees", [])],
                description=c.get("description", ""),
            )
            for c in data.get("channels", [])
        ]
        data["papers"] = [Paper(**p) for p in data.get("papers", [])]
        data["results"] = [Result(**r) for r in data.get("results", [])]
        data["agencies"] = [AgencyRef(**a) for a in data.get("agencies", [])]
        data["legal_basis"] = [LegalAct(**a) for a in data.get("legal_basis", [])]
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
        return cls(**data)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value
