"""ND30-301 — Phụ lục: "Phụ lục" + số La Mã (khi có từ hai phụ lục), dòng riêng, canh giữa, cỡ 14, đậm;
tên phụ lục in hoa, đậm.

Bad: "PHỤ LỤC 1" in capitals with an Arabic numeral, two appendices both called "Phụ lục", or a
title in lower case.
Good: "Phụ lục I" / "DANH MỤC NHIỆM VỤ" then "Phụ lục II" / "…", bold, centred.
"""
from __future__ import annotations

import re

from ..text import squash
from .base import PL1, Context, Rule
from .typography import check_align, check_case, check_flag, check_size

HEADING = re.compile(r"^Phụ lục(?:\s+(?P<n>\S+))?$", re.IGNORECASE)


class PhuLuc(Rule):
    code = "ND30-301"
    name = "Trình bày phụ lục"
    reference = f"{PL1}, Mục III, khoản 1, điểm a, b"
    severity = "error"
    component = "phu_luc"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        paragraphs = layout.get("phu_luc")
        headings = [p for p in paragraphs if layout.role(p) == "appendix_heading"]
        for p in headings:
            text = squash(p.text).rstrip(".:")
            match = HEADING.match(text)
            number = match.group("n") if match else None
            if text[:7].isupper():
                check_case(ctx, p, False, "Từ \u201cPhụ lục\u201d và số thứ tự")
            if len(headings) > 1 and (number is None or not re.fullmatch(r"[IVXLCDM]+", number)):
                ctx.emit("text", "Văn bản có từ hai phụ lục trở lên thì phụ lục đánh số thứ tự bằng chữ số La Mã.",
                         paragraph=p, expected="Phụ lục I, Phụ lục II, …", actual=text,
                         fix="Đánh số phụ lục bằng chữ số La Mã.", safe=True)
            if ctx.document.formatted:
                check_size(ctx, p, 14, 14, "Từ \u201cPhụ lục\u201d")
                check_flag(ctx, p, "bold", True, "Từ \u201cPhụ lục\u201d")
                check_align(ctx, p, "center", "Từ \u201cPhụ lục\u201d")
        for p in paragraphs:
            if layout.role(p) != "appendix_title":
                continue
            check_case(ctx, p, True, "Tên phụ lục")
            if ctx.document.formatted:
                check_size(ctx, p, 13, 14, "Tên phụ lục")
                check_flag(ctx, p, "bold", True, "Tên phụ lục")
