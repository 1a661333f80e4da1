"""ND30-245 — Trích yếu công văn: sau chữ "V/v", in thường, cỡ 12–13, đứng, canh giữa, cách số 6pt.

Bad: "V/V hướng dẫn…" or "Về việc hướng dẫn…" in the header, bold, 14 pt, or glued to the số line.
Good: "V/v hướng dẫn lập dự toán ngân sách năm 2025", 12 or 13 pt, regular, centred, 6 pt below
"Số: 125/STC-NS".
"""
from __future__ import annotations

from ..text import squash
from .base import PL1, Context, Rule
from .typography import check_align, check_flag, check_size


class CongVanTrichYeu(Rule):
    code = "ND30-245"
    name = "Trích yếu công văn"
    reference = f"{PL1}, Mục II, khoản 5, điểm b; Mục V"
    severity = "error"
    component = "trich_yeu"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        if not layout.is_cong_van:
            return
        paragraphs = layout.get("trich_yeu")
        if not paragraphs:
            ctx.emit("presence", "Công văn không có trích yếu nội dung sau chữ \u201cV/v\u201d.",
                     expected="V/v …", actual="không có",
                     fix="Thêm trích yếu \u201cV/v …\u201d canh giữa dưới số, ký hiệu.")
            return
        first = paragraphs[0]
        if not squash(first.text).startswith("V/v "):
            ctx.emit("text", "Trích yếu công văn phải bắt đầu bằng chữ \u201cV/v\u201d.", paragraph=first,
                     expected="V/v …", actual=squash(first.text)[:20],
                     fix="Viết trích yếu sau chữ \u201cV/v\u201d.", safe=True)
        if not ctx.document.formatted:
            return
        for p in paragraphs:
            check_size(ctx, p, 12, 13, "Trích yếu công văn")
            check_flag(ctx, p, "bold", False, "Trích yếu công văn")
            check_flag(ctx, p, "italic", False, "Trích yếu công văn")
            check_align(ctx, p, "center", "Trích yếu công văn")
        number = layout.first("so_ky_hieu")
        if number is not None and number.container == first.container:
            gap = (number.spacing.after or 0) + (first.spacing.before or 0)
            if gap < 100:
                ctx.emit("spacing", "Trích yếu công văn phải cách dòng số, ký hiệu 6pt.", paragraph=first,
                         expected="6 pt", actual=f"{gap / 20:g} pt".replace(".", ","),
                         fix="Đặt khoảng cách trước đoạn trích yếu 6 pt.")
