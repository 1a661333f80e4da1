"""ND30-263 — Chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm.

Bad: no first-line indent, or 2 cm, or a hanging indent.
Good: ``w:ind w:firstLine="567"`` (1 cm) or ``"720"`` (1,27 cm).
"""
from __future__ import annotations

from ..model import twips_to_cm
from .base import PL1, Context, Rule
from .content import running_text

ALLOWED_CM = (1.0, 1.27)


def cm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


class FirstLineIndent(Rule):
    code = "ND30-263"
    name = "Thụt đầu dòng 1 cm hoặc 1,27 cm"
    reference = f"{PL1}, Mục II, khoản 6, điểm đ, e"
    severity = "error"
    component = "noi_dung"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        tol = ctx.param("indent_tolerance_cm", 0.01)
        for p in running_text(ctx.layout):
            if ctx.layout.role(p) == "dash" or p.label:
                continue
            first = twips_to_cm(p.indent.first_line or 0)
            if any(abs(first - allowed) <= tol for allowed in ALLOWED_CM):
                continue
            ctx.emit("indent", f"Đầu dòng lùi {cm(first)} cm, quy định 1 cm hoặc 1,27 cm.", paragraph=p,
                     expected="1 cm hoặc 1,27 cm", actual=f"{cm(first)} cm",
                     fix="Đặt thụt đầu dòng (First line) 1 cm hoặc 1,27 cm.")
