"""ND30-271 — Khoản đánh số Ả Rập, sau số có dấu chấm, theo thứ tự 1, 2, 3 trong mỗi điều, mục.

Bad: "1) Phạm vi…" or "(1) Phạm vi…"; "1." followed by "3." in the same điều.
Good: "1. Phạm vi điều chỉnh", "2. Đối tượng áp dụng".
"""
from __future__ import annotations

import re

from .base import PL1, Context, Rule
from .content import RESET_ROLES, full_text

NUMBER = re.compile(r"^\(?(?P<n>\d+)(?P<sub>(\.\d+)*)\s*(?P<mark>[.)])")


class Khoan(Rule):
    code = "ND30-271"
    name = "Đánh số khoản"
    reference = f"{PL1}, Mục II, khoản 6, điểm đ"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        expected = 1
        for p in ctx.layout.content():
            role = ctx.layout.role(p)
            if role in RESET_ROLES:
                expected = 1
                continue
            if role != "khoan":
                continue
            text = full_text(p)
            match = NUMBER.match(text)
            if match is None or match.group("sub"):
                continue
            number = int(match.group("n"))
            if match.group("mark") == ")" or text.startswith("("):
                ctx.emit("text", "Số thứ tự của khoản viết bằng chữ số Ả Rập, sau số thứ tự có dấu chấm (.).",
                         paragraph=p, expected=f"{number}.", actual=text[:len(match.group(0))],
                         fix=f"Viết \u201c{number}.\u201d.", safe=True)
            if number != expected:
                ctx.emit("text", f"Khoản số {number} không đúng thứ tự (cần khoản {expected}).", paragraph=p,
                         expected=f"{expected}.", actual=f"{number}.", fix="Đánh lại số thứ tự các khoản.")
            expected = number + 1
