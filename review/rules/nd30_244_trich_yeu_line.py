"""ND30-244 — Dưới trích yếu có đường kẻ ngang, nét liền.

Bad: the body starts right after "Về việc ban hành Quy chế làm việc" with no line.
Good: a short centred horizontal line below the trích yếu (1/3 to 1/2 of the text).
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class TrichYeuLine(Rule):
    code = "ND30-244"
    name = "Đường kẻ dưới trích yếu"
    reference = f"{PL1}, Mục II, khoản 5, điểm b"
    severity = "warning"
    component = "trich_yeu"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        if ctx.layout.lines.get("trich_yeu") is False:
            ctx.emit("line", "Không thấy đường kẻ ngang nét liền dưới trích yếu nội dung.",
                     paragraph=ctx.layout.get("trich_yeu")[-1], expected="đường kẻ ngang nét liền",
                     actual="không có", fix="Vẽ đường kẻ ngang nét liền, dài 1/3 đến 1/2 dòng chữ, dưới trích yếu.")
