"""ND30-103 — Định lề trang: trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm.

Bad: ``w:pgMar w:left="1440"`` (25,4 mm, Word's default) or a bottom margin of 15 mm.
Good: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm (``1134 / 1134 / 1701 / 850`` twips).
"""
from __future__ import annotations

from ..model import twips_to_mm
from .base import PL1, Context, Rule

LIMITS = (("top", "trên", 20, 25), ("bottom", "dưới", 20, 25), ("left", "trái", 30, 35),
          ("right", "phải", 15, 20))


def mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


class Margins(Rule):
    code = "ND30-103"
    name = "Định lề trang"
    reference = f"{PL1}, Mục I, khoản 3"
    severity = "error"
    component = "page"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        tol = ctx.param("margin_tolerance_mm", 0.1)
        doc = ctx.document
        for section in doc.sections:
            for side, name, lo, hi in LIMITS:
                value = getattr(section, f"margin_{side}")
                if value is None:
                    continue
                if side == "left" and not doc.gutter_at_top:
                    value += section.gutter
                if side == "top" and doc.gutter_at_top:
                    value += section.gutter
                actual = twips_to_mm(value)
                if lo - tol <= actual <= hi + tol:
                    continue
                target = lo if actual < lo else hi
                label = "mép trong" if side == "left" and doc.mirror_margins else f"lề {name}"
                ctx.emit("margin", f"Lề {name} là {mm(actual)} mm, quy định {lo}–{hi} mm.",
                         expected=f"{label} {lo}–{hi} mm", actual=f"{mm(actual)} mm",
                         fix=f"Đặt lề {name} {target} mm.", safe=True)
