"""ND30-242 — Tên loại văn bản: in hoa, cỡ 13–14, đứng, đậm, canh giữa.

Bad: "Quyết định" in lower case, or "QUYẾT ĐỊNH" in 12 pt, not bold, or left-aligned.
Good: "QUYẾT ĐỊNH", 13 or 14 pt, bold, upright, centred.
"""
from __future__ import annotations

from .base import PL1
from .typography import StyleRule


class TenLoaiStyle(StyleRule):
    code = "ND30-242"
    name = "Trình bày tên loại văn bản"
    reference = f"{PL1}, Mục II, khoản 5, điểm b; Mục V"
    severity = "error"
    component = "ten_loai"
    label = "Tên loại văn bản"
    spec = {"upper": True, "size": (13, 14), "bold": True, "italic": False, "align": "center"}
