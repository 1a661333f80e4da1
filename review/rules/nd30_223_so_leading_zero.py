"""ND30-223 — Số nhỏ hơn 10 phải ghi thêm số 0 phía trước.

Bad: "Số: 5/QĐ-UBND".
Good: "Số: 05/QĐ-UBND"; "Số: 125/QĐ-UBND".
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class SoLeadingZero(Rule):
    code = "ND30-223"
    name = "Số văn bản nhỏ hơn 10 có số 0 phía trước"
    reference = f"{PL1}, Mục II, khoản 3, điểm c"
    severity = "error"
    component = "so_ky_hieu"

    def check(self, ctx: Context) -> None:
        match = ctx.layout.number_match
        p = ctx.layout.first("so_ky_hieu")
        if match is None or p is None:
            return
        number = match.group("number")
        if number.isdigit() and len(number) == 1:
            ctx.emit("text", f"Số văn bản {number} nhỏ hơn 10 phải ghi thêm số 0 phía trước.", paragraph=p,
                     expected=f"0{number}", actual=number, fix=f"Sửa thành \u201c0{number}\u201d.", safe=True)
