"""Highlighted snippets, computed on the original text for every backend alike.

Matching is done on folded syllables, so a query typed without diacritics marks "đăng ký" in the
text as shown. A phrase of the query ("giấy chứng nhận kết hôn") is marked only where it occurs as
a phrase. Everything outside the ``<mark>`` tags is HTML-escaped: the text comes from published
documents and must never be able to inject markup into a page.
"""
from __future__ import annotations

import html
from typing import Iterable

from search.analysis import Token, clean, tokenize

FRAGMENT_CHARS = 180
MAX_FRAGMENTS = 2
# Snippets are looked for in this much of a field: past it, a mark is of little help to a reader.
SCAN_CHARS = 20_000


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


def _matched(tokens: list[Token], phrases: Iterable[tuple[str, ...]]) -> list[bool]:
    """Which tokens belong to an occurrence of one of the phrases."""
    marked = [False] * len(tokens)
    folded = [t.folded for t in tokens]
    for phrase in phrases:
        n = len(phrase)
        if not n:
            continue
        for i in range(len(tokens) - n + 1):
            if folded[i] == phrase[0] and tuple(folded[i:i + n]) == phrase \
                    and all(t.joined for t in tokens[i + 1:i + n]):
                marked[i:i + n] = [True] * n
    return marked


def _spans(text: str, tokens: list[Token], marked: list[bool]) -> list[tuple[int, int]]:
    """Character spans of marked tokens, neighbours separated only by spaces merged into one."""
    spans: list[tuple[int, int]] = []
    previous = False
    for token, is_marked in zip(tokens, marked):
        if is_marked:
            if previous and token.joined and text[spans[-1][1]:token.start].strip() == "":
                spans[-1] = (spans[-1][0], token.end)
            else:
                spans.append((token.start, token.end))
        previous = is_marked
    return spans


def highlight(text: str | None, phrases: Iterable[tuple[str, ...]], *, whole: bool = False,
              fragment_chars: int = FRAGMENT_CHARS, max_fragments: int = MAX_FRAGMENTS) -> list[str]:
    """Up to ``max_fragments`` escaped fragments of ``text`` with the folded ``phrases`` marked.

    ``whole`` returns the entire (short) text as one fragment, as wanted for a procedure's name.
    An empty list means that nothing matched.
    """
    text = clean(text)[:SCAN_CHARS]
    if not text:
        return []
    tokens = tokenize(text)
    spans = _spans(text, tokens, _matched(tokens, phrases))
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
