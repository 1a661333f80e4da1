"""Reading the target value of a safe fix out of a finding's ``expected`` text.

``expected`` is written for people, in Vietnamese, by each rule; the fixer reads it back with
these forgiving parsers, so a rule can say "13–14 pt", "cỡ chữ từ 13 đến 14" or "13 - 14" alike.
What is understood (numbers may use a decimal comma: "1,27 cm"):

- paper size: any text naming "A4" → 210 × 297 mm.
- orientation: "dọc", "đứng", "chiều dài" or "portrait" → portrait. (Landscape is never a fix.)
- margins: a range or a single value in mm (default) or cm, each preceded by the sides it applies
  to: "trên", "dưới", "trái", "phải" (or top/bottom/left/right), e.g. "Lề trên 20–25 mm" or the
  decree's own "trên và dưới 20 - 25 mm, trái 30 - 35 mm, phải 15 - 20 mm". A range without a side
  takes the sides named in the finding's message. The value set is the bound nearest to the
  current margin (a margin inside the range is left as it is).
- font: text containing "Times New Roman" → that font in all four slots (ascii, hAnsi, eastAsia, cs).
- size: a range or single value in pt ("13–14 pt", "từ 13 đến 14", "13"); each run gets the bound
  nearest to its own size (its direct size, else the finding's ``actual``, else the lower bound).
- bold / italic / underline: "đậm" / "nghiêng" / "gạch chân" (or "có", "true") → on; a text
  starting with "không" or containing "không đậm" (…), or "đứng", "thường", "false" → off
  ("kiểu chữ đứng" means upright: not italic, and for bold, not bold).
- colour: "đen" or "black" → automatic (black) text.
- case: "in hoa", "chữ hoa", "viết hoa" or "upper" → the text is upper-cased; "in thường" →
  lower case only where the right form is certain (see ``review.fix._fix_lower``); an expected
  that differs from ``actual`` only in case is a quoted replacement.
- alignment: "giữa"/"center" → centred, "đều"/"hai lề"/"justify" → justified, "trái"/"left",
  "phải"/"right".
- first-line indent: values in cm/mm/pt ("1 cm hoặc 1,27 cm"); the nearest one is set.
"""
from __future__ import annotations

import re
import unicodedata

_NUMBER = r"\d+(?:[.,]\d+)?"
_RANGE = re.compile(
    rf"(?P<lo>{_NUMBER})(?:\s*(?:–|—|-|−|đến|tới|to|\.\.)\s*(?P<hi>{_NUMBER}))?\s*(?P<unit>mm|cm|pt)?",
    re.IGNORECASE,
)
_SIDES = {
    "trên": "top", "top": "top", "dưới": "bottom", "bottom": "bottom",
    "trái": "left", "left": "left", "phải": "right", "right": "right",
}
_SIDE_WORD = re.compile(r"\b(trên|dưới|trái|phải|top|bottom|left|right)\b", re.IGNORECASE)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def number_range(text: str) -> tuple[float, float] | None:
    """The first range ("13–14", "từ 13 đến 14") or single value ("13") in a text."""
    match = _RANGE.search(_normal(text))
    if match is None:
        return None
    lo = _number(match["lo"])
    hi = _number(match["hi"]) if match["hi"] else lo
    return (min(lo, hi), max(lo, hi))


def first_number(text: str) -> float | None:
    match = re.search(_NUMBER, _normal(text))
    return _number(match.group()) if match else None


def nearest(value: float | None, bounds: tuple[float, float]) -> float:
    """``value`` clamped into ``bounds``; the lower bound when the value is unknown."""
    lo, hi = bounds
    if value is None:
        return lo
    return min(max(value, lo), hi)


def margin_ranges(expected: str, message: str = "") -> dict[str, tuple[float, float]]:
    """``{"top": (20.0, 25.0), ...}`` in millimetres, from the sides named before each range."""
    text = _normal(expected)
    result: dict[str, tuple[float, float]] = {}
    position = 0
    unsided: tuple[float, float] | None = None
    for match in _RANGE.finditer(text):
        sides = {_SIDES[s.lower()] for s in _SIDE_WORD.findall(text[position:match.start()])}
        position = match.end()
        factor = 10.0 if (match["unit"] or "").lower() == "cm" else 1.0
        lo = _number(match["lo"]) * factor
        hi = (_number(match["hi"]) if match["hi"] else _number(match["lo"])) * factor
        bounds = (min(lo, hi), max(lo, hi))
        if sides:
            for side in sides:
                result[side] = bounds
        elif unsided is None:
            unsided = bounds
    if not result and unsided is not None:
        for side in {_SIDES[s.lower()] for s in _SIDE_WORD.findall(_normal(message))}:
            result[side] = unsided
    return result


LEGACY_FONT_PREFIXES = (".vn", "vni-", "vni ", "vntime", "vn-", "tcvn")
SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "marlett", "mt extra", "zapf dingbats")


def is_legacy_font(name: str) -> bool:
    """A font of the pre-Unicode Vietnamese encodings (TCVN3 ".VnTime", VNI "VNI-Times")."""
    return _normal(name).lower().startswith(LEGACY_FONT_PREFIXES)


def is_symbol_font(name: str) -> bool:
    return _normal(name).lower().startswith(SYMBOL_FONTS)


def font_name(expected: str) -> str | None:
    return "Times New Roman" if "times new roman" in _normal(expected).lower() else None


def is_a4(expected: str) -> bool:
    return bool(re.search(r"\bA4\b", _normal(expected), re.IGNORECASE))


def is_portrait(expected: str) -> bool:
    text = _normal(expected).lower()
    return any(word in text for word in ("dọc", "đứng", "chiều dài", "portrait"))


def is_black(expected: str) -> bool:
    text = _normal(expected).lower()
    return "đen" in text or "black" in text or text in ("auto", "000000", "#000000")


def toggle(expected: str, on_word: str) -> bool | None:
    """Whether ``expected`` asks for the property on (True), off (False), or says neither (None)."""
    text = _normal(expected).lower()
    if not text:
        return None
    if text.startswith("không") or f"không {on_word}" in text or text in ("false", "off", "0"):
        return False
    if on_word in text or text in ("có", "true", "on", "1"):
        return True
    if any(word in text for word in ("đứng", "thường", "bình thường")):
        return False
    return None


def wants_upper(expected: str) -> bool:
    text = _normal(expected).lower()
    return any(word in text for word in ("in hoa", "chữ hoa", "viết hoa", "upper"))


def wants_lower(expected: str) -> bool:
    text = _normal(expected).lower()
    return any(word in text for word in ("in thường", "chữ thường", "lower"))


def alignment(expected: str) -> str | None:
    """The ``w:jc`` value asked for, or None."""
    text = _normal(expected).lower()
    for words, value in (
        (("giữa", "center", "centre"), "center"),
        (("đều", "hai lề", "justify", "both"), "both"),
        (("trái", "left"), "left"),
        (("phải", "right"), "right"),
    ):
        if any(word in text for word in words):
            return value
    return None


def indent_values_twips(expected: str) -> list[int]:
    """Allowed first-line indents in twips, from values in cm (default), mm or pt."""
    per_unit = {"cm": 1440 / 2.54, "mm": 1440 / 25.4, "pt": 20.0}
    values = []
    for match in _RANGE.finditer(_normal(expected)):
        unit = (match["unit"] or "cm").lower()
        for key in ("lo", "hi"):
            if match[key]:
                values.append(round(_number(match[key]) * per_unit[unit]))
    return values
