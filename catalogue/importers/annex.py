"""Import a decision's annex (danh mục TTHC) into a draft decision.

Two sources: an ``.xlsx`` annex as offices type it (title rows, then a header row, then one row per
procedure and level), and the JSON transcription format of a real annex (``rows`` with
``officialCode``, ``changeType`` …). Either way the rows become a draft that is validated at once:
if any row cannot apply, nothing is written and the report names each row and the reason.

Columns are recognised case- and diacritics-insensitively. For a "thay thế" row, *Mã TTHC* and
*Tên TTHC* describe the new procedure and *Thay thế cho* gives the code of the one it replaces.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from .. import audit, decisions
from ..errors import CatalogueError, Problem
from ..text import fold, name_key, nfc
from .report import ImportFailed, ImportReport

COLUMNS: dict[str, tuple[str, ...]] = {
    "row": ("stt", "so tt", "so thu tu", "tt"),
    "code": ("ma tthc", "ma so", "ma thu tuc", "ma so tthc", "so ho so tthc", "ma so ho so"),
    "name": ("ten tthc", "ten thu tuc", "ten thu tuc hanh chinh"),
    "sector": ("linh vuc",),
    "level": ("cap thuc hien", "cap"),
    "agency": ("co quan thuc hien",),
    "kind": ("loai thay doi", "hinh thuc", "loai"),
    "replaces": ("thay the cho",),
    "note": ("ghi chu",),
}
REQUIRED = ("name", "kind")
LABELS = {"row": "STT", "code": "Mã TTHC", "name": "Tên TTHC", "sector": "Lĩnh vực",
          "level": "Cấp thực hiện", "agency": "Cơ quan thực hiện", "kind": "Loại thay đổi",
          "replaces": "Thay thế cho", "note": "Ghi chú"}
HEADER_SCAN_ROWS = 30
MAX_ROWS = 20_000

_KINDS = (
    ("new", ("moi ban hanh", "ban hanh moi", "moi", "new")),
    ("amended", ("sua doi, bo sung", "sua doi bo sung", "sua doi", "bo sung", "amended")),
    ("replaced", ("thay the", "replaced")),
    ("abolished", ("bai bo", "huy bo", "abolished")),
)
_LEVELS = (
    ("ministry", ("cap bo", "bo", "trung uong", "tw", "cap trung uong", "ministry")),
    ("province", ("cap tinh", "tinh", "province")),
    ("district", ("cap huyen", "huyen", "district")),
    ("commune", ("cap xa", "xa", "commune")),
    ("other", ("co quan khac", "khac", "other")),
)
# Sector vocabulary of the JSON transcription format (its ``domain`` slugs).
_JSON_DOMAINS = {
    "can_cuoc": "Cấp, quản lý căn cước",
    "cu_tru": "Đăng ký, quản lý cư trú",
    "con_dau": "Quản lý con dấu",
    "antt": "Quản lý ngành, nghề đầu tư kinh doanh có điều kiện về an ninh, trật tự",
    "quan_ly_su_dung_phao": "Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo",
}
_JSON_LEVELS = {"trung-uong": "ministry", "tinh": "province", "huyen": "district", "xa": "commune"}


@dataclass
class DecisionMeta:
    number: str | None = None
    date: dt.date | None = None
    effective_date: dt.date | None = None
    signer: str | None = None
    issuer: str | None = None
    title: str | None = None


@dataclass
class AnnexRow:
    row: int
    kind: str
    code: str | None
    name: str | None
    sector: str | None
    level: str | None
    agency: str | None
    replaces: str | None
    note: str | None


def match_kind(value: str) -> str | None:
    key = fold(value).strip(" .;:")
    for kind, words in _KINDS:
        if key in words:
            return kind
    for kind, words in _KINDS:
        if any(key.startswith(w) for w in words if len(w) > 3):
            return kind
    return None


def match_level(value: str) -> str | None:
    key = fold(value).strip(" .;:")
    for level, words in _LEVELS:
        if key in words:
            return level
    return None


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s+", " ", nfc(str(value)).replace("\u00a0", " ")).strip()
    return text or None


def find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    """The first row (within the first rows) that names the name column and at least one other."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        for col, value in enumerate(row):
            text = _cell(value)
            if not text:
                continue
            key = fold(text).strip(" .:*")
            for field_name, names in COLUMNS.items():
                if field_name not in found and (key in names or any(key.startswith(n + " ") or
                                                                    key.startswith(n + "(") for n in names)):
                    found[field_name] = col
                    break
        if "name" in found and len(found) >= 2:
            return index, found
    return None


