"""ND30-102 — Trình bày theo chiều dài khổ A4 (chiều rộng chỉ khi có bảng, biểu).

Bad: a section of plain text laid out landscape.
Good: portrait; a landscape section is accepted when it holds a table of content (bảng, biểu),
not counting the header and signature tables that only lay the page out.
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class Orientation(Rule):
    code = "ND30-102"
    name = "Hướng trang theo chiều dài khổ A4"
    reference = f"{PL1}, Mục I, khoản 2"
    severity = "warning"
    component = "page"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        layout_tables = {layout.header_table, layout.signature_table}
        for section in ctx.document.sections:
            content_tables = {p.container.table for p in ctx.document.paragraphs
                              if p.section == section.index and p.container.in_table} - layout_tables
            if section.orientation != "landscape" or content_tables:
                continue
            ctx.emit("orientation", "Trang được trình bày theo chiều rộng trong khi phần này không có bảng, biểu.",
                     expected="theo chiều dài (dọc)", actual="theo chiều rộng (ngang)",
                     fix="Đặt hướng trang dọc (Portrait).", safe=True)
