"""ND30-404 — Viết hoa đặc biệt tên địa lý: "Thủ đô Hà Nội", "Thành phố Hồ Chí Minh", "Quận 1".

Bad: "thành phố Hồ Chí Minh", "thủ đô Hà Nội", "quận 1", "phường 5".
Good: "Thành phố Hồ Chí Minh", "Thủ đô Hà Nội", "Quận 1", "Phường 5".
"""
from __future__ import annotations

import re

from .base import PL2, Context, Rule

PATTERNS = (
    re.compile(r"\bthành phố Hồ Chí Minh\b"),
    re.compile(r"\bthủ đô Hà Nội\b"),
    re.compile(r"(?<![\wÀ-ỹ])(quận|phường)\s+\d+\b"),
)


class PlaceCase(Rule):
    code = "ND30-404"
    name = "Viết hoa tên địa lý đặc biệt"
    reference = f"{PL2}, Mục III, khoản 1, điểm b, c"
    severity = "warning"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        paragraphs = layout.content() + layout.get("kinh_gui") + layout.get("dia_danh_thoi_gian")
        for p in paragraphs:
            for pattern in PATTERNS:
                match = pattern.search(p.text)
                if match:
                    bad = match.group(0)
                    good = bad[0].upper() + bad[1:]
                    ctx.emit("case", f"Viết hoa không đúng: \u201c{bad}\u201d, đúng là \u201c{good}\u201d.", paragraph=p,
                             component=layout.component_of(p), expected=good, actual=bad,
                             fix=f"Sửa thành \u201c{good}\u201d.", safe=True)
                    break
