"""ND30-273 — Số thứ tự và tiêu đề của mục (văn bản bố cục theo phần, mục): in hoa, đứng, đậm.

Bad: "I. Mục đích, yêu cầu" in lower case, or not bold.
Good: "I. MỤC ĐÍCH, YÊU CẦU", bold.
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .typography import check_case, check_flag


class RomanHeading(Rule):
    code = "ND30-273"
    name = "Trình bày tiêu đề mục đánh số La Mã"
    reference = f"{PL1}, Mục V, điểm 6b"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        for p in ctx.layout.content("roman_heading"):
            check_case(ctx, p, True, "Số thứ tự và tiêu đề của mục")
            if ctx.document.formatted:
                check_flag(ctx, p, "bold", True, "Số thứ tự và tiêu đề của mục")
                check_flag(ctx, p, "italic", False, "Số thứ tự và tiêu đề của mục")
