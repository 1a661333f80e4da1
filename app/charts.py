"""Stacked bar charts as server-rendered SVG: no JavaScript, printable, readable without colour.

Each series is told apart by its fill *and* its pattern (plain, stripes, dots, cross-hatch), the
legend names it in words, every segment has a tooltip with its number, and the chart is an
``img`` with a title and a description. The page puts the same numbers in a table next to it.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# (fill, pattern) per series, in order; patterns keep series apart in greyscale print too.
STYLES = (("#0b5cab", "solid"), ("#b34700", "stripes"), ("#2e7d32", "dots"), ("#6a1b9a", "cross"),
          ("#5d4037", "backslash"))
FONT = 'font-family="Segoe UI, Roboto, Noto Sans, Arial, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Series:
    key: str
    label: str


def _fmt(value: float) -> str:
    return f"{int(value):,}".replace(",", ".") if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) giving at most ``ticks`` intervals up to ``maximum``."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(factor * power, 1 if maximum >= 1 else factor * power)
    return 10 * power


def _defs(chart_id: str, count: int) -> str:
    out = []
    for i in range(count):
        colour, pattern = STYLES[i % len(STYLES)]
        pid = f"{chart_id}-p{i}"
        marks = {
            "solid": "",
            "stripes": '<path d="M0,8 L8,0" stroke="#fff" stroke-width="2"/>',
            "dots": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
            "cross": '<path d="M0,4 H8 M4,0 V8" stroke="#fff" stroke-width="1.5"/>',
            "backslash": '<path d="M0,0 L8,8" stroke="#fff" stroke-width="2"/>',
        }[pattern]
        out.append(f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
                   f'<rect width="8" height="8" fill="{colour}"/>{marks}</pattern>')
    return "<defs>" + "".join(out) + "</defs>"


def _fill(chart_id: str, index: int) -> str:
    return f"url(#{chart_id}-p{index})"


def _legend(chart_id: str, series: Sequence[Series], x: float, y: float, width: float) -> tuple[str, float]:
    """The legend (swatch and name per series, wrapping to new lines) and the height it takes."""
    parts, cursor, line = [], x, 0
    for i, s in enumerate(series):
        item_width = 32 + 7.2 * len(s.label)
        if cursor > x and cursor + item_width > x + width:
            cursor, line = x, line + 1
        top = y + line * 20
        parts.append(f'<rect x="{cursor}" y="{top}" width="14" height="14" fill="{_fill(chart_id, i)}" '
                     f'stroke="#333" stroke-width=".5"/>'
                     f'<text x="{cursor + 20}" y="{top + 11}" {FONT}>{escape(s.label)}</text>')
        cursor += item_width
    return "".join(parts), (line + 1) * 20


def _frame(chart_id: str, title: str, desc: str, width: int, height: int, body: str, n_series: int) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        f'{_defs(chart_id, n_series)}{body}</svg>'
    )


def column_chart(chart_id: str, title: str, desc: str, categories: Sequence[str], series: Sequence[Series],
                 values: Mapping[str, Mapping[str, float]], *, unit: str = "") -> Markup:
    """Vertical stacked columns, one per category (e.g. a month), one segment per series."""
    left, right, bottom = 48, 12, 56
    col = max(18, min(48, 640 // max(len(categories), 1)))
    width = max(640, left + right + len(categories) * (col + 10))
    legend, legend_height = _legend(chart_id, series, left, 8, width - left - right)
    top = 8 + legend_height + 16
    height = top + 220 + bottom
    plot_h = height - top - bottom
    totals = [sum(values.get(c, {}).get(s.key, 0) for s in series) for c in categories]
    step = nice_step(max(totals, default=0))
    top_value = step * max(1, math.ceil(max(totals, default=0) / step))
    scale = plot_h / top_value
    body = [legend]
    value = 0.0
    while value <= top_value + 1e-9:
        y = top + plot_h - value * scale
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d5dbe1"/>'
                    f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT}>{_fmt(value)}</text>')
        value += step
    for i, category in enumerate(categories):
        x = left + 6 + i * (col + 10)
        y = top + plot_h
        for j, s in enumerate(series):
            v = values.get(category, {}).get(s.key, 0)
            if not v:
                continue
            h = v * scale
            y -= h
            body.append(f'<rect x="{x}" y="{y:.1f}" width="{col}" height="{h:.1f}" fill="{_fill(chart_id, j)}" '
                        f'stroke="#fff" stroke-width=".5"><title>{escape(category)} — {escape(s.label)}: '
                        f'{_fmt(v)} {escape(unit)}</title></rect>')
        if totals[i]:
            body.append(f'<text x="{x + col / 2}" y="{y - 4:.1f}" text-anchor="middle" {FONT}>{_fmt(totals[i])}</text>')
        body.append(f'<text x="{x + col / 2}" y="{top + plot_h + 16}" text-anchor="end" {FONT} '
                    f'transform="rotate(-40 {x + col / 2} {top + plot_h + 16})">{escape(category)}</text>')
    body.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#333"/>')
    return _frame(chart_id, title, desc, width, height, "".join(body), len(series))


def bar_chart(chart_id: str, title: str, desc: str, categories: Sequence[str], series: Sequence[Series],
              values: Mapping[str, Mapping[str, float]], *, unit: str = "") -> Markup:
    """Horizontal stacked bars, one per category with its label above (long names such as sectors)."""
    left, right, row = 12, 48, 40
    width = 720
    plot_w = width - left - right
    legend, legend_height = _legend(chart_id, series, left, 8, plot_w)
    top = 8 + legend_height + 12
    height = top + row * max(len(categories), 1) + 8
    totals = [sum(values.get(c, {}).get(s.key, 0) for s in series) for c in categories]
    scale = plot_w / max(max(totals, default=0), 1)
    body = [legend]
    for i, category in enumerate(categories):
        y = top + i * row
        label = category if len(category) <= 95 else category[:94] + "…"
        body.append(f'<text x="{left}" y="{y + 12}" {FONT}>{escape(label)}</text>')
        x = left
        for j, s in enumerate(series):
            v = values.get(category, {}).get(s.key, 0)
            if not v:
                continue
            w = v * scale
            body.append(f'<rect x="{x:.1f}" y="{y + 16}" width="{w:.1f}" height="16" fill="{_fill(chart_id, j)}" '
                        f'stroke="#fff" stroke-width=".5"><title>{escape(category)} — {escape(s.label)}: '
                        f'{_fmt(v)} {escape(unit)}</title></rect>')
            x += w
        body.append(f'<text x="{x + 6:.1f}" y="{y + 29}" {FONT}>{_fmt(totals[i])}</text>')
    return _frame(chart_id, title, desc, width, height, "".join(body), len(series))
