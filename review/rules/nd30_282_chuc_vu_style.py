"""ND30-282 — Quyền hạn, chức vụ của người ký: in hoa, cỡ 13–14, đứng, đậm.

Bad: "Giám đốc" in lower case, "KT. GIÁM ĐỐC" not bold, or 12 pt.
Good: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", 13 or 14 pt, bold, upright.
"""
from __future__ import annotations

from .base import PL1
from .typography import StyleRule


class ChucVuStyle(StyleRule):
    code = "ND30-282"
    name = "Trình bày quyền hạn, chức vụ người ký"
    reference = f"{PL1}, Mục II, khoản 7, điểm đ; Mục V"
    severity = "error"
    component = "chuc_vu"
    label = "Quyền hạn, chức vụ của người ký"
    spec = {"upper": True, "size": (13, 14), "bold": True, "italic": False}
