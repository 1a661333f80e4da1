"""ND30-283 — Họ tên người ký: in thường, cỡ 13–14, đứng, đậm, canh giữa quyền hạn, chức vụ.

Bad: "NGUYỄN VĂN AN" in capitals, or "Nguyễn Văn An" not bold.
Good: "Nguyễn Văn An", 13 or 14 pt, bold, upright, centred under the chức vụ.
"""
from __future__ import annotations

from .base import PL1
from .typography import StyleRule


class HoTenStyle(StyleRule):
    code = "ND30-283"
    name = "Trình bày họ tên người ký"
    reference = f"{PL1}, Mục II, khoản 7, điểm đ; Mục V"
    severity = "error"
    component = "ho_ten"
    label = "Họ tên người ký"
    spec = {"upper": False, "size": (13, 14), "bold": True, "italic": False, "align": "center"}
