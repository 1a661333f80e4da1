""""Có phải bạn muốn tìm …": corrections for syllables that appear nowhere in the index.

Only unknown syllables are corrected, each to a syllable of procedure names within a small edit
distance (transpositions count as one edit). Among candidates, one that forms a known pair with
its typed neighbour wins ("ket hn" → "kết hôn" rather than "kết hơn"), then the more frequent one.
The correction keeps the user's style: accented when they typed diacritics, plain otherwise.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from search.analysis import Token, clean, tokenize


@dataclass
class Vocabulary:
    """What the corrector knows: name syllables with document counts and accented forms."""
    known: Callable[[str], bool]  # whether a folded syllable occurs anywhere in the index
    syllables: dict[str, int] = field(default_factory=dict)  # folded name syllable → doc count
    accented: dict[str, str] = field(default_factory=dict)  # folded → most frequent accented form
    bigrams: set[str] = field(default_factory=set)  # folded name pairs "ket_hon"


def distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, or ``limit + 1`` when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _correct(token: Token, before: Token | None, after: Token | None, vocab: Vocabulary) -> str | None:
    word = token.folded
    limit = 1 if len(word) <= 4 else 2
    best, best_key = None, None
    for candidate, count in vocab.syllables.items():
        d = distance(word, candidate, limit)
        if d > limit:
            continue
        context = sum(1 for pair in ((before.folded + "_" + candidate) if before else "",
                                     (candidate + "_" + after.folded) if after else "")
                      if pair in vocab.bigrams)
        key = (context, -d, math.log1p(count))
        if best_key is None or key > best_key:
            best, best_key = candidate, key
    return best


def suggest(text: str, vocab: Vocabulary) -> str | None:
    """The query with its unknown syllables corrected, or None when there is nothing to correct."""
    text = clean(text)
    tokens = tokenize(text)
    accented = any(t.accented != t.folded for t in tokens)
    replacements: list[tuple[Token, str]] = []
    for i, token in enumerate(tokens):
        if token.folded.isdigit() or len(token.folded) < 2 or vocab.known(token.folded):
            continue
        before = tokens[i - 1] if i > 0 else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        corrected = _correct(token, before, after, vocab)
        if corrected:
            replacements.append((token, vocab.accented.get(corrected, corrected) if accented else corrected))
    if not replacements:
        return None
    out, at = [], 0
    for token, word in replacements:
        out.append(text[at:token.start])
        original = text[token.start:token.end]
        out.append(word.capitalize() if original[:1].isupper() else word)
        at = token.end
    out.append(text[at:])
    return "".join(out)
