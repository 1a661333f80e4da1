"""Small text helpers for names and keys (NFC, accent folding, slugs)."""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase without diacritics (đ → d): a key that matches however the text was typed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.lower()).strip()


def slugify(text: str, max_length: int = 200) -> str:
    slug = _NON_ALNUM.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-") or "khac"


def name_key(text: str) -> str:
    """Key for comparing procedure names: folded, punctuation-insensitive."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()
