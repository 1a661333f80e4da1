"""ND30-252 — "Kính gửi:" có dấu hai chấm; nhiều nơi nhận thì mỗi nơi một dòng "- …;", dòng cuối ".".

Bad: "Kính gửi Sở Nội vụ" (no colon); "- Sở Nội vụ" without ";" then "- Sở Tài chính;" as the last line.
Good: "Kính gửi: Sở Nội vụ." or "Kính gửi:" / "- Sở Nội vụ;" / "- Sở Tài chính.".
"""
from __future__ import annotations

import re

from ..text import squash
from .base import PL1, Context, Rule


class KinhGuiFormat(Rule):
    code = "ND30-252"
    name = "Cách ghi \u201cKính gửi\u201d"
    reference = f"{PL1}, Mục II, khoản 9, điểm d"
    severity = "error"
    component = "kinh_gui"

    def check(self, ctx: Context) -> None:
        paragraphs = ctx.layout.get("kinh_gui")
        if not paragraphs:
            return
        label, items = paragraphs[0], paragraphs[1:]
        text = squash(label.text)
        if not re.match(r"^Kính gửi\s*:", text):
            ctx.emit("text", "Sau từ \u201cKính gửi\u201d phải có dấu hai chấm (:).", paragraph=label,
                     expected="Kính gửi:", actual=text[:30], fix="Thêm dấu hai chấm sau \u201cKính gửi\u201d.")
        for i, p in enumerate(items):
            item = squash(p.text)
            last = i == len(items) - 1
            end = "." if last else ";"
            if not item.startswith("-"):
                continue
            if not item.endswith(end):
                ctx.emit("text", "Mỗi nơi nhận sau \u201cKính gửi:\u201d trên một dòng, đầu dòng có gạch đầu dòng (-), "
                                 "cuối dòng có dấu chấm phẩy (;), dòng cuối cùng có dấu chấm (.).", paragraph=p,
                         expected=f"- …{end}", actual=item[-20:], fix=f"Kết thúc dòng bằng \u201c{end}\u201d.")
