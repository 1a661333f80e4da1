"""Parsing of the địa danh và thời gian line shared by the date rules.

Drafts leave the day and month blank for the văn thư ("Hà Nội, ngày    tháng 3 năm 2024"), so a
blank or dotted field is accepted and only written numbers are judged.
"""
from __future__ import annotations

import re

from ..model import Paragraph
from ..text import squash

DATE_RE = re.compile(
    r"^(?P<place>[^,]*?)\s*(?P<comma>,?)\s*(?P<w_day>ngày)\s*(?P<d>[^\s]*?)\s*(?P<w_month>tháng)\s*(?P<m>[^\s]*?)"
    r"\s*(?P<w_year>năm)\s*(?P<y>[^\s]*?)\s*$", re.IGNORECASE)
BLANK = re.compile(r"^[.…_\s]*$")


def parse_date(p: Paragraph) -> re.Match | None:
    return DATE_RE.match(squash(p.text))


def is_blank(value: str) -> bool:
    return bool(BLANK.match(value))
