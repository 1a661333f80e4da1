"""ND30-264 — Khoảng cách giữa các đoạn văn tối thiểu 6pt.

Word adds the space after one paragraph to the space before the next (unless both share a style
with "Don't add space between paragraphs of the same style"), so the gap is that sum.
Bad: body paragraphs with 0 pt before and after.
Good: 6 pt after each paragraph (or 3 pt before and 3 pt after).
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .content import running_text

MIN_GAP = 120


class ParagraphSpacing(Rule):
    code = "ND30-264"
    name = "Khoảng cách giữa các đoạn tối thiểu 6pt"
    reference = f"{PL1}, Mục II, khoản 6, điểm e"
    severity = "error"
    component = "noi_dung"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        paragraphs = running_text(ctx.layout)
        for prev, cur in zip(paragraphs, paragraphs[1:]):
            if cur.index != prev.index + 1 or cur.container != prev.container:
                continue
            after, before = prev.spacing.after or 0, cur.spacing.before or 0
            if prev.spacing.contextual and cur.spacing.contextual and prev.style == cur.style:
                after = before = 0
            gap = after + before
            if gap >= MIN_GAP - 1:
                continue
            shown = f"{round(gap / 20, 1):g}".replace(".", ",")
            ctx.emit("spacing", f"Khoảng cách giữa hai đoạn là {shown} pt, tối thiểu 6 pt.", paragraph=cur,
                     expected="≥ 6 pt", actual=f"{shown} pt",
                     fix="Đặt khoảng cách sau đoạn (Spacing After) 6 pt.")
