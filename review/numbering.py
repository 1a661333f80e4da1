"""Automatic list numbers ("1.", "a)", "-") that Word draws but that are not in the text.

Offices often number khoản and điểm with Word lists, so the structure rules would see "Quyết định
này có hiệu lực…" instead of "1. Quyết định này…" without this. The counters follow Word's usual
behaviour: lists that share an abstract definition continue each other, a deeper level restarts
when a shallower one advances, and a ``startOverride`` restarts its list.
"""
from __future__ import annotations

from dataclasses import dataclass

from .ooxml import attr, int_attr, w
from .styles import ParaProps, RunProps, parse_ppr, parse_rpr

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a … z, then aa, bb …"""
    if n < 1:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int
    fmt: str
    text: str
    ppr: ParaProps
    rpr: RunProps


class Numbering:
    """The numbering part of a document and the running counters of one walk through it."""

    def __init__(self, root=None):
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if root is None:
            return
        for el in root.findall(w("abstractNum")):
            levels = {}
            for lvl in el.findall(w("lvl")):
                ilvl = int_attr(lvl, "ilvl") or 0
                start = lvl.find(w("start"))
                fmt = lvl.find(w("numFmt"))
                text = lvl.find(w("lvlText"))
                levels[ilvl] = _Level(int_attr(start, "val") if start is not None else 1,
                                      attr(fmt, "val") or "decimal", attr(text, "val") or "",
                                      parse_ppr(lvl.find(w("pPr"))), parse_rpr(lvl.find(w("rPr"))))
            self._abstract[attr(el, "abstractNumId") or ""] = levels
        for el in root.findall(w("num")):
            abstract = el.find(w("abstractNumId"))
            overrides = {}
            for override in el.findall(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    overrides[int_attr(override, "ilvl") or 0] = int_attr(start, "val") or 1
            self._nums[attr(el, "numId") or ""] = (attr(abstract, "val") or "", overrides)

    def level(self, num: tuple[str, int]) -> _Level | None:
        num_id, ilvl = num
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        return self._abstract.get(entry[0], {}).get(ilvl)

    def next_label(self, num: tuple[str, int]) -> str:
        """Advance the counter of ``num`` and return the label Word would draw."""
        num_id, ilvl = num
        entry = self._nums.get(num_id)
        if entry is None or num_id == "0":
            return ""
        abstract_id, overrides = entry
        levels = self._abstract.get(abstract_id, {})
        current = levels.get(ilvl)
        if current is None:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if current.fmt == "bullet":
            return current.text
        label = current.text
        for lvl in range(ilvl, -1, -1):
            placeholder = f"%{lvl + 1}"
            if placeholder in label:
                level = levels.get(lvl)
                value = counters.get(lvl, level.start if level else 1)
                label = label.replace(placeholder, format_number(value, level.fmt if level else "decimal"))
        return label
