"""ND30-202 — Quốc hiệu: in hoa, cỡ 12–13, đứng, đậm, phía trên cùng bên phải.

Bad: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in 14 pt, not bold, in the left column.
Good: 12 or 13 pt, bold, upright, upper case, in the right column of the header.
"""
from __future__ import annotations

from .base import PL1, Context
from .typography import StyleRule


class QuocHieuStyle(StyleRule):
    code = "ND30-202"
    name = "Trình bày Quốc hiệu"
    reference = f"{PL1}, Mục II, khoản 1, điểm a; Mục V"
    severity = "error"
    component = "quoc_hieu"
    label = "Quốc hiệu"
    spec = {"upper": True, "size": (12, 13), "bold": True, "italic": False}

    def check(self, ctx: Context) -> None:
        super().check(ctx)
        p = ctx.layout.first("quoc_hieu")
        if p is not None and p.container.in_table and p.container.cell == 0:
            ctx.emit("position", "Quốc hiệu phải đặt ở phía trên cùng, bên phải trang đầu.", paragraph=p,
                     expected="bên phải", actual="bên trái",
                     fix="Đặt Quốc hiệu vào cột bên phải của phần đầu văn bản.")
