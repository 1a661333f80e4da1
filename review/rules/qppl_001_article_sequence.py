"""QPPL-001 — Điều đánh số Ả Rập liên tục từ "Điều 1" trong toàn văn bản.

Luật Ban hành văn bản quy phạm pháp luật and Nghị định 78/2025/NĐ-CP (not among the primary texts
kept with the project) number articles continuously; inserted articles carry a letter ("Điều 5a").
Bad: "Điều 1", "Điều 2", "Điều 4"; or a text starting at "Điều 3".
Good: "Điều 1", "Điều 2", "Điều 2a", "Điều 3".
"""
from __future__ import annotations

import re

from ..text import squash
from .base import Context, Rule

ARTICLE = re.compile(r"^Điều\s+(?P<n>\d+)(?P<suffix>[a-zđ]?)\b")
REFERENCE = "Luật Ban hành văn bản quy phạm pháp luật; Nghị định 78/2025/NĐ-CP, Điều 63, khoản 1"


class ArticleSequence(Rule):
    code = "QPPL-001"
    name = "Điều đánh số liên tục"
    reference = REFERENCE
    severity = "warning"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        expected = 1
        for p in ctx.layout.content("dieu"):
            match = ARTICLE.match(squash(p.text))
            if match is None or match.group("suffix"):
                continue
            number = int(match.group("n"))
            if number != expected:
                ctx.emit("text", f"Điều {number} không liên tục (cần Điều {expected}).", paragraph=p,
                         expected=f"Điều {expected}", actual=f"Điều {number}",
                         fix="Đánh lại số thứ tự các điều liên tục từ Điều 1.")
            expected = number + 1
