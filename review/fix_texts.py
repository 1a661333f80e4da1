"""The text edits of the safe fixes, as plain string work: no XML, no python-docx.

Each planner reads a paragraph's text and returns ``(start, end, replacement)`` edits, which
``review.docx_edit.edit_text`` applies inside the runs; keeping them pure makes every rewrite
testable on a string. What they write is the decree's form (Phụ lục I, Phần I, Mục II):

- ``date_edits`` (khoản 4, điểm b): a leading zero for days below 10 and for months 1 and 2, none
  for the other months ("ngày 5 tháng 3 năm 2024" → "ngày 05 tháng 3 năm 2024", "tháng 1" →
  "tháng 01", "tháng 03" → "tháng 3"), and a comma after the place name ("Hà Nội ngày" → "Hà Nội,
  ngày"; khoản 4, điểm c);
- ``number_edits`` (khoản 3, điểm c): "Số" then a colon, a number below 10 with a leading zero, "/"
  between number and ký hiệu, no spaces around "/" and "-", the ký hiệu in capitals except the
  Phụ lục III codes written in mixed case ("TTr", "QyĐ"). A draft's blank number
  ("Số:      /QĐ-SNV") keeps its blank.
"""
from __future__ import annotations

import re

from review.text import fold
from review.vocabulary import CODE_TO_TYPE

Edit = tuple[int, int, str]

_DATE = re.compile(r"ngày(\s*)(\d{1,2})(\s+tháng\s*)(\d{1,2})(\s+năm)", re.IGNORECASE)
_PLACE_WITHOUT_COMMA = re.compile(r"^(\s*[^\s,][^,\n]*?[^\s,])(\s+)(ngày\s*\d)", re.IGNORECASE)


def date_edits(text: str) -> list[Edit]:
    """Edits that write the date as the decree does and put a comma after the place name."""
    edits = []
    for match in _DATE.finditer(text):
        day, month = int(match.group(2)), int(match.group(4))
        new_day = f"{day:02d}"
        new_month = f"{month:02d}" if month in (1, 2) else str(month)
        if match.group(2) != new_day:
            edits.append((match.start(2), match.end(2), new_day))
        if match.group(4) != new_month:
            edits.append((match.start(4), match.end(4), new_month))
    place = _PLACE_WITHOUT_COMMA.match(text)
    if place is not None:
        edits.append((place.start(2), place.end(2), ", "))
    return edits


_NUMBER_SIGN = re.compile(
    r"^(\s*)(số)(\s*)(:?)(\s*)(\d*)(\s*/\s*|(?<=\d)\s*-\s*)(.*?)\s*$", re.IGNORECASE | re.DOTALL)
_KNOWN_CODES = {code.casefold(): code for code in CODE_TO_TYPE}


def number_edits(text: str) -> list[Edit]:
    """Edits that write "Số: 05/QĐ-SNV" from the variants drafters type."""
    match = _NUMBER_SIGN.match(text)
    if match is None:
        return []
    edits = []
    if match.group(2) != "Số":
        edits.append((match.start(2), match.end(2), "Số"))
    number = match.group(6)
    if not match.group(4):
        edits.append((match.start(3), match.end(3), ":" if number else ":" + match.group(3)))
    elif number and match.group(3):
        edits.append((match.start(3), match.end(3), ""))
    if number:
        if match.group(5) != " ":
            edits.append((match.start(5), match.end(5), " "))
        if len(number) == 1:
            edits.append((match.start(6), match.end(6), f"0{number}"))
        if match.group(7) != "/":
            edits.append((match.start(7), match.end(7), "/"))
    symbol_start = match.start(8)
    for dash in re.finditer(r"\s+-\s*|\s*-\s+", match.group(8)):
        edits.append((symbol_start + dash.start(), symbol_start + dash.end(), "-"))
    for group in re.finditer(r"[^\s\-]+", match.group(8)):
        written = group.group()
        wanted = written if written in CODE_TO_TYPE else _KNOWN_CODES.get(written.casefold(), written.upper())
        if wanted != written:
            edits.append((symbol_start + group.start(), symbol_start + group.end(), wanted))
    return edits


def same_letters(a: str, b: str) -> bool:
    """Whether two texts have the same letters, ignoring case, tone marks, spaces and dashes."""
    return "".join(ch for ch in fold(a) if ch.isalpha()) == "".join(ch for ch in fold(b) if ch.isalpha())


def occurrences(text: str, phrase: str) -> list[int]:
    """Start offsets of ``phrase`` in ``text`` as a whole word (no letter glued on either side)."""
    pattern = re.escape(phrase)
    if phrase[:1].isalnum():
        pattern = r"(?<!\w)" + pattern
    if phrase[-1:].isalnum():
        pattern += r"(?!\w)"
    return [m.start() for m in re.finditer(pattern, text)]
