"""Reading officers' input — an HTML form or a JSON body — into catalogue inputs, with per-field messages.

Pages and the JSON API share these readers, so a draft typed in the browser and one posted by a
program are checked by the same rules and get the same Vietnamese messages. Errors are collected
per field (``FormErrors``) and rendered next to the field on a page, or as the ``errors`` list of
the one JSON error shape.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from catalogue.content import LEVELS, PARTS
from catalogue.decisions import ItemInput
from catalogue.errors import CatalogueError
from catalogue.models import ITEM_KINDS

KIND_CHOICES = {"new": "Mới ban hành", "amended": "Sửa đổi, bổ sung", "replaced": "Thay thế",
                "abolished": "Bãi bỏ"}
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class FormErrors(dict):
    """field → list of messages."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def as_list(self) -> list[dict[str, Any]]:
        return [{"field": f, "messages": m} for f, m in self.items()]


class Fields:
    """One reading interface over a form (``MultiDict``) and a JSON object."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data

    def get(self, name: str) -> Any:
        value = self.data.get(name)
        if isinstance(value, list):
            return value[0] if value else None
        return value

    def getlist(self, name: str) -> list[Any]:
        if hasattr(self.data, "getlist"):
            return [v for v in self.data.getlist(name) if v not in (None, "")]
        value = self.data.get(name)
        if value is None or value == "":
            return []
        return list(value) if isinstance(value, (list, tuple)) else [value]

    def __contains__(self, name: str) -> bool:
        return name in self.data

    def text(self, name: str, max_length: int = 2000) -> str | None:
        """NFC, trimmed, with the CRLF line breaks browsers send for textareas made ``\\n``."""
        value = self.get(name)
        if value is None:
            return None
        value = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()
        return value[:max_length] or None

    def lines(self, name: str) -> list[str]:
        """A textarea (one entry per line) or a JSON list of strings."""
        return self._split(name, lambda text: text.splitlines())

    def blocks(self, name: str) -> list[str]:
        """A textarea of entries separated by a blank line (an entry may span lines), or a JSON list."""
        return self._split(name, lambda text: _BLANK_LINE.split(text))

    def _split(self, name: str, split) -> list[str]:
        value = self.data.get(name) if not hasattr(self.data, "getlist") else self.get(name)
        if isinstance(value, list):
            items = value
        else:
            items = split(str(value or "").replace("\r\n", "\n").replace("\r", "\n"))
        cleaned = (unicodedata.normalize("NFC", str(v)).strip() for v in items)
        return [v for v in cleaned if v]


def parse_date(value: Any) -> dt.date | None:
    """``YYYY-MM-DD`` (what ``<input type=date>`` and JSON send) or ``DD/MM/YYYY``; '' is None."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                pass
    raise ValueError(text)


def date_field(fields: Fields, name: str, label: str, errors: FormErrors) -> dt.date | None:
    try:
        return parse_date(fields.get(name))
    except ValueError:
        errors.add(name, f"{label} không hợp lệ (dạng ngày/tháng/năm, ví dụ 01/07/2026).")
        return None


def int_field(fields: Fields, name: str, label: str, errors: FormErrors, *, minimum: int = 0) -> int | None:
    value = fields.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        errors.add(name, f"{label} phải là số nguyên.")
        return None
    if number < minimum:
        errors.add(name, f"{label} phải từ {minimum} trở lên.")
        return None
    return number


def expected_revision(fields: Fields) -> int:
    """The revision the editor was looking at; every write of a draft needs it (no blind overwrite)."""
    value = fields.get("revision")
    try:
        return int(str(value))
    except (TypeError, ValueError):
        raise CatalogueError("Thiếu hoặc sai số phiên bản (revision) của quyết định; "
                             "hãy tải lại trang rồi thử lại.") from None


META_FIELDS = ("number", "date", "effective_date", "issuer", "signer", "legal_bases", "title")


def decision_meta(fields: Fields) -> tuple[dict[str, Any], FormErrors]:
    """Number, dates, issuer, signer, legal bases and title of a draft (a field left out is empty)."""
    return _read_meta(fields, META_FIELDS)


def decision_changes(fields: Fields) -> tuple[dict[str, Any], FormErrors]:
    """Only the metadata fields the body names (a partial update), read by the same rules."""
    return _read_meta(fields, tuple(name for name in META_FIELDS if name in fields))


def _read_meta(fields: Fields, names: tuple[str, ...]) -> tuple[dict[str, Any], FormErrors]:
    errors = FormErrors()

    def number() -> str | None:
        value = fields.text("number", 100)
        if not value:
            errors.add("number", "Hãy nhập số quyết định (ví dụ 1523/QĐ-UBND).")
        return value

    readers = {
        "number": number,
        "date": lambda: date_field(fields, "date", "Ngày ký", errors),
        "issuer": lambda: fields.text("issuer", 300),
        "signer": lambda: fields.text("signer", 300),
        "effective_date": lambda: date_field(fields, "effective_date", "Ngày hiệu lực", errors),
        "legal_bases": lambda: fields.lines("legal_bases"),
        "title": lambda: fields.text("title", 2000),
    }
    return {name: readers[name]() for name in names}, errors


def item_input(fields: Fields, *, next_row: int | None = None) -> tuple[ItemInput, FormErrors]:
    """One annex row: kind, code, name, sector, level, agency, changed parts, successor, note."""
    errors = FormErrors()
    kind = fields.text("kind", 20) or ""
    if kind not in ITEM_KINDS:
        errors.add("kind", "Hãy chọn loại thay đổi (mới ban hành, sửa đổi bổ sung, thay thế hoặc bãi bỏ).")
    level = fields.text("level", 20)
    if level is not None and level not in LEVELS:
        errors.add("level", "Cấp thực hiện không hợp lệ.")
    parts = [str(p) for p in fields.getlist("changed_parts")]
    if any(p not in PARTS for p in parts):
        errors.add("changed_parts", "Bộ phận thay đổi không hợp lệ.")
    code, name = fields.text("code", 40), fields.text("name", 2000)
    if kind == "new" and not name:
        errors.add("name", "Thủ tục mới cần có tên.")
    if kind in ("amended", "replaced", "abolished") and not code:
        errors.add("code", "Hãy nhập mã của thủ tục trong danh mục.")
    successor_row = int_field(fields, "successor_row", "Dòng thủ tục thay thế", errors, minimum=1)
    successor_code = fields.text("successor_code", 40)
    if kind != "replaced" and (successor_row or successor_code):
        errors.add("successor_code", "Chỉ thủ tục bị thay thế mới có thủ tục thay thế.")
    item = ItemInput(kind=kind, code=code, name=name, sector=fields.text("sector", 300), level=level,
                     agency=fields.text("agency", 500), changed_parts=parts, successor_code=successor_code,
                     successor_row=successor_row, note=fields.text("note", 2000), row_number=next_row)
    return item, errors


_INDEXED = re.compile(r"^([a-z]+)-(\d{1,4})-")


def row_indexes(fields: Fields, prefix: str, limit: int = 500) -> list[int]:
    """The indexes ``i`` of fields named ``{prefix}-{i}-…``, in order (rows of a repeated group)."""
    found = set()
    for key in fields.data.keys():
        m = _INDEXED.match(key)
        if m and m.group(1) == prefix:
            found.add(int(m.group(2)))
    return sorted(found)[:limit]
