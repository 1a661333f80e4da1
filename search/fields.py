"""Which text fields are analysed together, and how much each group weighs.

The nine text fields of an edition fall into four groups of equal importance, which is also what
PostgreSQL's four tsvector weights (A–D) can express: the name ≫ papers and result ≫ audience,
conditions and fees ≫ steps, legal basis and the rest. Fewer fields also mean fewer postings to
read per query term, which matters for Whoosh's speed.

Accented words come from underthesea, by far the slowest part of analysis: on the real data, words
for name, papers, result, audience, conditions and fees cost 47 ms per procedure, words for the
name alone 4 ms. Names carry the words that decide a ranking (relevance of the final version on
the 100 judged queries: nDCG@10 0.90, see ``bench/results/search_relevance.md``), so only names
are segmented. Adjacent-syllable pairs are indexed for the name and the key group, where word
order tells procedures apart; in the long groups they would double the postings for little.
"""
from __future__ import annotations

from search.analysis import EMPTY, AnalyzedText, analyze, clean, fold
from search.interface import EditionDocument

GROUPS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "key": ("papers", "result"),
    "detail": ("audience", "conditions", "fees"),
    "rest": ("steps", "legal_basis", "other"),
}
# Relative weight of a match in each group (Whoosh boosts; PostgreSQL maps them to A–D).
BOOSTS = {"name": 6.0, "key": 1.5, "detail": 0.8, "rest": 0.4}
POSTGRES_WEIGHTS = {"name": "A", "key": "B", "detail": "C", "rest": "D"}
# Groups that carry accented words, and those that carry adjacent-syllable pairs.
WORD_GROUPS = ("name",)
BIGRAM_GROUPS = ("name", "key")


def analyze_document(doc: EditionDocument) -> dict[str, AnalyzedText]:
    """The analysed text of each group of ``doc`` (each field analysed and cached on its own)."""
    out = {}
    for group, names in GROUPS.items():
        total = EMPTY
        for name in names:
            total = total + analyze(getattr(doc, name), group in WORD_GROUPS)
        if group not in BIGRAM_GROUPS:
            total = AnalyzedText(total.words, total.syllables, ())
        out[group] = total
    return out


def sort_name(name: str) -> str:
    """Alphabetical order for browsing: by the folded name ("Đ" with "D"), then the accented one."""
    text = clean(name).lower()
    return f"{fold(text)}\x01{text}"
