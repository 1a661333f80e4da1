"""Relevance of Vietnamese search on the 2,642 real procedures, next to a plain BM25 baseline.

    .venv/bin/python bench/search_relevance.py [--backend whoosh|postgres] [--url URL]

Judgments: bench/relevance/queries.yaml. Writes bench/results/search_relevance.md (nDCG@10 and
MRR@10 per kind of query). The baseline is Whoosh BM25F over plain lowercase tokens with the same
field groups and boosts, and no folding, segmentation, synonyms or stopwords.
"""
from __future__ import annotations

import argparse
import math
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.tthc_data import documents  # noqa: E402
from search.analysis import clean, fold  # noqa: E402
from search.fields import BOOSTS, GROUPS  # noqa: E402
from search.interface import SearchQuery, open_backend  # noqa: E402

WORK = ROOT / "bench" / ".work"
RESULTS = ROOT / "bench" / "results"
KINDS = ("accented", "unaccented", "colloquial", "abbreviation", "papers", "typo")


def load_queries() -> list[dict]:
    raw = yaml.safe_load((ROOT / "bench" / "relevance" / "queries.yaml").read_text(encoding="utf-8"))
    out = []
    for item in raw:
        grades = {_code(code): int(grade) for grade, codes in item["relevant"].items() for code in codes}
        out.append({"q": item["q"], "kind": item["kind"], "grades": grades})
        if item.get("twin"):
            out.append({"q": fold(item["q"]), "kind": "unaccented", "grades": grades, "twin_of": item["q"]})
    return out


def _code(value) -> str:
    # YAML reads 1.000894 as a float; codes have six decimals.
    return f"{value:.6f}" if isinstance(value, float) else str(value)


def ndcg_at_10(ranked: list[str], grades: dict[str, int]) -> float:
    dcg = sum((2 ** grades.get(code, 0) - 1) / math.log2(i + 2) for i, code in enumerate(ranked[:10]))
    ideal = sorted(grades.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mrr_at_10(ranked: list[str], grades: dict[str, int]) -> float:
    for i, code in enumerate(ranked[:10]):
        if grades.get(code, 0) == 2:
            return 1 / (i + 1)
    return 0.0


class Baseline:
    """Whoosh BM25F over plain lowercase tokens: what one gets without Vietnamese analysis."""

    def __init__(self, docs, path: Path, reuse: bool = False):
        from whoosh import fields as F, index
        from whoosh.analysis import RegexTokenizer, LowercaseFilter

        analyzer = RegexTokenizer(r"\w+") | LowercaseFilter()
        self.analyzer = analyzer
        if reuse and index.exists_in(str(path)):
            self.index = index.open_dir(str(path))
            self.searcher = self.index.searcher()
            return
        schema = F.Schema(code=F.ID(stored=True), **{g: F.TEXT(analyzer=analyzer, phrase=False) for g in GROUPS})
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        self.index = index.create_in(str(path), schema)
        writer = self.index.writer(limitmb=256)
        for doc in docs:
            writer.add_document(code=doc.code or "", **{g: " ".join(clean(getattr(doc, f)) for f in fields)
                                                       for g, fields in GROUPS.items()})
        writer.commit()
        self.searcher = self.index.searcher()

    def search(self, text: str) -> list[str]:
        from whoosh import query as Q

        tokens = [t.text for t in self.analyzer(clean(text))]
        if not tokens:
            return []
        q = Q.Or([Q.Term(g, t, boost=BOOSTS[g]) for t in tokens for g in GROUPS])
        return [hit["code"] for hit in self.searcher.search(q, limit=10)]


def evaluate(name: str, search, queries) -> dict:
    per_kind = defaultdict(list)
    rows = []
    for item in queries:
        ranked = [_code(c) for c in search(item["q"])]
        grades = item["grades"]
        n, m = ndcg_at_10(ranked, grades), mrr_at_10(ranked, grades)
        per_kind[item["kind"]].append((n, m))
        rows.append((item, n, m, ranked[:3]))
    return {"name": name, "per_kind": per_kind, "rows": rows}


def _mean(values) -> float:
    return sum(values) / len(values) if values else 0.0


def report(systems: list[dict], notes: list[str]) -> str:
    lines = ["# Search relevance on 2,642 real procedures", "",
             "Produced by `bench/search_relevance.py`; judgments in `bench/relevance/queries.yaml`.", ""]
    lines += notes + [""]
    header = "| kind | queries | " + " | ".join(f"{s['name']} nDCG@10 | {s['name']} MRR@10" for s in systems) + " |"
    lines += [header, "|" + "---|" * (2 + 2 * len(systems))]
    for kind in KINDS + ("overall",):
        cells = []
        count = 0
        for s in systems:
            values = [v for k, vs in s["per_kind"].items() if kind in (k, "overall") for v in vs]
            count = len(values)
            cells += [f"{_mean([v[0] for v in values]):.3f}", f"{_mean([v[1] for v in values]):.3f}"]
        lines.append(f"| {kind} | {count} | " + " | ".join(cells) + " |")
    main = systems[0]
    lines += ["", f"## Queries where {main['name']} has nDCG@10 < 0.6", "",
              "| kind | query | nDCG@10 | top 3 codes |", "|---|---|---|---|"]
    for item, n, _m, top in main["rows"]:
        if n < 0.6:
            lines.append(f"| {item['kind']} | {item['q']} | {n:.2f} | {', '.join(top)} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="whoosh", choices=("whoosh", "postgres"))
    parser.add_argument("--url", help="PostgreSQL URL for --backend postgres")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the indexes of the previous run (when only query-side code changed)")
    parser.add_argument("--output", default=str(RESULTS / "search_relevance.md"))
    args = parser.parse_args()
    docs = documents()
    queries = load_queries()
    notes = []
    if args.backend == "whoosh":
        if not args.reuse:
            shutil.rmtree(WORK / "relevance-whoosh", ignore_errors=True)
        backend = open_backend("whoosh", path=WORK / "relevance-whoosh")
    else:
        from sqlalchemy import create_engine

        engine = create_engine(args.url)
        backend = open_backend("postgres", engine=engine)
    if not (args.reuse and backend.indexed_revisions()):
        started = time.perf_counter()
        backend.rebuild((d.procedure_id, 1, [d]) for d in docs)
        notes.append(f"- {args.backend}: indexed {len(docs):,} procedures in {time.perf_counter() - started:.1f} s.")

    def ours(text):
        return [h.code for h in backend.search(SearchQuery(text=text, per_page=10)).hits]

    started = time.perf_counter()
    baseline = Baseline(docs, WORK / "relevance-baseline", reuse=args.reuse)
    if not args.reuse:
        notes.append(f"- baseline: indexed in {time.perf_counter() - started:.1f} s.")
    systems = [evaluate(args.backend, ours, queries), evaluate("BM25 baseline", baseline.search, queries)]
    accented = {i["q"]: n for i, n, _, _ in systems[0]["rows"] if i["kind"] == "accented"}
    gaps = [accented[i["twin_of"]] - n for i, n, _, _ in systems[0]["rows"] if i.get("twin_of")]
    notes.append(f"- unaccented twins: mean nDCG@10 gap to their accented query {_mean(gaps):+.3f} "
                 f"(largest {max(gaps):+.3f}).")
    typo = [i for i in queries if i["kind"] == "typo"]
    offered = sum(1 for i in typo if backend.search(SearchQuery(text=i["q"])).suggestion)
    notes.append(f"- typo queries with a suggestion: {offered} of {len(typo)}.")
    backend.close()
    Path(args.output).write_text(report(systems, notes), encoding="utf-8")
    print(Path(args.output).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
