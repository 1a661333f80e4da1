"""From scored matches to a page of results, the same way for every backend.

A backend finds (score, reference) pairs for the documents in effect on the query's date; this
module keeps the best edition per procedure, applies the facet filters, counts facets, cuts the
page and turns stored editions into hits with highlighted snippets.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import chain
from typing import Callable, Hashable

from search.analysis import fold
from search.highlight import highlight
from search.interface import FACETS, Hit, SearchQuery, SearchResults
from search.query import QueryPlan

# Documents missing one clause join the full matches when their scaled score reaches this share of
# the best full match's, so they never flood totals and facets with weak matches.
RELAX_RATIO = 0.5
# Values listed per facet: a province's catalogue has hundreds of agencies, a page shows a few.
FACET_LIMIT = 100

# Fields whose snippets are shown, in this order, after the name; at most ``MAX_SNIPPET_FIELDS``.
SNIPPET_FIELDS = ("papers", "result", "conditions", "audience", "steps", "fees", "legal_basis", "other")
MAX_SNIPPET_FIELDS = 3


def make_hit(data: dict, score: float, plan: QueryPlan | None) -> Hit:
    """A hit from an edition's stored data (``EditionDocument.to_dict`` form)."""
    highlights: dict[str, list[str]] = {}
    if plan is not None:
        terms = plan.highlight_groups()
        name = highlight(data["name"], terms, whole=True)
        if name:
            highlights["name"] = name
        for field in SNIPPET_FIELDS:
            if len(highlights) > MAX_SNIPPET_FIELDS:
                break
            fragments = highlight(data.get(field) or "", terms)
            if fragments:
                highlights[field] = fragments
    return Hit(procedure_id=data["procedure_id"], code=data.get("code"), name=data["name"],
               sector=data.get("sector"), levels=list(data.get("levels") or ()), score=round(float(score), 4),
               highlights=highlights, edition_id=data.get("edition_id"))


def facet_filters(query: SearchQuery) -> dict[str, str]:
    """The facet filters a query sets (status is handled with the date filter)."""
    values = {"sector": query.sector, "level": query.level, "agency": query.agency,
              "online_level": query.online_level}
    return {facet: value for facet, value in values.items() if value is not None}


@lru_cache(maxsize=16_384)
def _collation_key(value: str) -> tuple[str, str]:
    return fold(value), value


def ordered_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The ``FACET_LIMIT`` most frequent facet values (most first), then in Vietnamese
    alphabetical order ("Đ" after "D")."""
    ordered = sorted(((value, n) for value, n in counts.items() if value),
                     key=lambda item: (-item[1], _collation_key(item[0])))
    return ordered[:FACET_LIMIT]


def empty_facets() -> dict[str, list[tuple[str, int]]]:
    return {facet: [] for facet in FACETS}


def combine(full: list[tuple[float, Hashable]], relaxed: list[tuple[float, Hashable, int]],
            clauses: int) -> list[tuple[float, Hashable]]:
    """Full matches plus documents that matched ``count`` of the ``clauses`` (never all).

    A partial match's score is scaled by (count / clauses)²; it is kept when there is no full match
    or when its scaled score reaches ``RELAX_RATIO`` of the best full match's.
    """
    bar = full[0][0] * RELAX_RATIO if full else 0.0
    merged = list(full)
    for score, ref, count in relaxed:
        scaled = score * (count / clauses) ** 2
        if scaled >= bar:
            merged.append((scaled, ref))
    merged.sort(key=lambda item: -item[0])
    return merged


def assemble(query: SearchQuery, scored: list[tuple[float, Hashable]], plan: QueryPlan | None,
             suggestion: str | None, *, procedure_of: Callable[[Hashable], int],
             values_of: Callable[[str, Hashable], tuple[str, ...]],
             load: Callable[[list[Hashable]], list[dict]]) -> SearchResults:
    """Keep the best edition per procedure, apply facet filters, count facets, cut the page.

    ``scored`` is best first. A facet's counts ignore that facet's own filter (the other values
    stay visible to switch to) and apply all the others; so the status facet also counts the
    statuses not asked for. ``load`` returns the stored editions (``to_dict`` form) of the page.
    """
    seen: set[int] = set()
    order: list[tuple[float, Hashable]] = []
    for score, ref in scored:
        pid = procedure_of(ref)
        if pid not in seen:
            seen.add(pid)
            order.append((score, ref))
    filters = {facet: {value} for facet, value in facet_filters(query).items()}
    filters["status"] = set(query.statuses)
    refs = [ref for _, ref in order]
    passing = {facet: {r for r in refs if not wanted.isdisjoint(values_of(facet, r))}
               for facet, wanted in filters.items()}
    facets = empty_facets()
    for facet in facets:
        subset = refs
        for other, ok in passing.items():
            if other != facet:
                subset = [r for r in subset if r in ok]
        facets[facet] = ordered_counts(Counter(chain.from_iterable(values_of(facet, r) for r in subset)))
    matching = [(s, r) for s, r in order if all(r in ok for ok in passing.values())]
    start = (query.page - 1) * query.per_page
    page = matching[start:start + query.per_page]
    hits = [make_hit(data, s, plan) for (s, _), data in zip(page, load([r for _, r in page]))]
    return SearchResults(total=len(matching), page=query.page, per_page=query.per_page, hits=hits,
                         facets=facets, suggestion=suggestion)
