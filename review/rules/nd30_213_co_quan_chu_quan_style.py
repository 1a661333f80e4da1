"""ND30-213 — Tên cơ quan chủ quản: in hoa, cỡ 12–13, đứng (không đậm).

Bad: "UBND TỈNH QUẢNG NINH" in bold (the decree's table gives "Đứng", not "Đứng, đậm"), or in 14 pt.
Good: "UBND TỈNH QUẢNG NINH", 12 or 13 pt, regular, upright.
"""
from __future__ import annotations

from .base import PL1
from .typography import StyleRule


class CoQuanChuQuanStyle(StyleRule):
    code = "ND30-213"
    name = "Trình bày tên cơ quan chủ quản"
    reference = f"{PL1}, Mục II, khoản 2, điểm b; Mục V"
    severity = "warning"
    component = "co_quan_chu_quan"
    label = "Tên cơ quan, tổ chức chủ quản"
    spec = {"upper": True, "size": (12, 13), "bold": False, "italic": False}
