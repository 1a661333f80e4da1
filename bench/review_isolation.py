"""What running each review in a worker process costs: the round trip, a typical document, a cold start.

    .venv/bin/python bench/review_isolation.py [--repeat 200]

The web app reviews every upload in a child process with a memory and a time limit
(``app.review_worker``). This measures, on one typical document (the quyết định of
``bench/review_speed.py``), the review and its paragraph text done in-process against the same
work through the pool, the bare round trip of a job that does nothing, the first job of a new
child (fork from the fork server, then the job), and the replacement of a child killed at its time
limit. The in-process and isolated runs alternate, so both meet the same load of a shared machine,
and their difference is the median of the paired differences; on a loaded machine that includes
the noise of two processes competing for the cores, so the transport alone (parent to the job's
first line, the job's last line to the decoded answer, from the child's own clock) is measured
too. Figures go to bench/results/review_isolation.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.review_service import PRELOAD, document_text, review_isolated  # noqa: E402
from app.review_worker import ReviewPool, WorkerLimitError, WorkerSettings  # noqa: E402
from review.api import review_document  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "review_isolation.md"


def nothing() -> tuple[dict, None]:
    """The job that measures the round trip alone."""
    return {}, None


def stamped(data: bytes, name: str, profile: str) -> tuple[dict, None]:
    """The real review job, with the child's clock at its start and end."""
    from app.review_service import review_job
    start = time.time()
    value, blob = review_job(data, name, profile)
    value["clock"] = (start, time.time())
    return value, blob


def forever() -> tuple[dict, None]:
    time.sleep(3600)
    return {}, None


def elapsed_ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def median_ms(fn, repeat: int) -> float:
    return statistics.median(elapsed_ms(fn) for _ in range(repeat))


def main() -> None:
    from bench.review_speed import typical_document

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    data = typical_document()

    def in_process() -> None:
        review_document(io.BytesIO(data), "typical.docx", "nd30")
        document_text(data, "typical.docx")

    pool = ReviewPool(WorkerSettings(workers=1, timeout_s=0.5), PRELOAD)
    try:
        in_process()
        review_isolated(pool, data, "typical.docx", "nd30")
        pairs = [(elapsed_ms(in_process), elapsed_ms(lambda: review_isolated(pool, data, "typical.docx", "nd30")))
                 for _ in range(args.repeat)]
        direct = statistics.median(a for a, _ in pairs)
        isolated = statistics.median(b for _, b in pairs)
        overhead = statistics.median(b - a for a, b in pairs)
        round_trip = median_ms(lambda: pool.run(nothing), args.repeat)
        transport = []
        for _ in range(args.repeat):
            sent = time.time()
            value, _ = pool.run(stamped, data, "typical.docx", "nd30")
            transport.append((value["clock"][0] - sent + time.time() - value["clock"][1]) * 1000)

        cold, replaced = [], []
        for _ in range(10):
            start = time.perf_counter()
            try:
                pool.run(forever)
            except WorkerLimitError:
                pass
            killed = time.perf_counter()
            pool.run(nothing)  # served by the replacement started when the other was killed
            cold.append((time.perf_counter() - killed) * 1000)
            replaced.append((killed - start) * 1000 - 500)
    finally:
        pool.close()

    lines = [
        "# Review isolation overhead",
        "",
        f"Run on {dt.date.today().isoformat()}; load average at the start {load:.2f}. "
        "Command: `.venv/bin/python bench/review_isolation.py`.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| typical document, review + paragraph text in the web process, median of {args.repeat} | {direct:.1f} ms |",
        f"| the same through a reused worker process, median of {args.repeat} | {isolated:.1f} ms |",
        f"| overhead per document, median of the paired differences | {overhead:.1f} ms ({overhead / direct:.0%}) |",
        f"| transport of that document and its report (child's clock), median of {args.repeat} | "
        f"{statistics.median(transport):.2f} ms |",
        f"| round trip of an empty job, median of {args.repeat} | {round_trip:.2f} ms |",
        f"| first job of a new child (fork from the fork server, ready, job), median of 10 | "
        f"{statistics.median(cold):.1f} ms |",
        f"| killing a child at its time limit, beyond the limit itself, median of 10 | "
        f"{statistics.median(replaced):.1f} ms |",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
