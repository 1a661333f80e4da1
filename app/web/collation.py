"""Vietnamese alphabetical order for lists people scan (sectors, agencies).

The database sorts by code points, which puts "Cấp, quản lý căn cước" after "Chứng thực" and every
"Đ" after "Z". People look for a sector the way a dictionary orders words: the letters of the
Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y) first, the tone
marks (ngang, huyền, hỏi, ngã, sắc, nặng) only to break ties.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
# Combining marks that make a different letter (breve, circumflex, horn) versus the five tones.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=8192)
def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A sort key: letters in the order of the Vietnamese alphabet, then tones, case ignored."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text).lower():
        letter, tone = _char_key(char)
        letters.append(letter)
        tones.append(tone)
    return tuple(letters), tuple(tones)


@lru_cache(maxsize=2048)
def _char_key(char: str) -> tuple[int, int]:
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    marks = decomposed[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
    tone = max((_TONES.get(m, 0) for m in marks), default=0)
    if letter in _RANK:
        return 100 + _RANK[letter], tone
    if base.isdigit():
        return int(base), tone
    if base.isalpha():
        return 200 + ord(base), tone
    return 10, tone  # spaces and punctuation sort before letters, as word breaks
