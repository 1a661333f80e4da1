"""ND30-212 — Tên cơ quan ban hành: in hoa, cỡ 12–13, đứng, đậm, canh giữa.

Bad: "Sở Tài chính" in lower case, or "SỞ TÀI CHÍNH" in 14 pt without bold.
Good: "SỞ TÀI CHÍNH", 12 or 13 pt, bold, upright, centred under the cơ quan chủ quản.
"""
from __future__ import annotations

from .base import PL1
from .typography import StyleRule


class CoQuanStyle(StyleRule):
    code = "ND30-212"
    name = "Trình bày tên cơ quan ban hành"
    reference = f"{PL1}, Mục II, khoản 2, điểm b; Mục V"
    severity = "error"
    component = "co_quan_ban_hanh"
    label = "Tên cơ quan, tổ chức ban hành"
    spec = {"upper": True, "size": (12, 13), "bold": True, "italic": False, "align": "center"}
