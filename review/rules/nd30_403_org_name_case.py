"""ND30-403 — Tên cơ quan, tổ chức và tên loại văn bản cụ thể không viết hoa tràn.

Only capitals over the decree's own examples are caught: "Ủy ban nhân dân", "Hội đồng nhân dân"
(Phụ lục II, Mục IV, khoản 1) and "Bộ luật" (Mục V, khoản 6) keep their lower-case syllables.
Bad: "Ủy Ban Nhân Dân tỉnh", "Hội Đồng Nhân Dân", "Bộ Luật Hình sự".
Good: "Ủy ban nhân dân tỉnh Quảng Ninh", "Hội đồng nhân dân tỉnh Sơn La", "Bộ luật Hình sự".
"""
from __future__ import annotations

import re

from .base import PL2, Context, Rule

LEAKS = (
    (re.compile(r"\b(Ủy|Uỷ) Ban Nhân Dân\b"), "Ủy ban nhân dân"),
    (re.compile(r"\b(Ủy|Uỷ) ban Nhân dân\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bHội Đồng Nhân Dân\b"), "Hội đồng nhân dân"),
    (re.compile(r"\bHội đồng Nhân dân\b"), "Hội đồng nhân dân"),
    (re.compile(r"\bBộ Luật\b"), "Bộ luật"),
)


class OrgNameCase(Rule):
    code = "ND30-403"
    name = "Viết hoa tên cơ quan, tên văn bản"
    reference = f"{PL2}, Mục IV, khoản 1; Mục V, khoản 6"
    severity = "warning"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        paragraphs = layout.content() + layout.get("kinh_gui") + layout.get("noi_nhan") + layout.get("trich_yeu")
        for p in paragraphs:
            for pattern, good in LEAKS:
                match = pattern.search(p.text)
                if match:
                    component = layout.component_of(p)
                    ctx.emit("case", f"Viết hoa không đúng: \u201c{match.group(0)}\u201d, đúng là \u201c{good}\u201d.",
                             paragraph=p, component=component, expected=good, actual=match.group(0),
                             fix=f"Sửa thành \u201c{good}\u201d.", safe=True)
                    break
