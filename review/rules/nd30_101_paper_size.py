"""ND30-101 — Khổ giấy A4 (210 mm x 297 mm).

Bad: a section set to US Letter (215,9 mm x 279,4 mm), as many re-saved web copies are.
Good: every section on A4, ``w:pgSz w:w="11906" w:h="16838"``.
"""
from __future__ import annotations

from ..model import twips_to_mm
from .base import PL1, Context, Rule


class PaperSize(Rule):
    code = "ND30-101"
    name = "Khổ giấy A4"
    reference = f"{PL1}, Mục I, khoản 1"
    severity = "error"
    component = "page"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        tol = ctx.param("paper_tolerance_mm", 0.5)
        for section in ctx.document.sections:
            if section.page_width is None or section.page_height is None:
                continue
            short, long = sorted((twips_to_mm(section.page_width), twips_to_mm(section.page_height)))
            if abs(short - 210) <= tol and abs(long - 297) <= tol:
                continue
            where = f" (phần {section.index + 1})" if len(ctx.document.sections) > 1 else ""
            ctx.emit("paper_size", f"Khổ giấy{where} là {short:.1f} mm x {long:.1f} mm, không phải khổ A4.",
                     expected="A4 (210 mm x 297 mm)", actual=f"{short:.1f} mm x {long:.1f} mm",
                     fix="Đặt khổ giấy A4 (210 mm x 297 mm).", safe=True)
