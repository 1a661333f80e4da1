"""ND30-232 — Ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 phía trước.

Bad: "Hà Nội, ngày 5 tháng 1 năm 2024".
Good: "Hà Nội, ngày 05 tháng 01 năm 2024"; "Hà Nội, ngày 15 tháng 3 năm 2024".
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .dates import parse_date


class DateLeadingZero(Rule):
    code = "ND30-232"
    name = "Số 0 trước ngày nhỏ hơn 10 và tháng 1, 2"
    reference = f"{PL1}, Mục II, khoản 4, điểm b"
    severity = "error"
    component = "dia_danh_thoi_gian"

    def check(self, ctx: Context) -> None:
        p = ctx.layout.first("dia_danh_thoi_gian")
        match = parse_date(p) if p is not None else None
        if match is None:
            return
        day, month = match.group("d"), match.group("m")
        if day.isdigit() and len(day) == 1:
            ctx.emit("text", f"Ngày {day} nhỏ hơn 10 phải ghi thêm số 0 phía trước.", paragraph=p,
                     expected=f"ngày 0{day}", actual=f"ngày {day}", fix=f"Sửa thành \u201cngày 0{day}\u201d.", safe=True)
        if month in ("1", "2"):
            ctx.emit("text", f"Tháng {month} phải ghi thêm số 0 phía trước.", paragraph=p,
                     expected=f"tháng 0{month}", actual=f"tháng {month}",
                     fix=f"Sửa thành \u201ctháng 0{month}\u201d.", safe=True)
