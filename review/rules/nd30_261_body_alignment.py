"""ND30-261 — Nội dung văn bản canh đều cả hai lề.

Bad: body paragraphs left-aligned (``w:jc="left"``) with a ragged right edge.
Good: ``w:jc="both"`` (Justify).
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .content import running_text
from .typography import check_align


class BodyAlignment(Rule):
    code = "ND30-261"
    name = "Nội dung canh đều hai lề"
    reference = f"{PL1}, Mục II, khoản 6, điểm e"
    severity = "error"
    component = "noi_dung"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        for p in running_text(ctx.layout):
            if len(p.text) < 60 and ctx.layout.role(p) in ("dieu", "khoan"):
                continue
            check_align(ctx, p, "justify", "Đoạn nội dung")
