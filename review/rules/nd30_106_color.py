"""ND30-106 — Chữ màu đen.

Bad: a run coloured red (``w:color w:val="FF0000"``) or blue left over from a template.
Good: ``auto`` or ``000000``.
"""
from __future__ import annotations

from .base import PL1, Context, Rule

BLACK = {"AUTO", "000000"}


class Color(Rule):
    code = "ND30-106"
    name = "Chữ màu đen"
    reference = f"{PL1}, Mục I, khoản 4"
    severity = "error"
    component = "noi_dung"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        reported: set[str] = set()
        for p in ctx.document.paragraphs:
            colors = sorted({r.color for r in p.visible_runs() if r.color and r.color.upper() not in BLACK})
            if not colors:
                continue
            component = ctx.layout.component_of(p)
            if component in reported:
                continue
            reported.add(component)
            ctx.emit("color", f"Chữ có màu {', '.join('#' + c for c in colors)}, quy định màu đen.", paragraph=p,
                     component=component, expected="đen", actual=", ".join("#" + c for c in colors),
                     fix="Đặt màu chữ đen (Automatic).", safe=True)
