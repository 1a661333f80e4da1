"""Cleaning of scraped text before any parsing.

Real portal data mixes composed and decomposed diacritics, non-breaking and typographic spaces,
zero-width marks and "Không có thông tin" placeholders. Every parser in this package cleans its
input with these helpers first, so the patterns it matches are written once, in NFC with plain
spaces, and an empty cell is ``None`` instead of a placeholder string that would look like data.
"""
from __future__ import annotations

import re
import unicodedata

# Invisible characters that only break matching: zero-width space/joiners, direction marks, word
# joiner, byte-order mark and the soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")
# Horizontal whitespace other than a plain space (tab, NBSP, the typographic spaces …), then runs.
_ODD_SPACE = re.compile("[\t\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")

# Cells that mean "the portal has nothing here" (compared case-insensitively, trailing dot ignored).
PLACEHOLDERS = frozenset({
    "không có thông tin", "chưa có thông tin", "đang cập nhật", "chưa cập nhật", "không có dữ liệu",
    "-", "--", "---", "----", "n/a", "null", "none",
})

_NONE = re.compile(r"^(?:không|không có|chưa quy định(?: cụ thể)?)\W*$", re.IGNORECASE)


def normalize(text: str | None) -> str:
    """Invisible marks removed (first, so a mark between a letter and its accent does not keep them
    apart), then NFC, and CRLF made LF."""
    if not text:
        return ""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def flatten_spaces(text: str | None) -> str:
    """``normalize``, then every horizontal space made one plain space; newlines are kept."""
    return _SPACE_RUN.sub(" ", _ODD_SPACE.sub(" ", normalize(text)))


def clean_inline(text: str | None) -> str:
    """One line of text: normalized, all whitespace runs (newlines too) collapsed to one space."""
    return " ".join(normalize(text).split())


def clean_block(text: str | None) -> str:
    """Multi-line text: spaces collapsed inside lines, lines stripped, at most one blank line."""
    lines = [line.strip() for line in flatten_spaces(text).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def is_placeholder(text: str | None) -> bool:
    """True for empty text and for the portal's "no information" placeholders."""
    key = clean_inline(text).rstrip(".").strip().casefold()
    return not key or key in PLACEHOLDERS


def says_none(text: str | None) -> bool:
    """True for a cell that only says there is nothing ("Không", "Không có.", "Chưa quy định")."""
    return bool(_NONE.match(clean_inline(text)))


def inline_or_none(text: str | None) -> str | None:
    """``clean_inline`` of a real value, ``None`` for an empty cell or a placeholder."""
    return None if is_placeholder(text) else clean_inline(text)


def block_or_none(text: str | None) -> str | None:
    """``clean_block`` of a real value, ``None`` for an empty cell or a placeholder."""
    return None if is_placeholder(text) else clean_block(text)


def split_names(text: str | None) -> list[str]:
    """Split a comma-separated list of names (agencies, audiences) into items.

    A comma inside parentheses does not split, and a piece that starts in lower case continues the
    previous name: "Cán bộ, công chức, viên chức" and "Cục Hải quan tỉnh, thành phố" stay whole,
    "Bộ Công an, Bộ Quốc phòng" gives two names.
    """
    value = inline_or_none(text)
    if value is None:
        return []
    pieces: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(value):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char in ",;" and depth == 0:
            pieces.append(value[start:i])
            start = i + 1
    pieces.append(value[start:])
    names: list[str] = []
    for piece in (p.strip() for p in pieces):
        if not piece or is_placeholder(piece):
            continue
        if names and piece[0].islower():
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    seen: set[str] = set()
    return [n for n in names if not (n in seen or seen.add(n))]
