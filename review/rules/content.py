"""Which content paragraphs the body-text rules (alignment, indent, spacing) apply to.

Headings of phần, chương, mục are centred by rule, table cells follow the table, and the
authority line and "QUYẾT ĐỊNH:" of a decision are centred: only running text is "nội dung" in
the sense of Phụ lục I, Mục II, khoản 6, điểm e.
"""
from __future__ import annotations

from ..layout import Layout
from ..model import Paragraph
from ..text import squash

RUNNING_ROLES = ("text", "khoan", "diem", "dieu", "can_cu", "dash")
#: Roles after which khoản and điểm numbering starts again.
RESET_ROLES = ("dieu", "roman_heading", "chuong", "phan", "muc", "tieu_muc", "appendix_heading")


def full_text(p: Paragraph) -> str:
    """The text with Word's automatic list number in front, as the reader sees it."""
    return squash(f"{p.label} {p.text}" if p.label else p.text)


def running_text(layout: Layout) -> list[Paragraph]:
    return [p for p in layout.content(*RUNNING_ROLES) if not p.is_empty]
