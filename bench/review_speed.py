"""How fast the reviewer is: one typical document on one core, 600 documents on 2 cores, and the floor.

    .venv/bin/python bench/review_speed.py [--docs 600] [--repeat 200]

The documents are built by the test corpus builder (a 2–3 page quyết định, công văn, kế hoạch,
báo cáo, thông báo, tờ trình … laid out with header and signature tables, clean and with planted
violations). The *floor* is what any reviewer must pay: unzipping and parsing ``word/document.xml``
with lxml, nothing else; the ratio shows what the model, the layout and the 69 rules cost on top.
Figures go to bench/results/review_speed.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from review.api import review_document  # noqa: E402
from tests.review.corpus.builder import Spec, build_docx  # noqa: E402
from tests.review.corpus.cases import CLEAN, PLANTED  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "review_speed.md"


SENTENCE = ("Các phòng, đơn vị thuộc Sở có trách nhiệm tổ chức thực hiện nhiệm vụ được giao, bảo đảm đúng "
            "quy định của pháp luật, đúng thời hạn và chất lượng; định kỳ hằng quý báo cáo kết quả thực hiện "
            "về Văn phòng Sở để tổng hợp, báo cáo Giám đốc Sở")


def typical_document() -> bytes:
    """A quyết định of about three pages: six articles of four clauses each, with full header and signature."""
    body = []
    for article in range(1, 7):
        body.append(("dieu", f"Điều {article}. Trách nhiệm của các đơn vị trong lĩnh vực thứ {article}"))
        body += [("khoan", f"{clause}. {SENTENCE} về nội dung thứ {clause}.") for clause in range(1, 5)]
    body[-1] = ("khoan", body[-1][1].rstrip(".") + "./.")
    return build_docx(Spec("quyet_dinh", pages=3, texts={"body": body}))


def floor(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        etree.fromstring(archive.read("word/document.xml"))


def median_ms(fn, data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _review_many(batch: list[bytes]) -> int:
    return sum(len(review_document(data, f"doc-{i}.docx").findings) for i, data in enumerate(batch))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    load = os.getloadavg()[0]

    typical = typical_document()
    review_document(typical, "warm-up.docx")
    one = median_ms(lambda d: review_document(d, "typical.docx"), typical, args.repeat)
    base = median_ms(floor, typical, args.repeat)

    specs = [s for _, s in CLEAN] + [s for _, s, _ in PLANTED]
    corpus = [build_docx(specs[i % len(specs)]) for i in range(args.docs)]
    workers = 2
    chunks = [corpus[i::workers] for i in range(workers)]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        findings = sum(pool.map(_review_many, chunks))
    batch_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for data in corpus:
        floor(data)
    batch_floor = time.perf_counter() - start

    size_kb = len(typical) / 1024
    with zipfile.ZipFile(io.BytesIO(typical)) as archive:
        paragraphs = archive.read("word/document.xml").count(b"<w:p>") + archive.read("word/document.xml").count(b"<w:p ")
    lines = [
        "# Reviewer speed",
        "",
        f"Run on {dt.date.today().isoformat()}; load average at the start {load:.2f}. "
        "Command: `.venv/bin/python bench/review_speed.py`.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| typical document (quyết định, 3 pages, {paragraphs} paragraphs, {size_kb:.0f} KiB), median of {args.repeat}, one core | {one:.1f} ms | ≤ 50 ms |",
        f"| floor for it (unzip + parse document.xml) | {base:.2f} ms | |",
        f"| ratio to the floor | {one / base:.1f}× | |",
        f"| {args.docs} documents of 8 types, 2 processes | {batch_seconds:.1f} s ({findings} findings) | ≤ 30 s |",
        f"| floor for the {args.docs} documents, one process | {batch_floor:.1f} s | |",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
