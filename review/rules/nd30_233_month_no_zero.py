"""ND30-233 — Tháng từ 3 đến 12 không ghi thêm số 0 phía trước.

The decree asks for a leading zero only for days under 10 and for months 1 and 2, and its own
examples write "tháng 3", "tháng 6"; "tháng 08" is a common template habit.
Bad: "Hà Nội, ngày 15 tháng 08 năm 2024".
Good: "Hà Nội, ngày 15 tháng 8 năm 2024".
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .dates import parse_date


class MonthNoZero(Rule):
    code = "ND30-233"
    name = "Không thêm số 0 trước tháng từ 3 đến 12"
    reference = f"{PL1}, Mục II, khoản 4, điểm b"
    severity = "warning"
    component = "dia_danh_thoi_gian"

    def check(self, ctx: Context) -> None:
        p = ctx.layout.first("dia_danh_thoi_gian")
        match = parse_date(p) if p is not None else None
        if match is None:
            return
        month = match.group("m")
        if month.isdigit() and len(month) == 2 and month.startswith("0") and int(month) >= 3:
            ctx.emit("text", f"Tháng {int(month)} không cần ghi thêm số 0 phía trước.", paragraph=p,
                     expected=f"tháng {int(month)}", actual=f"tháng {month}",
                     fix=f"Sửa thành \u201ctháng {int(month)}\u201d.", safe=True)
