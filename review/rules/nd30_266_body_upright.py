"""ND30-266 — Nội dung văn bản in thường, kiểu chữ đứng.

Bad: a body paragraph set in italic, or typed entirely in capitals.
Good: regular upright text; italic stays for the căn cứ and quotations of a few words.
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .typography import check_case, check_flag

ROLES = ("text", "khoan", "diem", "dash")


class BodyUpright(Rule):
    code = "ND30-266"
    name = "Nội dung in thường, chữ đứng"
    reference = f"{PL1}, Mục II, khoản 6, điểm e"
    severity = "error"
    component = "noi_dung"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        for p in ctx.layout.content(*ROLES):
            check_flag(ctx, p, "italic", False, "Đoạn nội dung")
            if len(p.text) > 40:
                check_case(ctx, p, False, "Đoạn nội dung")
