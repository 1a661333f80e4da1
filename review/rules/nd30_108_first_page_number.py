"""ND30-108 — Không hiển thị số trang thứ nhất.

Bad: a PAGE field in the default header without "Different first page" (``w:titlePg``), so the
number 1 is printed on the first page.
Good: ``w:titlePg`` on the section and a first-page header without a PAGE field.
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .page_numbers import page_number_paragraphs


class FirstPageNumberHidden(Rule):
    code = "ND30-108"
    name = "Không hiển thị số trang thứ nhất"
    reference = f"{PL1}, Mục I, khoản 7"
    severity = "error"
    component = "so_trang"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        doc = ctx.document
        if not doc.sections:
            return
        kind_type = "first" if doc.sections[0].title_pg else "default"
        shown = page_number_paragraphs(doc, "header", kind_type) + page_number_paragraphs(doc, "footer", kind_type)
        if shown:
            ctx.emit("position", "Số trang được hiển thị ở trang thứ nhất.", paragraph=shown[0],
                     expected="không hiển thị số trang thứ nhất", actual="có số trang ở trang thứ nhất",
                     fix="Chọn \u201cDifferent First Page\u201d và để trống đầu trang của trang thứ nhất.")
