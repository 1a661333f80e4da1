"""QPPL-003 — Mỗi điểm chỉ thể hiện một ý; không dùng ký hiệu khác để chia ý trong một điểm.

Bad: "a) Các trường hợp sau:" followed by "- trường hợp thứ nhất;" and "+ trường hợp thứ hai;".
Good: the ideas written as separate points "a)", "b)" or as one sentence.
"""
from __future__ import annotations

from .base import Context, Rule

REFERENCE = "Nghị định 78/2025/NĐ-CP, Điều 63, khoản 2"


class OneIdeaPerPoint(Rule):
    code = "QPPL-003"
    name = "Không chia ý trong điểm bằng ký hiệu khác"
    reference = REFERENCE
    severity = "warning"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        inside_point = False
        for p in ctx.layout.content():
            role = ctx.layout.role(p)
            if role == "diem":
                inside_point = True
            elif role == "dash" and inside_point:
                ctx.emit("text", "Trong một điểm không dùng gạch đầu dòng hoặc ký hiệu khác để chia ý.",
                         paragraph=p, expected="mỗi ý là một điểm a), b), …", actual=p.text.strip()[:30],
                         fix="Tách các ý thành các điểm riêng hoặc viết thành một câu.")
                inside_point = False
            elif role != "text":
                inside_point = False
