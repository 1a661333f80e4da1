"""ND30-262 — Nội dung văn bản cỡ chữ 13–14.

Bad: body text in 12 pt (or 15 pt).
Good: 13 or 14 pt throughout the body (tables may use a smaller size and are not checked).
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .typography import check_size

ROLES = ("text", "khoan", "diem", "dieu", "can_cu", "dash", "roman_heading", "phan", "phan_title",
         "chuong", "chuong_title", "muc", "muc_title", "tieu_muc", "decision_word", "authority")


class BodySize(Rule):
    code = "ND30-262"
    name = "Cỡ chữ nội dung 13–14"
    reference = f"{PL1}, Mục II, khoản 6, điểm đ, e; Mục V"
    severity = "error"
    component = "noi_dung"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        for p in ctx.layout.content(*ROLES):
            check_size(ctx, p, 13, 14, "Nội dung văn bản")
