"""ND30-267 — Căn cứ ban hành: in thường, nghiêng, cỡ 13–14; mỗi căn cứ một dòng, cuối ";", dòng cuối ".".

Bad: "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015," upright, or the last
căn cứ ending with ";".
Good: each căn cứ in italic on its own line ending with ";", the last one ending with ".".
"""
from __future__ import annotations

from ..text import squash
from .base import PL1, Context, Rule
from .typography import check_flag, check_size


class CanCu(Rule):
    code = "ND30-267"
    name = "Trình bày căn cứ ban hành"
    reference = f"{PL1}, Mục II, khoản 6, điểm a"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        paragraphs = ctx.layout.content("can_cu")
        for i, p in enumerate(paragraphs):
            if ctx.document.formatted:
                check_flag(ctx, p, "italic", True, "Căn cứ ban hành")
                check_size(ctx, p, 13, 14, "Căn cứ ban hành")
            text = squash(p.text)
            end = "." if i == len(paragraphs) - 1 else ";"
            if not text.endswith(end):
                ctx.emit("text", f"Căn cứ ban hành phải kết thúc bằng dấu \u201c{end}\u201d"
                                 + (" (dòng cuối cùng kết thúc bằng dấu chấm)." if end == "." else " ở cuối dòng."),
                         paragraph=p, expected=f"…{end}", actual=f"…{text[-1:]}",
                         fix=f"Kết thúc dòng bằng \u201c{end}\u201d.")
