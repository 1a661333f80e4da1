"""Reading a processing time (a number and a unit) out of Vietnamese text.

The national portal gives the time of a channel as "15 Ngày làm việc"; provincial pages write
prose ("Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ"). Both end up as
``ProcessingTime(value, unit, text)`` so statistics can compare like with like.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Longest label first so "ngày làm việc" is not read as "ngày".
UNIT_WORDS = (
    ("ngày làm việc", "working_day"),
    ("ngày", "day"),
    ("giờ", "hour"),
    ("tháng", "month"),
    ("năm", "year"),
)
_UNIT_PATTERN = "|".join(re.escape(word) for word, _ in UNIT_WORDS)
_UNIT_BY_WORD = dict(UNIT_WORDS)

# "05 ngày làm việc", "05 (năm) ngày làm việc", "0,5 ngày", "24 giờ".
_IN_PROSE = re.compile(
    rf"(?<![\d/.,])(?P<num>\d{{1,4}}(?:[.,]\d{{1,2}})?)\s*(?:\([^()\d]{{1,20}}\)\s*)?"
    rf"(?P<unit>{_UNIT_PATTERN})(?![a-zà-ỹđ])",
    re.IGNORECASE,
)
# After "15 tháng" or "5 năm", a number means a date ("ngày 15 tháng 5 năm 2021"), not a duration.
_DATE_TAIL = re.compile(r"\s*\d")


def unit_of(word: str) -> str | None:
    """The TIME_UNITS value of a Vietnamese unit word ("Ngày làm việc" → "working_day")."""
    return _UNIT_BY_WORD.get(" ".join(word.split()).lower())


def to_decimal(number: str) -> Decimal | None:
    """"15" → 15, "0.5" or "0,5" → 0.5; None when it is not a number."""
    try:
        return Decimal(number.replace(",", "."))
    except InvalidOperation:
        return None


def durations_in(text: str) -> list[tuple[Decimal, str]]:
    """Every "<number> <unit>" stated in the text, in order, as (value, unit)."""
    found = []
    for match in _IN_PROSE.finditer(text):
        if match.group("unit").lower() in ("tháng", "năm") and _DATE_TAIL.match(text, match.end()):
            continue
        value = to_decimal(match.group("num"))
        unit = unit_of(match.group("unit"))
        if value is not None and unit is not None:
            found.append((value, unit))
    return found


def unit_stated_for(value: Decimal, text: str) -> str | None:
    """The unit the text gives to this very number ("01 ngày làm việc" for 1), if exactly one."""
    units = {unit for found_value, unit in durations_in(text) if found_value == value}
    return units.pop() if len(units) == 1 else None
