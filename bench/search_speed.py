"""Indexing and query speed of the search backends on real and synthetic data.

    .venv/bin/python bench/search_speed.py [--size 50000] [--postgres-url URL] [--no-tantivy]

Data: the 2,642 real procedures, and ``--size`` local variants made from them (each with its own
agency, address, fees and notes, about a sixth of its text). Measures analysis time from scratch
and with the cache warm, Whoosh (and PostgreSQL) rebuild time, and query latency (p50/p95, every
query with its facets) over the relevance queries, with and without a facet filter, and browsing.
tantivy-py, fed the very same analysed terms, is a reference for what a compiled engine does with
the same query shape (top 10 and a count; no facets). Writes bench/results/search_speed.md.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.tthc_data import documents, synthetic  # noqa: E402
from search import analysis  # noqa: E402
from search.fields import BIGRAM_GROUPS, BOOSTS, GROUPS, WORD_GROUPS, analyze_document  # noqa: E402
from search.interface import SearchQuery, open_backend  # noqa: E402
from search.query import plan as make_plan  # noqa: E402

WORK = ROOT / "bench" / ".work"
RESULTS = ROOT / "bench" / "results"


def queries() -> list[SearchQuery]:
    """The relevance queries, alone, with a facet filter, and a few browsing pages."""
    raw = yaml.safe_load((ROOT / "bench" / "relevance" / "queries.yaml").read_text(encoding="utf-8"))
    texts = [item["q"] for item in raw]
    out = [SearchQuery(text=t) for t in texts]
    out += [SearchQuery(text=t, level="province") for t in texts[::3]]
    out += [SearchQuery(text=""), SearchQuery(text="", sector="Hộ tịch"), SearchQuery(text="", page=5)]
    return out


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50": statistics.median(ordered), "p95": ordered[max(0, int(len(ordered) * 0.95) - 1)],
            "max": ordered[-1]}


def time_queries(search, items: list[SearchQuery], rounds: int = 2) -> dict[str, dict[str, float]]:
    """Latency in ms of each kind of query, measured on the last round (earlier ones warm up)."""
    groups: dict[str, list[float]] = {"text": [], "text + filter": [], "browse": []}
    from search.highlight import _highlight

    for _ in range(rounds):
        for values in groups.values():
            values.clear()
        _highlight.cache_clear()  # snippets of the very same query would be free otherwise
        for q in items:
            started = time.perf_counter()
            search(q)
            elapsed = (time.perf_counter() - started) * 1000
            kind = "browse" if not q.text else ("text + filter" if q.level or q.sector else "text")
            groups[kind].append(elapsed)
    summary = {kind: percentiles(values) for kind, values in groups.items() if values}
    summary["all"] = percentiles([v for values in groups.values() for v in values])
    return summary


def time_analysis(docs) -> float:
    started = time.perf_counter()
    for doc in docs:
        analyze_document(doc)
    return time.perf_counter() - started


class Tantivy:
    """tantivy-py over the same analysed terms (whitespace tokenizer), same boolean query shape."""

    def __init__(self, docs, path: Path):
        import tantivy

        self.t = tantivy
        builder = tantivy.SchemaBuilder()
        self.fields = []
        for group in GROUPS:
            for suffix, present in (("s", True), ("w", group in WORD_GROUPS), ("b", group in BIGRAM_GROUPS)):
                if present:
                    builder.add_text_field(f"{group}_{suffix}", tokenizer_name="whitespace")
                    self.fields.append(f"{group}_{suffix}")
        builder.add_unsigned_field("pid", stored=True, indexed=True)
        self.schema = builder.build()
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        self.index = tantivy.Index(self.schema, path=str(path))
        writer = self.index.writer(heap_size=256_000_000, num_threads=1)
        started = time.perf_counter()
        for doc in docs:
            document = tantivy.Document()
            document.add_unsigned("pid", doc.procedure_id)
            for group, analysed in analyze_document(doc).items():
                document.add_text(f"{group}_s", " ".join(analysed.syllables))
                if group in WORD_GROUPS:
                    document.add_text(f"{group}_w", " ".join(analysed.words))
                if group in BIGRAM_GROUPS:
                    document.add_text(f"{group}_b", " ".join(analysed.bigrams))
            writer.add_document(document)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.build_seconds = time.perf_counter() - started
        self.searcher = self.index.searcher()

    def _term(self, field: str, term: str, boost: float):
        return self.t.Query.boost_query(self.t.Query.term_query(self.schema, field, term), boost)

    def _syllable(self, term: str):
        Occur = self.t.Occur
        return self.t.Query.boolean_query([(Occur.Should, self._term(f"{g}_s", term, BOOSTS[g])) for g in GROUPS])

    def search(self, q: SearchQuery):
        Occur, Query = self.t.Occur, self.t.Query
        plan = make_plan(q.text)
        if plan.is_empty:
            return self.searcher.search(Query.all_query(), 10, count=True)
        clauses = []
        for clause in plan.clauses:
            alternatives = [Query.boolean_query([(Occur.Must, self._syllable(s)) for s in alt.syllables])
                            for alt in clause.alternatives]
            clauses.append((Occur.Must, Query.disjunction_max_query(alternatives)))
        extras = [(Occur.Should, self._term(f"{g}_b", b, BOOSTS[g])) for b in plan.bigrams for g in BIGRAM_GROUPS]
        extras += [(Occur.Should, self._term(f"{g}_w", w, BOOSTS[g] * 0.6)) for w in plan.words for g in WORD_GROUPS]
        return self.searcher.search(Query.boolean_query(clauses + extras), 10, count=True)


def table(rows: list[tuple[str, dict]]) -> list[str]:
    lines = ["| system | queries | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|"]
    for name, summary in rows:
        for kind, p in summary.items():
            lines.append(f"| {name} | {kind} | {p['p50']:.1f} | {p['p95']:.1f} | {p['max']:.1f} |")
    return lines


def measure_whoosh(real, docs, items, rows, size) -> list[str]:
    """Analysis and Whoosh rebuild times, and Whoosh query latency, on real then all data."""
    lines = []
    analysis.clear_caches()
    cold = time_analysis(real)
    warm = time_analysis(real)
    backend = open_backend("whoosh", path=WORK / "speed-real")
    started = time.perf_counter()
    backend.rebuild((d.procedure_id, 1, [d]) for d in real)
    real_rebuild = time.perf_counter() - started
    rows.append((f"whoosh, {len(real):,} real", time_queries(backend.search, items)))
    backend.close()
    lines += [f"## {len(real):,} real procedures", "",
              f"- analysis from scratch {cold:.1f} s, with the cache warm {warm:.2f} s",
              f"- Whoosh rebuild (analysis cached) {real_rebuild:.1f} s", ""]
    analysis.clear_caches()
    cold = time_analysis(docs)
    warm = time_analysis(docs)
    backend = open_backend("whoosh", path=WORK / "speed-synthetic")
    started = time.perf_counter()
    backend.rebuild((d.procedure_id, 1, [d]) for d in docs)
    rebuild = time.perf_counter() - started
    rows.append((f"whoosh, {len(docs):,}", time_queries(backend.search, items)))
    lines += [f"## {len(docs):,} procedures (real + {size:,} local variants)", "",
              f"- analysis from scratch {cold:.0f} s ({cold / len(docs) * 1000:.1f} ms per procedure), "
              f"with the cache warm {warm:.0f} s",
              f"- Whoosh rebuild with the analysis cache warm {rebuild:.0f} s "
              f"({rebuild / len(docs) * 1000:.1f} ms per procedure); from scratch ≈ {rebuild + cold - warm:.0f} s",
              f"- peak memory of the benchmark process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"]
    started = time.perf_counter()
    backend.replace_procedure(docs[5].procedure_id, 2, [docs[5]])
    replaced = time.perf_counter() - started
    started = time.perf_counter()
    backend.search(SearchQuery(text="đăng ký kết hôn"))
    lines += [f"- one procedure replaced (commit included) in {replaced * 1000:.0f} ms; the first search "
              f"after it (new generation: columns of the new segment, postings read again) "
              f"{(time.perf_counter() - started) * 1000:.0f} ms", ""]
    backend.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000, help="synthetic procedures (default 50,000)")
    parser.add_argument("--postgres-url", help="also measure the PostgreSQL backend on this database "
                        "(its search tables are dropped and rebuilt)")
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--no-whoosh", action="store_true", help="skip the Whoosh measurements")
    parser.add_argument("--reuse", action="store_true",
                        help="query the Whoosh and tantivy indexes of a previous run (no rebuild figures)")
    parser.add_argument("--output", default=str(RESULTS / "search_speed.md"))
    args = parser.parse_args()
    lines = ["# Search speed", "", "Produced by `bench/search_speed.py` on this project's machine "
             "(2 cores); one process, warm caches unless said otherwise.", ""]
    real = documents()
    items = queries()
    rows: list[tuple[str, dict]] = []

    docs = real + synthetic(real, args.size)
    if args.reuse:
        for name, path in ((f"whoosh, {len(real):,} real", "speed-real"), (f"whoosh, {len(docs):,}", "speed-synthetic")):
            backend = open_backend("whoosh", path=WORK / path)
            rows.append((name, time_queries(backend.search, items)))
            backend.close()
        lines += ["Indexes of the previous run reused: no indexing figures in this run.", ""]
    elif not args.no_whoosh:
        lines += measure_whoosh(real, docs, items, rows, args.size)

    if args.postgres_url:
        from sqlalchemy import create_engine

        from search.postgres_backend import drop_schema

        engine = create_engine(args.postgres_url)
        drop_schema(engine)  # a database of the benchmark's own: start from empty tables
        pg = open_backend("postgres", engine=engine)
        started = time.perf_counter()
        pg.rebuild((d.procedure_id, 1, [d]) for d in docs)
        state = "analysis cached" if not args.no_whoosh else "analysis from scratch"
        lines += [f"- PostgreSQL rebuild of {len(docs):,} ({state}) {time.perf_counter() - started:.0f} s", ""]
        rows.append((f"postgres, {len(docs):,}", time_queries(pg.search, items)))
        pg.close()
        engine.dispose()

    if not args.no_tantivy and not args.reuse:
        peer = Tantivy(docs, WORK / "speed-tantivy")
        lines += [f"- tantivy-py index of the same terms built in {peer.build_seconds:.0f} s", ""]
        rows.append((f"tantivy-py, {len(docs):,} (top 10 + count, no facets)", time_queries(peer.search, items)))

    texts = sum(1 for q in items if q.text and not q.level)
    filtered = sum(1 for q in items if q.level)
    lines += ["## Query latency", "",
              f"{len(items)} queries per round: {texts} relevance queries (typed as in "
              f"`bench/relevance/queries.yaml`), {filtered} of them again with a level filter, and "
              f"{len(items) - texts - filtered} browsing pages; every query computes its five facets. "
              "Measured on the second round.", ""]
    lines += table(rows)
    Path(args.output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
