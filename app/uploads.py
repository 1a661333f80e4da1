"""Checks on uploaded files before a parsing library sees them.

The reviewer's zip scanner guards spreadsheets too: an annex is as untrusted as a draft document.
"""
from __future__ import annotations

from pathlib import Path

from catalogue.errors import CatalogueError
from review.errors import DocumentReadError
from review.reader import check_office_package

_SPREADSHEET_MESSAGES = {
    "not_zip": "không phải bảng tính .xlsx hợp lệ (không đọc được cấu trúc tệp).",
    "truncated": "bị cắt cụt hoặc hỏng; hãy lưu lại bảng tính rồi gửi lại.",
    "legacy_doc": "là định dạng Office cũ; hãy mở bằng Excel và lưu lại dưới dạng .xlsx.",
    "empty_file": "rỗng.",
}


def check_spreadsheet(path: Path, display_name: str | None = None) -> None:
    """Refuse a hostile or broken .xlsx with a message naming the file (``CatalogueError``)."""
    name = display_name or path.name
    if path.suffix.lower() != ".xlsx":
        return
    try:
        check_office_package(path)
    except DocumentReadError as exc:
        detail = _SPREADSHEET_MESSAGES.get(exc.code)
        raise CatalogueError(f"Tệp {name} " + detail if detail else f"Tệp {name}: {exc.message}") from None
