"""ND30-268 — "Phần", "Chương": số La Mã, dòng riêng, canh giữa, đậm; tiêu đề in hoa, đậm, canh giữa.

Bad: "Chương 1" (Arabic numeral), "CHƯƠNG I" left-aligned, a chapter with no title, or the
title "Quy định chung" in lower case.
Good: "Chương I" then "QUY ĐỊNH CHUNG", both bold and centred.
"""
from __future__ import annotations

import re

from ..text import squash
from .base import PL1, Context, Rule
from .typography import check_align, check_case, check_flag

ROMAN = re.compile(r"^[IVXLCDM]+$")


class PhanChuong(Rule):
    code = "ND30-268"
    name = "Trình bày phần, chương"
    reference = f"{PL1}, Mục II, khoản 6, điểm d, đ"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        content = layout.content()
        for i, p in enumerate(content):
            role = layout.role(p)
            if role not in ("phan", "chuong"):
                continue
            word, _, number = squash(p.text).partition(" ")
            number = number.removeprefix("thứ ").strip()
            name = "Phần" if role == "phan" else "Chương"
            if not ROMAN.match(number) and role == "chuong":
                ctx.emit("text", f"Số thứ tự của {name.lower()} phải dùng chữ số La Mã.", paragraph=p,
                         expected=f"{name} I, {name} II, …", actual=squash(p.text),
                         fix=f"Đánh số {name.lower()} bằng chữ số La Mã.", safe=True)
            if word.isupper():
                check_case(ctx, p, False, f"Từ \u201c{name}\u201d và số thứ tự")
            nxt = content[i + 1] if i + 1 < len(content) else None
            if nxt is None or layout.role(nxt) != f"{role}_title":
                ctx.emit("presence", f"{name} phải có tiêu đề.", paragraph=p, expected="tiêu đề in hoa, đậm",
                         actual="không có tiêu đề", fix=f"Thêm tiêu đề của {name.lower()} ngay dưới, canh giữa.")
            if not ctx.document.formatted:
                continue
            check_align(ctx, p, "center", f"Dòng {name.lower()}")
            check_flag(ctx, p, "bold", True, f"Dòng {name.lower()}")
            if nxt is not None and layout.role(nxt) == f"{role}_title":
                check_case(ctx, nxt, True, f"Tiêu đề {name.lower()}")
                check_align(ctx, nxt, "center", f"Tiêu đề {name.lower()}")
                check_flag(ctx, nxt, "bold", True, f"Tiêu đề {name.lower()}")
