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


_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/.\-])")


def numeric_date_edits(text: str) -> list[Edit]:
    """"Quảng Ninh, 05/3/2024" → "Quảng Ninh, ngày 05 tháng 3 năm 2024" (day first, as Vietnamese
    dates are written); only for a line with no "ngày" of its own and one date in figures."""
    if re.search(r"\bngày\b", text, re.IGNORECASE):
        return []
    dates = list(_NUMERIC_DATE.finditer(text))
    if len(dates) != 1:
        return []
    match = dates[0]
    day, month, year = int(match.group(1)), int(match.group(3)), match.group(4)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return []
    month_text = f"{month:02d}" if month in (1, 2) else str(month)
    return [(match.start(), match.end(), f"ngày {day:02d} tháng {month_text} năm {year}")]


_VV = re.compile(r"^(\s*)(v\s*/\s*v\b\s*[.:]?|về việc\b\s*:?)(\s*)", re.IGNORECASE)


def vv_edits(text: str, wanted: str) -> list[Edit]:
    """The opening of a trích yếu: "V/v" for a công văn, "Về việc" for a named type (Mục II, khoản 5).

    "V/V", "v/v:", "Về việc" become ``wanted``; a công văn's trích yếu without any opening gets
    "V/v " in front.
    """
    match = _VV.match(text)
    if match is None:
        if wanted != "V/v" or not text.strip():
            return []
        start = len(text) - len(text.lstrip())
        return [(start, start, "V/v ")]
    if match.group(2) == wanted and match.group(3) == " ":
        return []
    return [(match.start(2), match.end(3), f"{wanted} ")]


_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50),
          ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))
_EXAMPLE_HEADING = re.compile(
    r"^(?P<word>[^\W\d][^\d,…]*?)\s+(?P<number>[IVXLCDM]+|\d+)(?P<mark>[.)]?)(?:[\s,]|$)")


def to_roman(value: int) -> str:
    digits = []
    for letters, amount in _ROMAN:
        while value >= amount:
            digits.append(letters)
            value -= amount
    return "".join(digits)


def from_roman(text: str) -> int | None:
    text = text.upper()
    total, index = 0, 0
    for letters, amount in _ROMAN:
        while text.startswith(letters, index):
            total += amount
            index += len(letters)
    return total if index == len(text) and total and to_roman(total) == text else None


def is_heading_example(expected: str) -> bool:
    """Whether ``expected`` is a numbered-heading example with a placeholder ("Mục 1, Mục 2, …")."""
    return "…" in expected and _EXAMPLE_HEADING.match(expected.strip()) is not None


def heading_edits(text: str, expected: str) -> list[Edit]:
    """The number of a "Chương", "Mục", "Phụ lục", "Điều" heading written as ``expected`` shows.

    ``expected`` is the rule's example ("Chương I, Chương II, …", "Mục 1, Mục 2, …", "Điều 12. …"):
    its word, the kind of its first number (Roman or Arabic) and the mark after it (".") are what
    the heading must have. "Chương 1" → "Chương I", "Mục II" → "Mục 2", "Điều 1:" →
    "Điều 1.".
    """
    example = _EXAMPLE_HEADING.match(expected.strip())
    if example is None:
        return []
    word, roman, mark = example["word"], not example["number"].isdigit(), example["mark"]
    heading = re.match(rf"^(\s*{re.escape(word)}\s+)(\d+|[IVXLCDM]+)\b([ \t]*[.:)\-–]?)(\s*)",
                       text, re.IGNORECASE)
    if heading is None:
        return []
    edits: list[Edit] = []
    number = heading.group(2)
    if roman and number.isdigit() and 0 < int(number) < 4000:
        edits.append((heading.start(2), heading.end(2), to_roman(int(number))))
    elif not roman and not number.isdigit():
        value = from_roman(number)
        if value is None:
            return []
        edits.append((heading.start(2), heading.end(2), str(value)))
    if mark and heading.group(3).strip() != mark:
        spaced = heading.group(4) or heading.end(4) == len(text)
        edits.append((heading.start(3), heading.end(3), mark if spaced else mark + " "))
    return edits


def title_case(text: str) -> str:
    """Every word with a capital first letter: how Vietnamese personal names are written."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0].upper() + m.group()[1:].lower(), text)


def appendix_word_edits(text: str) -> list[Edit]:
    """"PHỤ LỤC II" → "Phụ lục II": the word of an appendix heading, its number kept."""
    match = re.match(r"^(\s*)(PHỤ LỤC)\b", text)
    return [] if match is None else [(match.start(2), match.end(2), "Phụ lục")]
