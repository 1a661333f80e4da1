"""Shared checks of a component's typography: size, bold, italic, case and alignment.

Phụ lục I gives most components a line of the Mục V table ("In hoa | 12 - 13 | Đứng, đậm"); a
``StyleRule`` states that line as data and this module turns each mismatch into a finding with
the exact property, the expected and the actual value and the safe fix. A required style (đậm,
nghiêng) must hold for every run with letters; a forbidden one is reported when it covers most
of the paragraph, so one emphasised word does not count as "kiểu chữ đậm".
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Paragraph
from ..text import has_lower, is_upper, letters
from .base import Context, Rule

ALIGN_NAMES = {"center": "canh giữa", "justify": "canh đều hai lề", "left": "canh trái",
               "right": "canh phải"}
_FLAG_WORDS = {"bold": ("đậm", "không đậm", "Bật chữ đậm.", "Bỏ chữ đậm."),
               "italic": ("nghiêng", "đứng (không nghiêng)", "Đặt chữ nghiêng.", "Bỏ chữ nghiêng."),
               "underline": ("gạch chân", "không gạch chân", "Đặt gạch chân.", "Bỏ gạch chân.")}


def pt(value: float) -> str:
    """A size in points the Vietnamese way: 12, 12,5."""
    return f"{value:g}".replace(".", ",")


def size_text(lo: float, hi: float) -> str:
    return f"{pt(lo)} pt" if lo == hi else f"{pt(lo)}–{pt(hi)} pt"


def _lettered(p: Paragraph):
    return [r for r in p.visible_runs() if letters(r.text) or any(ch.isdigit() for ch in r.text)]


def check_size(ctx: Context, p: Paragraph, lo: float, hi: float, label: str,
               component: str | None = None) -> bool:
    tol = ctx.param("size_tolerance", 0.0)
    sizes = sorted({r.size_pt for r in _lettered(p) if r.size_pt is not None})
    bad = [s for s in sizes if s < lo - tol or s > hi + tol]
    if not bad:
        return True
    target = lo if bad[0] < lo else hi
    ctx.emit("size", f"{label}: cỡ chữ {', '.join(pt(s) for s in bad)} pt, quy định {size_text(lo, hi)}.",
             paragraph=p, component=component, expected=size_text(lo, hi),
             actual=", ".join(f"{pt(s)} pt" for s in bad),
             fix=f"Đặt cỡ chữ {pt(target)} pt.", safe=True)
    return False


def check_flag(ctx: Context, p: Paragraph, prop: str, wanted: bool, label: str,
               component: str | None = None) -> bool:
    runs = [r for r in _lettered(p) if getattr(r, prop) is not None]
    if not runs:
        return True
    on = sum(len(r.text) for r in runs if getattr(r, prop))
    total = sum(len(r.text) for r in runs)
    ok = on == total if wanted else on * 2 <= total
    if ok:
        return True
    yes, no, fix_on, fix_off = _FLAG_WORDS[prop]
    expected, actual = (yes, no) if wanted else (no, yes)
    if wanted and on:
        actual = f"chỉ một phần {yes}"
    ctx.emit(prop, f"{label} phải {'là chữ ' + yes if wanted else 'là chữ ' + no}.", paragraph=p,
             component=component, expected=expected, actual=actual,
             fix=fix_on if wanted else fix_off, safe=True)
    return False


def check_case(ctx: Context, p: Paragraph, upper: bool, label: str, component: str | None = None) -> bool:
    shown = p.shown_text
    if upper and has_lower(shown):
        ctx.emit("case", f"{label} phải viết bằng chữ in hoa.", paragraph=p, component=component,
                 expected="in hoa", actual="có chữ thường", fix="Chuyển sang chữ in hoa.", safe=True)
        return False
    if not upper and is_upper(shown) and len(letters(shown)) > 3:
        ctx.emit("case", f"{label} phải viết bằng chữ in thường (không viết hoa toàn bộ).", paragraph=p,
                 component=component, expected="in thường", actual="in hoa toàn bộ",
                 fix="Chuyển sang chữ in thường, chỉ viết hoa theo quy tắc chính tả.", safe=True)
        return False
    return True


def check_align(ctx: Context, p: Paragraph, wanted: str | tuple[str, ...], label: str,
                component: str | None = None) -> bool:
    options = (wanted,) if isinstance(wanted, str) else wanted
    if p.alignment is None or p.alignment in options:
        return True
    names = " hoặc ".join(ALIGN_NAMES.get(a, a) for a in options)
    ctx.emit("alignment", f"{label} phải {names}.", paragraph=p, component=component,
             expected=names, actual=ALIGN_NAMES.get(p.alignment, p.alignment),
             fix=f"Đặt căn lề: {names}.", safe=False)
    return False


class StyleRule(Rule):
    """A rule that is one line of the Mục V table: size, styles, case and alignment of a component.

    ``spec`` keys: ``size`` (lo, hi), ``bold``/``italic`` (True, False or absent), ``upper``
    (True = in hoa, False = in thường), ``align``. ``label`` names the component in messages.
    """
    needs_formatting = True
    spec: dict = {}
    label: str = ""

    def paragraphs(self, ctx: Context) -> Iterable[Paragraph]:
        return [p for p in ctx.layout.get(self.component) if not p.is_empty]

    def check(self, ctx: Context):
        spec = self.spec
        for p in self.paragraphs(ctx):
            if "upper" in spec:
                check_case(ctx, p, spec["upper"], self.label)
            if "size" in spec:
                check_size(ctx, p, *spec["size"], self.label)
            for prop in ("bold", "italic"):
                if prop in spec:
                    check_flag(ctx, p, prop, spec[prop], self.label)
            if "align" in spec:
                check_align(ctx, p, spec["align"], self.label)