def read_xlsx_rows(path: Path) -> tuple[list[AnnexRow], list[Problem], dict[str, str]]:
    """Parse the sheet into rows; structural problems (missing columns, bad kinds) are reported."""
    from openpyxl import load_workbook

    # The file is opened here, not by openpyxl: when a broken workbook makes load_workbook raise,
    # openpyxl leaves its own handle open, and this ``with`` closes ours whatever happens.
    with path.open("rb") as stream:
        try:
            workbook = load_workbook(stream, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for broken files
            raise CatalogueError(f"Không đọc được tệp {path.name}: tệp không phải bảng tính .xlsx hợp lệ "
                                 f"({type(exc).__name__}).") from exc
        try:
            sheet = workbook.worksheets[0]
            raw = []
            for i, row in enumerate(sheet.iter_rows(values_only=True)):
                if i >= MAX_ROWS:
                    raise CatalogueError(f"Tệp {path.name} có quá {MAX_ROWS} dòng.")
                raw.append(tuple(row))
        finally:
            workbook.close()
    header = find_header(raw)
    if header is None:
        raise CatalogueError(
            f"Tệp {path.name}: không tìm thấy dòng tiêu đề cột (cần ít nhất cột “Tên TTHC” và "
            f"“Loại thay đổi”) trong {HEADER_SCAN_ROWS} dòng đầu.")
    index, columns = header
    missing = [LABELS[c] for c in REQUIRED if c not in columns]
    if missing:
        raise CatalogueError(f"Tệp {path.name}: thiếu cột {', '.join(missing)} "
                             f"(dòng tiêu đề là dòng {index + 1}).")
    metadata = _metadata_from_titles(raw[:index])
    rows, problems = [], []
    for offset, values in enumerate(raw[index + 1:], start=index + 2):
        get = {f: _cell(values[c]) if c < len(values) else None for f, c in columns.items()}
        if not any(get.values()) or (not get.get("name") and not get.get("code")):
            continue  # blank line or a group heading ("I. Lĩnh vực hộ tịch")
        if not get.get("kind") and not get.get("code") and get.get("name") and _is_heading(get["name"]):
            continue
        kind = match_kind(get.get("kind") or "")
        if kind is None:
            problems.append(Problem(f"Loại thay đổi “{get.get('kind') or ''}” không hợp lệ "
                                    "(mới / sửa đổi, bổ sung / thay thế / bãi bỏ).", row=offset, field="kind"))
            continue
        level = None
        if get.get("level"):
            level = match_level(get["level"])
            if level is None:
                problems.append(Problem(f"Cấp thực hiện “{get['level']}” không hợp lệ.", row=offset,
                                        field="level"))
                continue
        rows.append(AnnexRow(row=offset, kind=kind, code=get.get("code"), name=get.get("name"),
                             sector=get.get("sector"), level=level, agency=get.get("agency"),
                             replaces=get.get("replaces"), note=get.get("note")))
    return rows, problems, metadata


def _is_heading(text: str) -> bool:
    return bool(re.match(r"^([IVXLC]+|[A-Z])[.)]\s", text)) or fold(text).startswith(("linh vuc ", "phan "))


_NUMBER_RE = re.compile(r"(?:số|so)\s*:?\s*([0-9][\w./-]*/Q[ĐD][\w-]*)", re.IGNORECASE)
_DATE_RE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def _metadata_from_titles(rows: list[tuple[Any, ...]]) -> dict[str, str]:
    """Title rows often say "(Kèm theo Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2026 …)"."""
    text = " ".join(t for row in rows for t in (_cell(v) for v in row) if t)
    found: dict[str, str] = {}
    if m := _NUMBER_RE.search(text):
        found["number"] = m.group(1)
    if m := _DATE_RE.search(text):
        found["date"] = f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return found


def read_json_rows(path: Path) -> tuple[list[AnnexRow], list[Problem], dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(f"Tệp {path.name} không phải JSON hợp lệ: {exc}.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise CatalogueError(f"Tệp {path.name}: thiếu danh sách “rows”.")
    rows, problems = [], []
    for number, raw in enumerate(data["rows"], start=1):
        if not isinstance(raw, dict):
            problems.append(Problem("Dòng không phải một đối tượng JSON.", row=number))
            continue
        kind = match_kind(str(raw.get("changeType") or ""))
        if kind is None:
            problems.append(Problem(f"Loại thay đổi “{raw.get('changeType')}” không hợp lệ.", row=number,
                                    field="kind"))
            continue
        level = _JSON_LEVELS.get(str(raw.get("authorityLevel") or ""))
        rows.append(AnnexRow(
            row=number, kind=kind, code=_cell(raw.get("officialCode")), name=_cell(raw.get("officialName")),
            sector=_JSON_DOMAINS.get(str(raw.get("domain") or "")), level=level, agency=None,
            replaces=_cell(raw.get("replaces")), note=_cell(raw.get("sourceLocator")),
        ))
    metadata = {}
    if data.get("sourceDocument"):
        metadata["number"] = str(data["sourceDocument"])
    if data.get("effectiveDate"):
        metadata["effective_date"] = str(data["effectiveDate"])
    return rows, problems, metadata


def import_annex(session: Session, actor: str, path: Path, meta: DecisionMeta | None = None) -> ImportReport:
    """Create a validated draft decision from an annex file, or raise :class:`ImportFailed`."""
    meta = meta or DecisionMeta()
    report = ImportReport(source=path.name)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows, problems, found = read_xlsx_rows(path)
    elif suffix == ".json":
        rows, problems, found = read_json_rows(path)
    else:
        raise CatalogueError(f"Tệp {path.name}: chỉ nhận phụ lục .xlsx hoặc .json.")
    report.read = len(rows) + len(problems)
    report.errors += problems
    number = meta.number or found.get("number")
    if not number:
        raise CatalogueError(f"Tệp {path.name} không ghi số quyết định: hãy cho biết bằng --number.")
    decision = decisions.create_draft(
        session, actor, number=number,
        date=meta.date or _iso(found.get("date")), effective_date=meta.effective_date or _iso(found.get("effective_date")),
        signer=meta.signer, issuer=meta.issuer, title=meta.title, source=path.name,
        source_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    for row in rows:
        decisions.add_item(session, actor, decision, _item(row))
    _link_successors(session, actor, decision)
    problems = decisions.validate(session, decision)
    report.errors += [p for p in problems if p.severity == "error"]
    report.warnings += [p for p in problems if p.severity == "warning"]
    report.errors.sort(key=lambda p: (p.row is None, p.row or 0))
    if report.errors:
        raise ImportFailed(report)
    report.created = len(rows)
    report.decision_id = decision.id
    return report


def _iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _item(row: AnnexRow) -> decisions.ItemInput:
    if row.kind == "replaced":
        # the row describes the successor; "Thay thế cho" names the procedure that ends
        return decisions.ItemInput(kind="replaced", code=row.replaces, name=row.name, sector=row.sector,
                                   level=row.level, agency=row.agency, successor_code=row.code,
                                   note=row.note, row_number=row.row)
    return decisions.ItemInput(kind=row.kind, code=row.code, name=row.name, sector=row.sector,
                               level=row.level, agency=row.agency, note=row.note, row_number=row.row)


def _link_successors(session: Session, actor: str, decision: Any) -> None:
    """A replacement whose successor is a "new" row of the same annex points at that row.

    The item changes after its ``decision.item.add`` audit row was written, so the link has its own.
    """
    new_by_code = {i.code: i for i in decision.items if i.kind == "new" and i.code}
    new_by_name = {name_key(i.name): i for i in decision.items if i.kind == "new" and i.name}
    for item in decision.items:
        if item.kind != "replaced":
            continue
        successor = (new_by_code.get(item.successor_code) if item.successor_code
                     else new_by_name.get(name_key(item.name or "")))
        if successor is not None:
            before = {"successor_code": item.successor_code, "successor_item_id": item.successor_item_id}
            item.successor_item_id = successor.id
            item.successor_code = None
            audit.record(session, actor, "decision.item.update", "decision_item", item.id, before,
                         {"successor_code": None, "successor_item_id": successor.id})
    session.flush()
