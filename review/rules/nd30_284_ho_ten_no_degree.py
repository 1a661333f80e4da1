"""ND30-284 — Trước họ tên người ký không ghi học hàm, học vị.

Bad: "TS. Nguyễn Văn An", "PGS.TS Trần Thị Bình".
Good: "Nguyễn Văn An" (the armed forces and education, health, science bodies follow their own rules).
"""
from __future__ import annotations

import re

from ..text import squash
from .base import PL1, Context, Rule

DEGREE = re.compile(r"^(GS|PGS|TS|ThS|KS|BS|CN|TSKH|NGƯT|NGND)\b\.?", re.IGNORECASE)


class HoTenNoDegree(Rule):
    code = "ND30-284"
    name = "Không ghi học hàm, học vị trước họ tên"
    reference = f"{PL1}, Mục II, khoản 7, điểm c"
    severity = "warning"
    component = "ho_ten"

    def check(self, ctx: Context) -> None:
        for p in ctx.layout.get("ho_ten"):
            text = squash(p.text)
            match = DEGREE.match(text)
            if match:
                ctx.emit("text", "Trước họ tên của người ký không ghi học hàm, học vị.", paragraph=p,
                         expected="chỉ họ, tên đệm và tên", actual=text,
                         fix=f"Bỏ \u201c{match.group(0)}\u201d trước họ tên.")
