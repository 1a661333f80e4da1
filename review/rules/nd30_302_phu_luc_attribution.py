"""ND30-302 — Dưới tên phụ lục có thông tin chỉ dẫn "(Kèm theo … số … ngày … của …)", nghiêng, canh giữa.

Bad: an appendix title followed directly by its content, or the attribution line upright.
Good: "(Kèm theo Kế hoạch số 45/KH-STC ngày 05 tháng 3 năm 2024 của Sở Tài chính)" in italic, centred.
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .typography import check_align, check_flag


class PhuLucAttribution(Rule):
    code = "ND30-302"
    name = "Thông tin chỉ dẫn của phụ lục"
    reference = f"{PL1}, Mục III, khoản 1, điểm c"
    severity = "warning"
    component = "phu_luc"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        paragraphs = layout.get("phu_luc")
        titles = [p for p in paragraphs if layout.role(p) == "appendix_title"]
        lines = [p for p in paragraphs if layout.role(p) == "appendix_attribution"]
        if titles and not lines:
            ctx.emit("presence", "Phụ lục thiếu dòng chỉ dẫn \u201c(Kèm theo … số … ngày … của …)\u201d.",
                     paragraph=titles[0], expected="(Kèm theo văn bản số …/…-… ngày … tháng … năm … của …)",
                     actual="không có", fix="Thêm dòng chỉ dẫn canh giữa, nghiêng dưới tên phụ lục.")
        if ctx.document.formatted:
            for p in lines:
                check_flag(ctx, p, "italic", True, "Dòng chỉ dẫn của phụ lục")
                check_align(ctx, p, "center", "Dòng chỉ dẫn của phụ lục")
