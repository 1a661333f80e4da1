"""ND30-221 — Có số, ký hiệu của văn bản.

Bad: a header without a "Số:" line.
Good: "Số: 12/QĐ-UBND" centred under the cơ quan ban hành (the number may be left blank in a draft).
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class SoKyHieuPresence(Rule):
    code = "ND30-221"
    name = "Có số, ký hiệu văn bản"
    reference = f"{PL1}, Mục II, khoản 3"
    severity = "error"
    component = "so_ky_hieu"

    def check(self, ctx: Context) -> None:
        if ctx.layout.get("so_ky_hieu"):
            return
        if ctx.layout.first("quoc_hieu") is None and not ctx.document.formatted:
            return
        ctx.emit("presence", "Không thấy số, ký hiệu của văn bản.", expected="Số: …/…-…", actual="không có",
                 fix="Thêm dòng \u201cSố: …/…-…\u201d dưới tên cơ quan ban hành.")
