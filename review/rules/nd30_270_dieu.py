"""ND30-270 — Điều: "Điều" + số Ả Rập + "." + tiêu đề; in thường, đứng, đậm, lùi đầu dòng 1–1,27 cm.

Bad: "Điều 1: Phạm vi điều chỉnh" (colon), "Điều 1." with no title, "ĐIỀU 1. …", or an upright
non-bold article heading.
Good: "Điều 1. Phạm vi điều chỉnh", bold, first line indented 1 cm or 1,27 cm.
"""
from __future__ import annotations

import re

from ..text import squash
from .base import PL1, Context, Rule
from .typography import check_flag

ARTICLE = re.compile(r"^Điều\s+(?P<n>\d+[a-zđ]?)(?P<dot>\.?)\s*(?P<title>.*)$")


class Dieu(Rule):
    code = "ND30-270"
    name = "Trình bày điều"
    reference = f"{PL1}, Mục II, khoản 6, điểm d, đ"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        for p in ctx.layout.content("dieu"):
            text = squash(p.text)
            match = ARTICLE.match(text)
            if match is None:
                continue
            if not match.group("dot"):
                ctx.emit("text", "Sau số thứ tự của điều phải có dấu chấm (.).", paragraph=p,
                         expected=f"Điều {match.group('n')}. …", actual=text[:25],
                         fix="Đặt dấu chấm ngay sau số thứ tự của điều.", safe=True)
            if not match.group("title").strip(" .:"):
                ctx.emit("presence", "Điều phải có tiêu đề.", paragraph=p, expected="Điều N. <tiêu đề>",
                         actual=text, fix="Thêm tiêu đề của điều sau số thứ tự.")
            if ctx.document.formatted:
                head = [r for r in p.visible_runs()]
                if head and not head[0].bold:
                    check_flag(ctx, p, "bold", True, "Số thứ tự và tiêu đề của điều")
                check_flag(ctx, p, "italic", False, "Điều")
