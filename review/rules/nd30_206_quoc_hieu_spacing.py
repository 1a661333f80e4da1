"""ND30-206 — Quốc hiệu và Tiêu ngữ cách nhau dòng đơn.

Bad: 12 pt of space after the quốc hiệu, or 1.5-line spacing between the two lines.
Good: no extra space between them and single line spacing.
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .spacing import line_multiple


class QuocHieuSpacing(Rule):
    code = "ND30-206"
    name = "Quốc hiệu và Tiêu ngữ cách nhau dòng đơn"
    reference = f"{PL1}, Mục II, khoản 1, điểm c"
    severity = "warning"
    component = "tieu_ngu"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        qh, tn = ctx.layout.first("quoc_hieu"), ctx.layout.first("tieu_ngu")
        if qh is None or tn is None:
            return
        gap = (qh.spacing.after or 0) + (tn.spacing.before or 0)
        lines = line_multiple(tn)
        if gap <= 20 and (lines is None or lines <= 1.05):
            return
        actual = f"cách thêm {gap / 20:g} pt" if gap > 20 else f"giãn dòng {lines:.2f} dòng"
        ctx.emit("spacing", "Quốc hiệu và Tiêu ngữ phải cách nhau dòng đơn.", paragraph=tn,
                 expected="dòng đơn, không cách đoạn", actual=actual.replace(".", ","),
                 fix="Đặt khoảng cách đoạn 0 pt và giãn dòng đơn (Single).")
