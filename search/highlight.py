"""Highlighted snippets, computed on the original text for every backend alike.

Matching is done on a folded copy of the text with the same offsets (one character for one), so a
query typed without diacritics marks "đăng ký" in the text as shown, and no tokenising is needed. A phrase of the query ("giấy chứng nhận kết hôn") is marked only where it occurs as
a phrase. Everything outside the ``<mark>`` tags is HTML-escaped: the text comes from published
documents and must never be able to inject markup into a page.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Iterable

from search.analysis import clean, fold

FRAGMENT_CHARS = 180
MAX_FRAGMENTS = 2
# Snippets are looked for in this much of a field: past it, a mark is of little help to a reader
# (and folding a long text for every hit costs more than the search).
SCAN_CHARS = 4_000


def _marked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out, at = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[at:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        at = e
    out.append(html.escape(text[at:end]))
    return "".join(out)


def _fold_table() -> dict[int, str]:
    """Lowercase and strip marks character by character, so offsets stay those of the text."""
    table = {}
    for code in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded != char:
            table[code] = folded
    return table


_FOLD = _fold_table()
_CONSONANT_I = re.compile(r"[b-df-hj-np-tv-xz]+i")


def _syllable_pattern(syllable: str) -> str:
    # Canonical terms spell a lone "i" after a consonant and "quy" one way; texts use both.
    if syllable == "quy":
        return "qu[iy]"
    if _CONSONANT_I.fullmatch(syllable):
        return re.escape(syllable[:-1]) + "[iy]"
    return re.escape(syllable)


@lru_cache(maxsize=1_024)
def _pattern(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern | None:
    alternatives = [r"[\s\-]+".join(_syllable_pattern(s) for s in phrase)
                    for phrase in sorted(phrases, key=len, reverse=True) if phrase]
    if not alternatives:
        return None
    return re.compile(r"(?<![0-9a-z])(?:" + "|".join(alternatives) + r")(?![0-9a-z])")


def _spans(text: str, phrases: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """Character spans of the phrases in the text, neighbours separated by spaces merged."""
    pattern = _pattern(phrases)
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text.translate(_FOLD)):
        start, end = match.span()
        if spans and text[spans[-1][1]:start].strip() == "":
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def highlight(text: str | None, phrases: Iterable[tuple[str, ...]], *, whole: bool = False,
              fragment_chars: int = FRAGMENT_CHARS, max_fragments: int = MAX_FRAGMENTS) -> list[str]:
    """Up to ``max_fragments`` escaped fragments of ``text`` with the folded ``phrases`` marked.

    ``whole`` returns the entire (short) text as one fragment, as wanted for a procedure's name.
    An empty list means that nothing matched. Cached: a page of results often shows the same
    national text for several provinces.
    """
    return list(_highlight((text or "")[:SCAN_CHARS], tuple(sorted(set(phrases))), whole,
                           fragment_chars, max_fragments))


@lru_cache(maxsize=4_096)
def _highlight(text: str, phrases: tuple[tuple[str, ...], ...], whole: bool, fragment_chars: int,
               max_fragments: int) -> tuple[str, ...]:
    return tuple(_fragments(clean(text), phrases, whole, fragment_chars, max_fragments))


def _fragments(text: str, phrases: tuple[tuple[str, ...], ...], whole: bool, fragment_chars: int,
               max_fragments: int) -> list[str]:
    if not text:
        return []
    spans = _spans(text, phrases)
    if not spans:
        return []
    if whole or len(text) <= fragment_chars:
        return [_marked(text, 0, len(text), spans)]
    windows = []
    for s, _ in spans:
        start = max(0, s - fragment_chars // 4)
        end = min(len(text), start + fragment_chars)
        inside = {text[a:b].lower() for a, b in spans if a >= start and b <= end}
        windows.append((-len(inside), start, end))
    chosen: list[tuple[int, int]] = []
    for _, start, end in sorted(windows):
        if all(end <= a or start >= b for a, b in chosen):
            chosen.append((start, end))
        if len(chosen) == max_fragments:
            break
    fragments = []
    for start, end in sorted(chosen):
        # Cut on spaces, not inside a word.
        if start > 0 and " " in text[start:start + 30]:
            start = text.index(" ", start) + 1
        if end < len(text) and " " in text[end - 30:end]:
            end = text.rindex(" ", 0, end)
        body = _marked(text, start, end, spans)
        fragments.append(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))
    return fragments
