"""The structured content of a procedure as an HTML form, and back.

Field names follow the content model (DESIGN §4): single fields by name (``name``, ``sector`` …),
lists of lines in textareas (``audience``, ``steps``), and repeated rows as
``{group}-{index}-{field}`` — ``paper-0-name``, ``agency-2-role``, ``legal-1-number``,
``result-0-code`` — with fees nested under their channel (``channel-online-fee-1-amount``).
A row whose main field is empty is dropped, so the blank rows the editor offers cost nothing.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from werkzeug.datastructures import MultiDict

from catalogue.content import (
    AGENCY_ROLES, CHANNEL_KINDS, FEE_KINDS, LEVELS, ONLINE_LEVELS, PAPER_GROUPS, TIME_UNITS, AgencyRef,
    Channel, Fee, LegalAct, Paper, ProcedureContent, ProcessingTime, Result,
)

from .forms import Fields, FormErrors, int_field, row_indexes

BLANK_ROWS = 2  # empty rows offered under each repeated group
MAX_FEES = 10
PAPER_FIELDS = ("name", "group", "form", "originals", "copies", "quantity_text", "case")


class ContentForm:
    """What the editor shows: flat field values (from saved content, or as typed) and their errors.

    Rendering from flat values means a refused form comes back exactly as typed, with each message
    next to the row it is about (rows keep their indexes), and blank rows are appended for new entries.
    """

    def __init__(self, values: MultiDict, errors: FormErrors | None = None) -> None:
        self.values = values
        self.errors = errors or FormErrors()

    @classmethod
    def from_content(cls, content: ProcedureContent) -> "ContentForm":
        return cls(content_fields(content))

    def get(self, name: str) -> str:
        value = self.values.get(name)
        return "" if value is None else str(value)

    def getlist(self, name: str) -> list[str]:
        return self.values.getlist(name)

    def indexes(self, group: str) -> list[int]:
        """Indexes of the rows of ``group`` to show: those present, then blank ones."""
        present = row_indexes(Fields(self.values), group)
        start = (max(present) + 1) if present else 0
        return present + list(range(start, start + BLANK_ROWS))

    def fee_indexes(self, kind: str) -> list[int]:
        prefix = f"channel-{kind}-fee-"
        present = sorted({int(k[len(prefix):].split("-")[0]) for k in self.values.keys()
                          if k.startswith(prefix) and k[len(prefix):].split("-")[0].isdigit()})
        start = (max(present) + 1) if present else 0
        return (present + list(range(start, start + BLANK_ROWS)))[:MAX_FEES]


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value.normalize())
    return str(value)


def content_fields(content: ProcedureContent) -> MultiDict:
    """The form fields that ``parse_content`` reads back into the same content."""
    fields: list[tuple[str, str]] = [
        ("name", content.name), ("sector", _plain(content.sector)), ("procedure_type", _plain(content.procedure_type)),
        ("audience", "\n".join(content.audience)), ("steps", "\n\n".join(content.steps)),
        ("conditions", _plain(content.conditions)), ("online_level", _plain(content.online_level)),
        ("online_url", _plain(content.online_url)), ("notes", _plain(content.notes)),
    ]
    fields += [("levels", level) for level in content.levels]
    for channel in content.channels:
        prefix = f"channel-{channel.kind}"
        time = channel.processing_time
        fields += [(f"{prefix}-enabled", "1"), (f"{prefix}-description", channel.description),
                   (f"{prefix}-time_value", _plain(time.value) if time else ""),
                   (f"{prefix}-time_unit", _plain(time.unit) if time else ""),
                   (f"{prefix}-time_text", time.text if time else "")]
        for i, fee in enumerate(channel.fees):
            fields += [(f"{prefix}-fee-{i}-kind", _plain(fee.kind)), (f"{prefix}-fee-{i}-amount", _plain(fee.amount)),
                       (f"{prefix}-fee-{i}-text", fee.text)]
    for i, paper in enumerate(content.papers):
        fields += [(f"paper-{i}-{k}", _plain(getattr(paper, k))) for k in PAPER_FIELDS]
    for i, result in enumerate(content.results):
        fields += [(f"result-{i}-name", result.name), (f"result-{i}-code", _plain(result.code))]
    for i, agency in enumerate(content.agencies):
        fields += [(f"agency-{i}-name", agency.name), (f"agency-{i}-role", agency.role),
                   (f"agency-{i}-address", _plain(agency.address))]
    for i, act in enumerate(content.legal_basis):
        fields += [(f"legal-{i}-number", _plain(act.number)), (f"legal-{i}-title", act.title),
                   (f"legal-{i}-article", _plain(act.article))]
    return MultiDict(fields)


def _decimal(fields: Fields, name: str, label: str, errors: FormErrors) -> Decimal | None:
    value = fields.text(name, 20)
    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        errors.add(name, f"{label} phải là một số (ví dụ 5 hoặc 2,5).")
        return None
    if not number.is_finite() or number < 0:
        errors.add(name, f"{label} phải là số không âm.")
        return None
    return number


def _choice(fields: Fields, name: str, choices: tuple[str, ...], label: str, errors: FormErrors,
            default: str | None = None) -> str | None:
    value = fields.text(name, 40) or default
    if value is not None and value not in choices:
        errors.add(name, f"{label} không hợp lệ.")
        return default
    return value


def _channels(fields: Fields, errors: FormErrors) -> list[Channel]:
    channels = []
    for kind in CHANNEL_KINDS:
        prefix = f"channel-{kind}"
        if not fields.get(f"{prefix}-enabled"):
            continue
        value = _decimal(fields, f"{prefix}-time_value", "Thời hạn", errors)
        unit = _choice(fields, f"{prefix}-time_unit", TIME_UNITS, "Đơn vị thời hạn", errors)
        if value is not None and unit is None:
            errors.add(f"{prefix}-time_unit", "Hãy chọn đơn vị của thời hạn.")
        text = fields.text(f"{prefix}-time_text", 2000) or ""
        time = ProcessingTime(value=value, unit=unit, text=text) if (value is not None or text) else None
        fees = []
        for i in range(MAX_FEES):
            fee_prefix = f"{prefix}-fee-{i}"
            amount = int_field(fields, f"{fee_prefix}-amount", "Số tiền", errors)
            fee_text = fields.text(f"{fee_prefix}-text", 2000) or ""
            if amount is None and not fee_text:
                continue
            fee_kind = _choice(fields, f"{fee_prefix}-kind", FEE_KINDS, "Loại phí", errors)
            fees.append(Fee(kind=fee_kind, amount=amount, text=fee_text))
        channels.append(Channel(kind=kind, processing_time=time, fees=fees,
                                description=fields.text(f"{prefix}-description", 4000) or ""))
    return channels


def _papers(fields: Fields, errors: FormErrors) -> list[Paper]:
    papers = []
    for i in row_indexes(fields, "paper"):
        p = f"paper-{i}"
        name = fields.text(f"{p}-name", 2000)
        if not name:
            continue
        papers.append(Paper(
            name=name, group=_choice(fields, f"{p}-group", PAPER_GROUPS, "Nhóm giấy tờ", errors, "submit"),
            form=fields.text(f"{p}-form", 500),
            originals=int_field(fields, f"{p}-originals", "Số bản chính", errors),
            copies=int_field(fields, f"{p}-copies", "Số bản sao", errors),
            quantity_text=fields.text(f"{p}-quantity_text", 500) or "",
            case=fields.text(f"{p}-case", 1000)))
    return papers


def parse_content(fields: Fields) -> tuple[ProcedureContent, FormErrors]:
    errors = FormErrors()
    name = fields.text("name", 2000)
    if not name:
        errors.add("name", "Hãy nhập tên thủ tục.")
    levels = [str(v) for v in fields.getlist("levels")]
    if any(v not in LEVELS for v in levels):
        errors.add("levels", "Cấp thực hiện không hợp lệ.")
        levels = [v for v in levels if v in LEVELS]
    url = fields.text("online_url", 1000)
    if url and not url.startswith(("https://", "http://")):
        errors.add("online_url", "Đường dẫn dịch vụ công trực tuyến phải bắt đầu bằng https:// hoặc http://.")
    results = [Result(name=n, code=fields.text(f"result-{i}-code", 100))
               for i in row_indexes(fields, "result") if (n := fields.text(f"result-{i}-name", 2000))]
    agencies = [AgencyRef(name=n, role=_choice(fields, f"agency-{i}-role", AGENCY_ROLES, "Vai trò cơ quan",
                                               errors, "executing"),
                          address=fields.text(f"agency-{i}-address", 1000))
                for i in row_indexes(fields, "agency") if (n := fields.text(f"agency-{i}-name", 500))]
    legal = [LegalAct(number=fields.text(f"legal-{i}-number", 200), title=fields.text(f"legal-{i}-title", 2000) or "",
                      article=fields.text(f"legal-{i}-article", 1000))
             for i in row_indexes(fields, "legal")
             if fields.text(f"legal-{i}-number") or fields.text(f"legal-{i}-title")]
    content = ProcedureContent(
        name=name or "", sector=fields.text("sector", 300), levels=list(dict.fromkeys(levels)),
        procedure_type=fields.text("procedure_type", 300), audience=fields.lines("audience"),
        steps=fields.blocks("steps"), channels=_channels(fields, errors), papers=_papers(fields, errors),
        conditions=fields.text("conditions", 20000), results=results, agencies=agencies, legal_basis=legal,
        online_level=_choice(fields, "online_level", ONLINE_LEVELS, "Mức dịch vụ công trực tuyến", errors),
        online_url=url, notes=fields.text("notes", 20000),
    )
    return content, errors
