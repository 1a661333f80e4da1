"""ND30-293 — Danh sách nơi nhận: cỡ 11, đứng; mỗi nơi một dòng "- …;"; dòng cuối "- Lưu: VT, …".

Bad: items in 13 pt, an item without the leading "-" or the closing ";", or a last line
"- Lưu VT" without the colon and the final full stop.
Good: "- Như trên;" / "- Sở Nội vụ;" / "- Lưu: VT, VP." in 11 pt.
"""
from __future__ import annotations

import re

from ..text import squash
from .base import PL1, Context, Rule
from .typography import check_flag, check_size

LAST = re.compile(r"^-\s*Lưu\s*:\s*VT\s*,\s*\S.*\.$")


class NoiNhanList(Rule):
    code = "ND30-293"
    name = "Trình bày danh sách nơi nhận"
    reference = f"{PL1}, Mục II, khoản 9, điểm d; Mục V"
    severity = "error"
    component = "noi_nhan"

    def check(self, ctx: Context) -> None:
        items = [p for p in ctx.layout.get("noi_nhan") if ctx.layout.role(p) == "item"]
        if not items:
            return
        for i, p in enumerate(items):
            text = squash(p.text)
            last = i == len(items) - 1
            if ctx.document.formatted:
                check_size(ctx, p, 11, 11, "Danh sách nơi nhận")
                check_flag(ctx, p, "italic", False, "Danh sách nơi nhận")
            if last:
                if not LAST.match(text):
                    ctx.emit("text", "Dòng cuối của nơi nhận phải là \u201c- Lưu: VT, <đơn vị soạn thảo>.\u201d.",
                             paragraph=p, expected="- Lưu: VT, …", actual=text,
                             fix="Viết dòng cuối theo dạng \u201c- Lưu: VT, <đơn vị soạn thảo>.\u201d.")
            elif not (text.startswith("-") and text.endswith(";")):
                ctx.emit("text", "Mỗi nơi nhận trên một dòng, đầu dòng có gạch đầu dòng (-), cuối dòng có dấu chấm phẩy (;).",
                         paragraph=p, expected="- …;", actual=text,
                         fix="Bắt đầu dòng bằng \u201c- \u201d và kết thúc bằng \u201c;\u201d.")
