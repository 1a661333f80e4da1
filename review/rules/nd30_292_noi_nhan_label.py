"""ND30-292 — Từ "Nơi nhận:" trên dòng riêng, sát lề trái, in thường, cỡ 12, nghiêng, đậm.

Bad: "Nơi nhận" without a colon, "NƠI NHẬN:", or 14 pt upright.
Good: "Nơi nhận:" in 12 pt bold italic, left-aligned.
"""
from __future__ import annotations

from ..text import squash
from .base import PL1, Context, Rule
from .typography import check_align, check_case, check_flag, check_size


class NoiNhanLabel(Rule):
    code = "ND30-292"
    name = "Trình bày từ \u201cNơi nhận\u201d"
    reference = f"{PL1}, Mục II, khoản 9, điểm d; Mục V"
    severity = "error"
    component = "noi_nhan"

    def check(self, ctx: Context) -> None:
        for p in ctx.layout.get("noi_nhan"):
            if ctx.layout.role(p) != "label":
                continue
            text = squash(p.text)
            if not text.endswith(":"):
                ctx.emit("text", "Sau từ \u201cNơi nhận\u201d phải có dấu hai chấm (:).", paragraph=p,
                         expected="Nơi nhận:", actual=text, fix="Thêm dấu hai chấm sau \u201cNơi nhận\u201d.", safe=True)
            check_case(ctx, p, False, "Từ \u201cNơi nhận\u201d")
            if ctx.document.formatted:
                check_size(ctx, p, 12, 12, "Từ \u201cNơi nhận\u201d")
                check_flag(ctx, p, "bold", True, "Từ \u201cNơi nhận\u201d")
                check_flag(ctx, p, "italic", True, "Từ \u201cNơi nhận\u201d")
                check_align(ctx, p, ("left", "justify"), "Từ \u201cNơi nhận\u201d")
