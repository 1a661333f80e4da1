"""ND30-109 — Văn bản nhiều trang phải đánh số trang.

Bad: a three-page quyết định with no PAGE field in any header or footer.
Good: a PAGE field centred in the header from page 2 on.
"""
from __future__ import annotations

from .base import PL1, Context, Rule
from .page_numbers import any_page_number, probably_multi_page


class PageNumberPresence(Rule):
    code = "ND30-109"
    name = "Có đánh số trang"
    reference = f"{PL1}, Mục I, khoản 7"
    severity = "warning"
    component = "so_trang"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        doc = ctx.document
        if any_page_number(doc) or not probably_multi_page(doc):
            return
        ctx.emit("presence", "Văn bản có nhiều trang nhưng không đánh số trang.",
                 expected="số trang ở lề trên, canh giữa, từ trang 2", actual="không có số trang",
                 fix="Chèn số trang (Insert > Page Number > Top of Page, canh giữa).")
