"""ND30-224 — Số, ký hiệu: từ "Số" in thường, cỡ 13, đứng, canh giữa.

Bad: "SỐ: 12/QĐ-UBND" in 14 pt italic.
Good: "Số: 12/QĐ-UBND" in 13 pt, upright, centred under the cơ quan ban hành.
"""
from __future__ import annotations

from ..text import squash
from .base import PL1, Context
from .typography import StyleRule


class SoKyHieuStyle(StyleRule):
    code = "ND30-224"
    name = "Trình bày số, ký hiệu"
    reference = f"{PL1}, Mục II, khoản 3, điểm c; Mục V"
    severity = "error"
    component = "so_ky_hieu"
    label = "Số, ký hiệu"
    spec = {"size": (13, 13), "italic": False, "align": "center"}

    def check(self, ctx: Context) -> None:
        super().check(ctx)
        p = ctx.layout.first("so_ky_hieu")
        if p is None:
            return
        word = squash(p.shown_text)[:2]
        if word == "SỐ":
            ctx.emit("case", "Từ \u201cSố\u201d phải viết bằng chữ in thường.", paragraph=p, expected="Số",
                     actual="SỐ", fix="Sửa thành \u201cSố\u201d.", safe=True)
