"""Small, schema-respecting edits of WordprocessingML elements (lxml), for the safe fixes.

Word rejects a file whose property elements are out of the order the schema prescribes (a
``w:sz`` before a ``w:b`` makes Word call the file corrupt), so every element is inserted at its
place in the sequence from ECMA-376 Part 1 (§17.3.2.28 ``rPr``, §17.3.1.26 ``pPr``, §17.6.17
``sectPr``). Text edits
change only the characters they must, inside the ``w:t`` that holds them, so the formatting of
every run survives.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from review.docx_walk import w

RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color",
    "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
    "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def ordered_child(parent: etree._Element, name: str, order: tuple[str, ...]) -> etree._Element:
    """The ``w:name`` child of ``parent``, created at its schema position when missing."""
    existing = parent.find(w(name))
    if existing is not None:
        return existing
    child = parent.makeelement(w(name), {})
    rank = order.index(name)
    later = {w(n) for n in order[rank + 1:]}
    for index, sibling in enumerate(parent):
        if sibling.tag in later:
            parent.insert(index, child)
            break
    else:
        parent.append(child)
    return child


def first_child(parent: etree._Element, name: str) -> etree._Element:
    """The ``w:name`` child that the schema puts first (``w:pPr`` in ``w:p``, ``w:rPr`` in ``w:r``)."""
    existing = parent.find(w(name))
    if existing is not None:
        return existing
    child = parent.makeelement(w(name), {})
    parent.insert(0, child)
    return child


def _inside_text_box(node: etree._Element, paragraph: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in (w("txbxContent"), w("del"), w("moveFrom")):
            return True
        parent = parent.getparent()
    return False


def runs(paragraph: etree._Element) -> list[etree._Element]:
    """The paragraph's own ``w:r`` elements (also inside hyperlinks, fields, insertions)."""
    return [r for r in paragraph.iter(w("r")) if not _inside_text_box(r, paragraph)]


def text_nodes(paragraph: etree._Element) -> list[etree._Element]:
    """The paragraph's own ``w:t`` elements, in order."""
    return [t for t in paragraph.iter(w("t")) if not _inside_text_box(t, paragraph)]


def run_properties(run: etree._Element) -> etree._Element:
    return first_child(run, "rPr")


def mark_properties(paragraph: etree._Element) -> etree._Element:
    """The paragraph mark's ``w:pPr/w:rPr`` (Word formats empty and field-only lines with it)."""
    return ordered_child(first_child(paragraph, "pPr"), "rPr", PPR_ORDER)


