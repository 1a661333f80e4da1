"""The officers' word list (``synonyms.yaml``): abbreviations, synonyms, question and weak words.

Phrases are matched on a query's syllables, longest first. A query syllable typed with marks must
match the entry's syllable exactly; one typed without marks matches by its folded form, so
"so do" finds the entry "sổ đỏ" while "sơ đồ" does not. A lone unmarked syllable is ambiguous
("can" is "cần", "căn" or "cân"), so it never triggers an expansion or removal on its own: such a
match only makes the syllable optional.

Expansion happens on the query side only (an OR of alternatives): the index stays independent of
the list, so officers can extend it without reindexing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from search.analysis import clean, fold, tokenize

DEFAULT_PATH = Path(__file__).with_name("synonyms.yaml")

SYNONYM = "synonym"
QUESTION = "question"
WEAK = "weak"


def phrase_syllables(text: str) -> tuple[str, ...]:
    """The canonical accented syllables of a phrase ("Sổ Đỏ" → ("sổ", "đỏ"))."""
    return tuple(t.accented for t in tokenize(clean(text)))


@dataclass(frozen=True)
class Entry:
    """One phrase of the list and what it does: expand to alternatives, vanish, or become optional."""
    syllables: tuple[str, ...]
    kind: str
    alternatives: tuple[tuple[str, ...], ...] = ()


@dataclass
class Lexicon:
    """Entries indexed by their first folded syllable, longest first."""
    by_first: dict[str, list[Entry]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        bucket = self.by_first.setdefault(fold(entry.syllables[0]), [])
        bucket.append(entry)
        bucket.sort(key=lambda e: -len(e.syllables))

    def match(self, syllables: list[str], start: int) -> tuple[Entry, bool] | None:
        """The longest entry at ``syllables[start:]`` and whether the match is only by folding."""
        candidates = self.by_first.get(fold(syllables[start]), ())
        for entry in candidates:
            n = len(entry.syllables)
            typed = syllables[start:start + n]
            if len(typed) < n:
                continue
            folded_only = False
            for q, e in zip(typed, entry.syllables):
                if q == e:
                    continue
                if fold(q) != fold(e) or fold(q) != q:
                    break
                folded_only = True
            else:
                return entry, folded_only
        return None


def _phrases(items) -> list[tuple[str, ...]]:
    phrases = [phrase_syllables(str(item)) for item in items or ()]
    return [p for p in phrases if p]


def build(data: dict) -> Lexicon:
    """A lexicon from the parsed YAML mapping (see ``synonyms.yaml`` for the format)."""
    alternatives: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    also = {}
    for left, rights in (data.get("also") or {}).items():
        key = phrase_syllables(str(left))
        if key:
            also.setdefault(key, set()).update(_phrases(rights))
    groups = [set(_phrases(group)) for group in data.get("equivalent") or ()]
    for left in also:
        if not any(left in group for group in groups):
            groups.append({left})
    for group in groups:
        targets = set(group)
        for member in group:
            targets |= also.get(member, set())
        for member in group:
            alternatives.setdefault(member, set()).update(targets)
    lexicon = Lexicon()
    for phrase, targets in alternatives.items():
        ordered = (phrase,) + tuple(sorted(targets - {phrase}))
        lexicon.add(Entry(phrase, SYNONYM, ordered))
    for kind, key in ((QUESTION, "question_words"), (WEAK, "weak_words")):
        for phrase in _phrases(data.get(key)):
            if phrase not in alternatives:
                lexicon.add(Entry(phrase, kind))
    return lexicon


def load(path: str | Path | None = None) -> Lexicon:
    """Read a word list; ``None`` reads the packaged ``synonyms.yaml`` (cached)."""
    if path is None:
        return _default()
    with open(path, encoding="utf-8") as handle:
        return build(yaml.safe_load(handle) or {})


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    with open(DEFAULT_PATH, encoding="utf-8") as handle:
        return build(yaml.safe_load(handle) or {})

