"""ND30-402 — Viện dẫn điều, chương, phần của văn bản cụ thể: viết hoa "Điều", "Chương", "Phần".

Bad: "theo quy định tại khoản 2 điều 5 của Luật này", "chương II".
Good: "theo quy định tại khoản 2 Điều 5 của Luật này"; "điểm a khoản 2 Điều 103 Mục 5 Chương XII".
"""
from __future__ import annotations

import re

from ..text import squash
from .base import PL2, Context, Rule

CITATION = re.compile(r"(?<![\wÀ-ỹ])(?P<word>điều|chương)\s+(?P<n>\d+[a-zđ]?|[IVXLC]+)(?![\wÀ-ỹ])")


class CitationCase(Rule):
    code = "ND30-402"
    name = "Viết hoa Điều, Chương khi viện dẫn"
    reference = f"{PL2}, Mục V, khoản 7"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        for p in ctx.layout.content():
            match = CITATION.search(squash(p.text))
            if match is None:
                continue
            cited = match.group(0)
            good = cited[0].upper() + cited[1:]
            ctx.emit("case", f"Khi viện dẫn phải viết hoa: \u201c{good}\u201d.", paragraph=p, expected=good,
                     actual=cited, fix=f"Sửa \u201c{cited}\u201d thành \u201c{good}\u201d.", safe=True)
