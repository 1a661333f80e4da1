"""Time the import of the 2,642 portal procedures into a fresh database (indexing excluded).

    .venv/bin/python bench/import_dvcqg.py [--database-url URL] [--runs N]

Without a URL, each run uses a new SQLite file in a temporary folder (WAL, as the embedded default
runs). Parsing alone is timed separately so the database share is visible. Figures go to
bench/results/import_dvcqg.md.
"""
from __future__ import annotations

import argparse
import os
import datetime as dt
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from catalogue.db import Database  # noqa: E402
from catalogue.importers.dvcqg import import_dvcqg, read_records  # noqa: E402
from catalogue.importers.report import ImportReport  # noqa: E402
from catalogue.models import Base  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "catalogue" / "dvcqg-2642.jsonl.gz"
RESULTS = ROOT / "bench" / "results" / "import_dvcqg.md"


def one_run(url: str | None) -> tuple[float, ImportReport]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.from_url(url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        Base.metadata.drop_all(db.engine)
        Base.metadata.create_all(db.engine)
        start = time.perf_counter()
        with db.unit_of_work("bench") as uow:
            report = import_dvcqg(uow.session, "bench", DATA, effective_from=dt.date(2026, 1, 1))
        elapsed = time.perf_counter() - start
        db.dispose()
    return elapsed, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"{DATA} is absent: this benchmark needs ../shared/data")

    load = os.getloadavg()[0]
    start = time.perf_counter()
    read_records(DATA, ImportReport("bench"))
    parse_only = time.perf_counter() - start

    times, report = [], None
    for _ in range(args.runs):
        elapsed, report = one_run(args.database_url)
        times.append(elapsed)
        print(f"import: {elapsed:.1f} s ({report.created} created)")
    backend = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    lines = [
        "# Import of the national portal's procedures",
        "",
        f"Run on {dt.date.today().isoformat()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{backend}, one transaction, indexing excluded. Command: `.venv/bin/python bench/import_dvcqg.py"
        f"{' --database-url …' if args.database_url else ''}`. Load average at the start: {load:.2f}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| procedures read / created | {report.read} / {report.created} |",
        f"| parsing only (read + parse all records) | {parse_only:.1f} s |",
        f"| full import, median of {len(times)} | {statistics.median(times):.1f} s |",
        f"| full import, each run | {', '.join(f'{t:.1f} s' for t in times)} |",
        "| target | ≤ 60 s on SQLite, 2 cores |",
        "",
    ]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"parsing only: {parse_only:.1f} s; written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
