"""ND30-253 — "Kính gửi" và tên nơi nhận: in thường, cỡ 13–14, đứng.

Bad: "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ninh" in 12 pt italic.
Good: the same line in 13 or 14 pt, upright.
"""
from __future__ import annotations

from .base import PL1
from .typography import StyleRule


class KinhGuiStyle(StyleRule):
    code = "ND30-253"
    name = "Trình bày \u201cKính gửi\u201d"
    reference = f"{PL1}, Mục II, khoản 9, điểm d; Mục V"
    severity = "error"
    component = "kinh_gui"
    label = "Kính gửi"
    spec = {"size": (13, 14), "italic": False}
