"""ND30-203 — Tiêu ngữ "Độc lập - Tự do - Hạnh phúc".

Bad: "Độc lập-Tự do-Hạnh phúc" (no spaces), "Độc lập – Tự do – Hạnh phúc" (en dash), "Độc Lập -
Tự Do - Hạnh Phúc", or no tiêu ngữ at all.
Good: "Độc lập - Tự do - Hạnh phúc": capital first letter of each phrase, hyphens with spaces.
"""
from __future__ import annotations

import re

from ..text import squash
from ..vocabulary import TIEU_NGU
from .base import PL1, Context, Rule

EN_DASHES = re.compile(r"\s[–—]\s")


class TieuNguText(Rule):
    code = "ND30-203"
    name = "Tiêu ngữ đúng và đủ"
    reference = f"{PL1}, Mục II, khoản 1, điểm b"
    severity = "error"
    component = "tieu_ngu"

    def check(self, ctx: Context) -> None:
        p = ctx.layout.first("tieu_ngu")
        if p is None:
            if ctx.layout.first("quoc_hieu") is not None or ctx.document.formatted:
                ctx.emit("presence", "Văn bản không có Tiêu ngữ.", expected=TIEU_NGU, actual="không có",
                         fix="Thêm Tiêu ngữ canh giữa dưới Quốc hiệu.")
            return
        text = squash(p.text)
        if text == TIEU_NGU:
            return
        if ctx.param("allow_en_dash", False) and EN_DASHES.sub(" - ", text) == TIEU_NGU:
            return
        ctx.emit("text", "Tiêu ngữ viết không đúng: chữ cái đầu các cụm từ viết hoa, giữa các cụm từ "
                         "có gạch nối (-) và có cách chữ.", paragraph=p, expected=TIEU_NGU, actual=text,
                 fix=f"Sửa thành \u201c{TIEU_NGU}\u201d.", safe=True)