def all_run_properties(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The ``w:rPr`` of every run of the paragraph, then of its paragraph mark."""
    for run in runs(paragraph):
        yield run_properties(run)
    yield mark_properties(paragraph)


def existing_run_properties(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The ``w:rPr`` elements the paragraph's runs and mark already have (none are created)."""
    for run in runs(paragraph):
        rpr = run.find(w("rPr"))
        if rpr is not None:
            yield rpr
    mark = paragraph.find(f"{w('pPr')}/{w('rPr')}")
    if mark is not None:
        yield mark


def set_fonts(rpr: etree._Element, name: str) -> None:
    """Name ``name`` in all four font slots; theme fonts would override it, so they go."""
    fonts = ordered_child(rpr, "rFonts", RPR_ORDER)
    for attr in _THEME_FONT_ATTRS:
        fonts.attrib.pop(w(attr), None)
    for slot in _FONT_SLOTS:
        fonts.set(w(slot), name)


def direct_fonts(rpr: etree._Element | None) -> set[str]:
    """The font names and theme references an ``rPr`` sets directly."""
    if rpr is None:
        return set()
    fonts = rpr.find(w("rFonts"))
    if fonts is None:
        return set()
    return {fonts.get(w(a)) for a in _FONT_SLOTS + _THEME_FONT_ATTRS if fonts.get(w(a))}


def set_size(rpr: etree._Element, half_points: int) -> None:
    for name in ("sz", "szCs"):
        ordered_child(rpr, name, RPR_ORDER).set(w("val"), str(half_points))


def direct_size(rpr: etree._Element | None) -> float | None:
    """The run's own size in points, if it sets one."""
    size = None if rpr is None else rpr.find(w("sz"))
    try:
        return None if size is None else int(size.get(w("val"), "")) / 2
    except ValueError:
        return None


def set_on_off(rpr: etree._Element, name: str, on: bool) -> None:
    """Set a toggle property (``b``, ``i``) explicitly on or off, overriding the style."""
    element = ordered_child(rpr, name, RPR_ORDER)
    if on:
        element.attrib.pop(w("val"), None)
    else:
        element.set(w("val"), "0")


def set_underline(rpr: etree._Element, on: bool) -> None:
    """A single underline, or none (``w:u`` is not a toggle: it names a line style)."""
    ordered_child(rpr, "u", RPR_ORDER).set(w("val"), "single" if on else "none")


def set_color_auto(rpr: etree._Element) -> None:
    """Automatic (black) text colour; a theme colour would override the value, so it goes."""
    color = ordered_child(rpr, "color", RPR_ORDER)
    for attr in ("themeColor", "themeShade", "themeTint"):
        color.attrib.pop(w(attr), None)
    color.set(w("val"), "auto")


def set_alignment(paragraph: etree._Element, value: str) -> None:
    ordered_child(first_child(paragraph, "pPr"), "jc", PPR_ORDER).set(w("val"), value)


def set_first_line_indent(paragraph: etree._Element, twips: int) -> None:
    ind = ordered_child(first_child(paragraph, "pPr"), "ind", PPR_ORDER)
    for attr in ("hanging", "hangingChars", "firstLineChars"):
        ind.attrib.pop(w(attr), None)
    ind.set(w("firstLine"), str(twips))


def paragraph_plain_text(paragraph: etree._Element) -> str:
    """The concatenated ``w:t`` text: the string ``edit_text`` offsets refer to."""
    return "".join(t.text or "" for t in text_nodes(paragraph))


def edit_text(paragraph: etree._Element, edits: Iterable[tuple[int, int, str]]) -> bool:
    """Replace ``[start, end)`` spans of ``paragraph_plain_text`` with new text, keeping runs.

    A replacement goes into the ``w:t`` where its span starts; the rest of a span that crosses
    into later ``w:t`` elements is cut from them. Returns whether anything changed.
    """
    nodes = text_nodes(paragraph)
    bounds: list[tuple[int, int]] = []
    offset = 0
    for node in nodes:
        length = len(node.text or "")
        bounds.append((offset, offset + length))
        offset += length
    changed = False
    for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        for index, (lo, hi) in enumerate(bounds):
            if lo <= start < hi or (start == hi == end and index == len(bounds) - 1):
                break
        else:
            continue
        remaining = end
        for position in range(index, len(nodes)):
            lo, hi = bounds[position]
            text = nodes[position].text or ""
            cut_from = max(start, lo) - lo
            cut_to = min(remaining, hi) - lo
            replacement = new if position == index else ""
            updated = text[:cut_from] + replacement + text[cut_to:]
            if updated != text:
                changed = True
                nodes[position].text = updated
                _preserve_space(nodes[position])
            if remaining <= hi:
                break
    return changed


def _preserve_space(node: etree._Element) -> None:
    text = node.text or ""
    if text != text.strip():
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def replace_text(paragraph: etree._Element, new: str) -> bool:
    """Put ``new`` in the paragraph's first ``w:t`` (keeping that run's formatting), empty the rest."""
    nodes = text_nodes(paragraph)
    if not nodes or paragraph_plain_text(paragraph) == new:
        return False
    nodes[0].text = new
    _preserve_space(nodes[0])
    for node in nodes[1:]:
        node.text = ""
    return True


def set_page_numbering(sect_pr: etree._Element, **attrs: str) -> None:
    """Set ``w:pgNumType`` attributes (``fmt``, ``start``) of a section."""
    numbering = ordered_child(sect_pr, "pgNumType", SECTPR_ORDER)
    for name, value in attrs.items():
        numbering.set(w(name), value)


def transform_text(paragraph: etree._Element, transform: Callable[[str], str]) -> bool:
    """Apply a character transform (e.g. ``str.upper``) to the text of every ``w:t``."""
    changed = False
    for node in text_nodes(paragraph):
        text = node.text or ""
        new = transform(text)
        if new != text:
            node.text = new
            changed = True
    return changed
