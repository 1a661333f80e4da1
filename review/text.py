"""Text helpers shared by the layout finder and the rules: folding, case tests, line markers.

Real documents mix composed and decomposed diacritics, old and new tone placement (HOÀ / HÒA),
non-breaking spaces and several dash characters; matching is done on a folded form so that the
finder recognises a component first and the rules then judge its exact spelling.
"""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b]+")
_LINE_ONLY = re.compile(r"^[\s_\-–—‒=.·*]{3,}$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """NFC, every run of white space (NBSP and zero-width spaces included) as one space, trimmed."""
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str) -> str:
    """Upper case without diacritics (Đ → D) and with single spaces: for recognising text."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.upper()).strip()


def letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def is_upper(text: str) -> bool:
    """True when the text has letters and none of them is lower case."""
    chars = letters(text)
    return bool(chars) and not any(ch.islower() for ch in chars)


def has_lower(text: str) -> bool:
    return any(ch.islower() for ch in letters(text))


def is_line_marker(text: str) -> bool:
    """A paragraph drawn as a rule line with characters: '______', '-----'."""
    stripped = text.strip()
    return bool(stripped) and bool(_LINE_ONLY.match(stripped)) and any(c in stripped for c in "_-–—=")


def first_letter(text: str) -> str | None:
    for ch in text:
        if ch.isalpha():
            return ch
    return None


def excerpt(text: str, limit: int = 80) -> str:
    """A short single-line excerpt for a finding's location."""
    flat = squash(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
