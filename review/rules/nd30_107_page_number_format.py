"""ND30-107 — Số trang: chữ số Ả Rập, cỡ 13–14, đứng, canh giữa trong phần lề trên.

Bad: the page number in the footer, right-aligned, or in italic 12 pt.
Good: a PAGE field centred in the header, Times New Roman 14 pt, upright, numbered 1, 2, 3.
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .page_numbers import page_number_paragraphs
from .typography import check_align, check_flag, check_size


class PageNumberFormat(Rule):
    code = "ND30-107"
    name = "Vị trí và định dạng số trang"
    reference = f"{PL1}, Mục I, khoản 7"
    severity = "error"
    component = "so_trang"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        doc = ctx.document
        in_header = page_number_paragraphs(doc, "header")
        in_footer = page_number_paragraphs(doc, "footer")
        if not in_header and in_footer:
            ctx.emit("position", "Số trang được đặt ở phần lề dưới, quy định đặt ở phần lề trên, canh giữa.",
                     paragraph=in_footer[0], expected="lề trên, canh giữa", actual="lề dưới",
                     fix="Chuyển số trang lên đầu trang (Header), canh giữa.")
        for p in in_header:
            check_align(ctx, p, "center", "Số trang")
            check_size(ctx, p, 13, 14, "Số trang")
            check_flag(ctx, p, "italic", False, "Số trang")
        if doc.sections and (in_header or in_footer):
            section = doc.sections[0]
            if section.page_number_format not in (None, "decimal"):
                ctx.emit("text", "Số trang phải đánh bằng chữ số Ả Rập.", expected="1, 2, 3",
                         actual=section.page_number_format, fix="Đặt kiểu đánh số trang 1, 2, 3.", safe=True)
            if section.page_number_start not in (None, 0, 1):
                ctx.emit("text", f"Số trang bắt đầu từ {section.page_number_start}, quy định đánh từ số 1.",
                         expected="bắt đầu từ 1", actual=str(section.page_number_start),
                         fix="Đặt số trang bắt đầu từ 1.", safe=True)
