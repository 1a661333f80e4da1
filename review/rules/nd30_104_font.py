"""ND30-104 — Phông chữ Times New Roman.

Bad: a paragraph in Arial, or Vietnamese letters drawn in Calibri because only ``w:ascii`` was set
to Times New Roman while ``w:hAnsi`` (the slot Vietnamese letters use) stayed Calibri.
Good: every run with text resolves to Times New Roman in its ``hAnsi`` slot.
"""
from __future__ import annotations

from .base import PL1, Context, Rule

EXPECTED = "Times New Roman"


class Font(Rule):
    code = "ND30-104"
    name = "Phông chữ Times New Roman"
    reference = f"{PL1}, Mục I, khoản 4"
    severity = "error"
    component = "noi_dung"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        doc, layout = ctx.document, ctx.layout
        parts = [doc.paragraphs] + [hf.paragraphs for hf in (*doc.headers.values(), *doc.footers.values())]
        reported: set[str] = set()
        for paragraphs in parts:
            for p in paragraphs:
                fonts = sorted({r.font for r in p.visible_runs()
                                if r.font and r.font.strip().lower() != EXPECTED.lower()})
                if not fonts:
                    continue
                component = layout.component_of(p)
                if component in reported:
                    continue
                reported.add(component)
                ctx.emit("font", f"Phông chữ {', '.join(fonts)} không phải Times New Roman.", paragraph=p,
                         component=component, expected=EXPECTED, actual=", ".join(fonts),
                         fix="Đặt phông chữ Times New Roman.", safe=True)
