"""Line spacing of a paragraph in lines, whatever rule Word stored it with.

``auto`` spacing is already in 240ths of a line. ``exact`` and ``atLeast`` are in twips, so they
are compared with the height of one Times New Roman line, about 1.15 times the font size (the
font's ascent plus descent), which is what Word's "Single" gives.
"""
from __future__ import annotations

from ..model import Paragraph

SINGLE_LINE_EM = 1.15


def body_size(p: Paragraph) -> float | None:
    sizes = [r.size_pt for r in p.visible_runs() if r.size_pt]
    if sizes:
        return max(sizes)
    return p.mark.size_pt if p.mark else None


def line_multiple(p: Paragraph) -> float | None:
    """The paragraph's line spacing as a multiple of single spacing, or None if unknown."""
    sp = p.spacing
    if sp.line is None:
        return None
    if sp.line_rule in (None, "auto"):
        return sp.line / 240
    size = body_size(p)
    if not size:
        return None
    return (sp.line / 20) / (size * SINGLE_LINE_EM)
