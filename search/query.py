"""Turning what a citizen typed into a backend-neutral query plan.

The user's text is never parsed as query syntax: "AND OR NOT *", quotes and "field:value" are just
words (or nothing). The plan is a list of clauses; a backend first requires every clause (AND),
and falls back to any clause (OR) when nothing matches. A clause is a set of alternatives: the
syllables as typed plus, for a phrase of the word list, its synonyms ("CCCD" | "căn cước công dân"
| "thẻ căn cước" …). Question words vanish, weak words only add score, and the accented words and
adjacent-syllable pairs of the text add score for exact diacritics and word order.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from search import lexicon as lexicon_module
from search.analysis import COMPOUND, clean, fold, has_diacritics, segment_line, tokenize

# Longer queries are cut: 256 characters and 24 syllables say everything a search box needs, and
# keep the cost of a pasted 10 KB text bounded.
MAX_QUERY_CHARS = 256
MAX_QUERY_SYLLABLES = 24
# Clauses beyond this many stop being required and only add score.
MAX_REQUIRED_CLAUSES = 10


@dataclass(frozen=True)
class Alternative:
    """One way of saying a clause: folded syllables (all required), pairs and words (score only)."""
    syllables: tuple[str, ...]
    bigrams: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clause:
    """Something the result must contain, in any of its alternatives."""
    alternatives: tuple[Alternative, ...]
    typed: tuple[str, ...]  # the canonical accented syllables the user typed


@dataclass(frozen=True)
class QueryPlan:
    """Everything a backend needs to run a text query, already analysed."""
    text: str
    clauses: tuple[Clause, ...]
    optional: tuple[str, ...] = ()  # folded syllables that only add score
    bigrams: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()  # whole codes and act numbers as typed ("1.000894")
    accented: bool = False  # whether the user typed diacritics

    @property
    def is_empty(self) -> bool:
        """Nothing searchable was typed (empty, punctuation, emoji or only question words)."""
        return not (self.clauses or self.optional or self.codes)

    def highlight_groups(self) -> tuple[tuple[str, ...], ...]:
        """Folded phrases worth marking: each alternative is marked only where it occurs as a
        phrase, so the synonyms of "kết hôn" do not mark every "giấy" of a text."""
        groups = {a.syllables for c in self.clauses for a in c.alternatives}
        groups.update((s,) for s in self.optional)
        return tuple(sorted(groups))


def _truncate(text: str) -> str:
    text = clean(text)
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        text = cut[:cut.rfind(" ")] if " " in cut else cut
    return text


@lru_cache(maxsize=2_048)
def _alternative(syllables: tuple[str, ...], accented: bool) -> Alternative:
    folded = tuple(fold(s) for s in syllables)
    bigrams = tuple(f"{a}_{b}" for a, b in zip(folded, folded[1:]))
    words = segment_line(" ".join(syllables)) if accented else ()
    return Alternative(folded, bigrams, words)


def _synonym_clause(typed: tuple[str, ...], entry, accented: bool) -> Clause:
    alternatives, seen = [], set()
    for syllables, marked in [(typed, accented)] + [(alt, True) for alt in entry.alternatives]:
        alt = _alternative(syllables, marked)
        if alt.syllables in seen:
            continue
        seen.add(alt.syllables)
        alternatives.append(alt)
    return Clause(tuple(alternatives), typed)


@lru_cache(maxsize=4_096)
def _plan(text: str, lex_id: int) -> QueryPlan:
    lex = _LEXICONS[lex_id]
    tokens = tokenize(text)[:MAX_QUERY_SYLLABLES]
    syllables = [t.accented for t in tokens]
    accented = has_diacritics(" ".join(syllables))
    clauses: list[Clause] = []
    spans: list[tuple[int, int]] = []  # token positions of each clause
    optional: list[str] = []
    kept = [False] * len(tokens)
    i = 0
    while i < len(tokens):
        found = lex.match(syllables, i)
        n = len(found[0].syllables) if found else 1
        typed = tuple(syllables[i:i + n])
        if found is None:
            clauses.append(Clause((_alternative(typed, has_diacritics(typed[0])),), typed))
            spans.append((i, i + n))
        else:
            entry, folded_only = found
            if folded_only and n == 1:  # an unmarked lone syllable is ambiguous: keep it optional
                optional.append(fold(typed[0]))
            elif entry.kind == lexicon_module.SYNONYM:
                clauses.append(_synonym_clause(typed, entry, has_diacritics(" ".join(typed))))
                spans.append((i, i + n))
            elif entry.kind == lexicon_module.WEAK:
                optional.extend(fold(s) for s in typed)
        if found is None or found[0].kind != lexicon_module.QUESTION:
            kept[i:i + n] = [True] * n
        i += n
    unique: list[Clause] = []
    for clause in clauses:
        if clause not in unique:
            unique.append(clause)
    for clause in unique[MAX_REQUIRED_CLAUSES:]:
        optional.extend(clause.alternatives[0].syllables)
    pairs = [f"{a.folded}_{b.folded}" for a, b, ka, kb in zip(tokens, tokens[1:], kept, kept[1:])
             if ka and kb and b.joined]
    # Pairs across neighbouring clauses in their synonyms too: "làm hộ chiếu" also rewards "cấp hộ".
    for (left, (_, end)), (right, (start, _)) in zip(zip(clauses, spans), zip(clauses[1:], spans[1:])):
        if end == start and tokens[start].joined and (len(left.alternatives) > 1 or len(right.alternatives) > 1):
            pairs += [f"{a.syllables[-1]}_{b.syllables[0]}" for a in left.alternatives[:4]
                      for b in right.alternatives[:4]]
    bigrams = tuple(dict.fromkeys(pairs))
    kept_text = " ".join(s for s, k in zip(syllables, kept) if k)
    words = segment_line(kept_text) if accented and kept_text else ()
    codes = tuple(dict.fromkeys(fold(m.group()) for m in COMPOUND.finditer(text)))
    return QueryPlan(text, tuple(unique[:MAX_REQUIRED_CLAUSES]), tuple(dict.fromkeys(optional)),
                     bigrams, tuple(dict.fromkeys(words)), codes, accented)


# Lexicons are few (the packaged one, and test ones); plans are cached per lexicon.
_LEXICONS: dict[int, lexicon_module.Lexicon] = {}


def plan(text: str | None, lex: lexicon_module.Lexicon | None = None) -> QueryPlan:
    """The plan for a query text; ``lex`` defaults to the packaged word list."""
    lex = lex if lex is not None else lexicon_module.load()
    _LEXICONS.setdefault(id(lex), lex)
    return _plan(_truncate(text or ""), id(lex))
