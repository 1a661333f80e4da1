"""ND30-234 — Địa danh và thời gian: in thường, cỡ 13–14, nghiêng, canh giữa dưới Tiêu ngữ.

Bad: "Quảng Ninh, ngày 05 tháng 3 năm 2024" upright, or in 12 pt, or left-aligned.
Good: the same line in 13 or 14 pt italic, centred under the quốc hiệu and tiêu ngữ.
"""
from __future__ import annotations

from .base import PL1
from .typography import StyleRule


class DateStyle(StyleRule):
    code = "ND30-234"
    name = "Trình bày địa danh và thời gian"
    reference = f"{PL1}, Mục II, khoản 4, điểm c; Mục V"
    severity = "error"
    component = "dia_danh_thoi_gian"
    label = "Địa danh và thời gian"
    spec = {"upper": False, "size": (13, 14), "italic": True, "bold": False, "align": "center"}
