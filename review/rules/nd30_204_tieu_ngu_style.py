"""ND30-204 — Tiêu ngữ: in thường, cỡ 13–14, đứng, đậm, canh giữa dưới Quốc hiệu.

Bad: "ĐỘC LẬP - TỰ DO - HẠNH PHÚC" in 12 pt, or not bold, or left-aligned.
Good: "Độc lập - Tự do - Hạnh phúc", 13 or 14 pt, bold, upright, centred.
"""
from __future__ import annotations

from .base import PL1
from .typography import StyleRule


class TieuNguStyle(StyleRule):
    code = "ND30-204"
    name = "Trình bày Tiêu ngữ"
    reference = f"{PL1}, Mục II, khoản 1, điểm b; Mục V"
    severity = "error"
    component = "tieu_ngu"
    label = "Tiêu ngữ"
    spec = {"upper": False, "size": (13, 14), "bold": True, "italic": False, "align": "center"}
