"""ND30-265 — Khoảng cách giữa các dòng tối thiểu là dòng đơn, tối đa 1,5 lines.

Bad: double spacing (``w:line="480"``), or an exact 12 pt line height for 14 pt text.
Good: Single, 1.15 or 1.5 lines; an exact 17–24 pt for 14 pt text.
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .content import running_text
from .spacing import line_multiple

LOW, HIGH, TOLERANCE = 1.0, 1.5, 0.03


class LineSpacing(Rule):
    code = "ND30-265"
    name = "Giãn dòng từ dòng đơn đến 1,5 dòng"
    reference = f"{PL1}, Mục II, khoản 6, điểm e"
    severity = "error"
    component = "noi_dung"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        for p in running_text(ctx.layout):
            lines = line_multiple(p)
            if lines is None:
                continue
            if ctx.layout.role(p) and p.spacing.line_rule == "atLeast" and lines < LOW:
                continue
            if LOW - TOLERANCE <= lines <= HIGH + TOLERANCE:
                continue
            shown = f"{lines:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            ctx.emit("spacing", f"Giãn dòng {shown} dòng, quy định từ dòng đơn đến 1,5 dòng.", paragraph=p,
                     expected="từ 1 đến 1,5 dòng", actual=f"{shown} dòng",
                     fix="Đặt giãn dòng (Line spacing) từ Single đến 1.5 lines.")
