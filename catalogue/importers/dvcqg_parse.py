"""One record of the national public-service portal (dichvucong.gov.vn) as ``ParsedRecord``.

The scrape keeps the portal's labels as keys (``ma_thu_tuc``, ``cach_thuc_thuc_hien`` …) and its
tables flattened into strings. Each table has its own module; this one maps the simple fields and
puts the pieces together. Parsing is pure: no database, no network, the same record gives the same
result, and nothing raises on messy input: what could not be read becomes a warning.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from catalogue.content import AGENCY_ROLE_LABELS, AgencyRef, ProcedureContent
from catalogue.importers.dvcqg_channels import parse_channels
from catalogue.importers.dvcqg_papers import parse_papers
from catalogue.importers.dvcqg_results import SUBMIT_WIDGET, parse_results
from catalogue.importers.legal_acts import parse_legal_table
from catalogue.importers.records import ParsedRecord, SourceInfo
from catalogue.importers.steps import split_steps
from catalogue.importers.text_clean import (
    block_or_none, clean_inline, inline_or_none, is_placeholder, says_none, split_names,
)

ORIGIN = "dvcqg"
LEVEL_BY_LABEL = {
    "cấp bộ": "ministry", "cấp trung ương": "ministry", "cấp tỉnh": "province", "cấp xã": "commune",
    "cơ quan khác": "other",
}
MAX_AGENCY_NAME = 300  # the longest real agency names are under 200 characters
_AGENCY_FIELDS = (
    ("co_quan_thuc_hien", "executing"),
    ("co_quan_co_tham_quyen", "competent"),
    ("co_quan_duoc_uy_quyen", "delegated"),
    ("co_quan_phoi_hop", "coordinating"),
)
_AGENCY_START = (r"(?:Bộ phận|Bộ|Cục|Sở|Trung tâm|Ngân hàng|Ủy ban|UBND|Phòng|Chi cục|Văn phòng|"
                 r"Cảng vụ|Công an|Tòa án|Ban quản lý)")
# "Bộ Xây dựng, 80 Trần Hưng Đạo, …", "Bộ phận Một cửa … Việt Nam số 49, Lý Thái Tổ": an agency
# name, then an address with a house number.
_NAMED_ADDRESS = re.compile(
    rf"^(?P<name>{_AGENCY_START}[^,;:\d]*?)(?:\s*[,;:]\s*|\s+(?=(?:số\s+)?\d))(?P<address>.*\d.*)$")
# A short agency name with no address at all ("Bộ phận Một cửa Ngân hàng Nhà nước Khu vực").
_NAME_ONLY = re.compile(rf"^{_AGENCY_START}[^\d]{{0,120}}$")


def read_records(path: str | Path) -> Iterator[dict]:
    """The records of a scrape file: JSON lines, gzip-compressed when the name ends in .gz."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def parse_record(record: dict) -> ParsedRecord:
    """Structured content of one portal record, with warnings about what had to be guessed."""
    warnings: list[str] = []

    def field(key: str) -> str | None:
        return _text(record, key)

    name = clean_inline(field("ten_thu_tuc"))
    if not name:
        warnings.append("Tên thủ tục: trống")
    channels, channel_warnings = parse_channels(field("cach_thuc_thuc_hien"))
    papers, notes, paper_warnings = parse_papers(field("thanh_phan_ho_so"))
    legal_basis, legal_warnings = parse_legal_table(field("can_cu_phap_ly"))
    results, result_warnings = parse_results(field("ket_qua_xu_ly"))
    levels, level_warnings = parse_levels(field("cap_thuc_hien"))
    agencies, agency_warnings = parse_agencies(record)
    warnings += (channel_warnings + paper_warnings + legal_warnings + result_warnings + level_warnings
                 + agency_warnings)
    content = ProcedureContent(
        name=name,
        sector=inline_or_none(field("linh_vuc")),
        levels=levels,
        procedure_type=inline_or_none(field("loai_thu_tuc")),
        audience=split_names(field("doi_tuong_thuc_hien")),
        steps=split_steps(field("trinh_tu_thuc_hien")),
        channels=channels,
        papers=papers,
        conditions=None if says_none(field("yeu_cau_dieu_kien")) else block_or_none(
            field("yeu_cau_dieu_kien")),
        results=results,
        agencies=agencies,
        legal_basis=legal_basis,
        online_level=None,  # the portal's records do not state toàn trình / một phần
        online_url=_online_url(record, channels),
        notes="\n".join(notes) or None,
    )
    source = SourceInfo(
        origin=ORIGIN,
        detail_url=inline_or_none(field("detail_url")),
        so_quyet_dinh=inline_or_none(field("so_quyet_dinh")),
        ministry_folder=inline_or_none(field("_ministry_folder")),
        formality_id=inline_or_none(field("formality_id")),
    )
    return ParsedRecord(code=inline_or_none(field("ma_thu_tuc")), content=content, source=source,
                        warnings=warnings)


def parse_levels(text: str | None) -> tuple[list[str], list[str]]:
    """"Cấp bộ, Cấp tỉnh" → ["ministry", "province"]; unknown labels are reported."""
    levels: list[str] = []
    warnings: list[str] = []
    for label in split_names(text):
        level = LEVEL_BY_LABEL.get(label.casefold())
        if level is None:
            warnings.append(f"Cấp thực hiện: không nhận ra «{label}»")
        elif level not in levels:
            levels.append(level)
    return levels, warnings


def parse_agencies(record: dict) -> tuple[list[AgencyRef], list[str]]:
    """Agencies by role, and the place that receives the file (with its address).

    A "name" longer than any agency's is prose the scrape put in the wrong field: it is reported,
    not stored as an agency.
    """
    agencies: list[AgencyRef] = []
    warnings: list[str] = []
    for key, role in _AGENCY_FIELDS:
        for name in split_names(_text(record, key)):
            if len(name) > MAX_AGENCY_NAME:
                warnings.append(f"{AGENCY_ROLE_LABELS[role]}: bỏ qua đoạn văn dài {len(name)} ký tự "
                                f"không phải tên cơ quan «{name[:60]}»")
            else:
                agencies.append(AgencyRef(name=name, role=role))
    address = _text(record, "dia_chi_tiep_nhan")
    if not is_placeholder(address):
        text = clean_inline(address)
        match = _NAMED_ADDRESS.match(text)
        if match:
            agencies.append(AgencyRef(name=match.group("name"), role="receiving",
                                      address=match.group("address")))
        elif _NAME_ONLY.match(text):
            agencies.append(AgencyRef(name=text.rstrip(".:; "), role="receiving"))
        else:
            agencies.append(AgencyRef(name=AGENCY_ROLE_LABELS["receiving"], role="receiving",
                                      address=text))
    return agencies, warnings


def _text(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None


def _online_url(record: dict, channels) -> str | None:
    """The portal page, when it offers online submission ("Nộp hồ sơ") for an online channel."""
    result_cell, url = _text(record, "ket_qua_xu_ly"), inline_or_none(_text(record, "detail_url"))
    if result_cell is None or url is None:
        return None
    online = any(channel.kind == "online" for channel in channels)
    return url if online and clean_inline(result_cell).endswith(SUBMIT_WIDGET) else None
