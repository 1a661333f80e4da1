"""Server-side render time of the citizen pages with the 2,642 real procedures loaded.

    .venv/bin/python bench/pages.py [--requests N] [--instance DIR]

The portal's procedures are imported into a temporary instance (or into ``--instance DIR``, kept
and reused by later runs, so repeated measurements skip the two-minute import) and the search
index is drained. Then the procedure page, the search results page and the other citizen pages
are requested N times each through the Flask test client, cycling over a fixed set of procedures
and queries; the median and the 90th percentile go to bench/results/pages.md. The target is a
median of at most 50 ms per page. The search backend is also timed alone on the same queries, so
the search page's own share (parameters, facets, Jinja) is the difference between the two rows. The test client runs the whole request (routing, database reads,
search, Jinja) without a socket, so the figures are the server's share of a page view.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.cli import prepare_database  # noqa: E402
from catalogue import search_sync  # noqa: E402
from catalogue.importers.dvcqg import import_dvcqg  # noqa: E402
from catalogue.models import Procedure  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "catalogue" / "dvcqg-2642.jsonl.gz"
RESULTS = ROOT / "bench" / "results" / "pages.md"
TARGET_MS = 50.0
QUERIES = (
    "đăng ký khai sinh", "dang ky ket hon", "cấp giấy phép xây dựng", "cap lai CCCD", "sổ đỏ",
    "giấy phép lái xe", "thành lập doanh nghiệp", "trợ cấp xã hội", "hộ kinh doanh", "chứng thực bản sao",
)


def open_app(instance: Path):
    """The app on ``instance``; imports the portal data and fills the index the first time."""
    app = create_app({"TTHC_INSTANCE": str(instance.resolve()), "TTHC_ENV": "testing", "LOAD_DEMO": False})
    prepare_database(app)
    svc = app.extensions["tthc"]
    with svc.db.read() as session:
        count = session.query(Procedure).count()
    if count == 0:
        started = time.perf_counter()
        with svc.db.unit_of_work("bench") as uow:
            import_dvcqg(uow.session, "bench", DATA, effective_from=dt.date(2025, 7, 1))
        print(f"imported in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    drained = search_sync.drain(svc.db, svc.search)
    if drained:
        print(f"indexed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return app


def time_urls(client, urls: list[str], requests: int) -> list[float]:
    """Milliseconds per request, ``requests`` requests cycling over ``urls`` (after one warm-up each)."""
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for i in range(requests):
        url = urls[i % len(urls)]
        start = time.perf_counter()
        response = client.get(url)
        response.get_data()
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return times


def time_backend(app, requests: int) -> list[float]:
    """The search backend alone on the same queries: the page's own share is the difference."""
    from search.interface import SearchQuery

    backend = app.extensions["tthc"].search
    times = []
    for i in range(requests):
        start = time.perf_counter()
        backend.search(SearchQuery(text=QUERIES[i % len(QUERIES)]))
        times.append((time.perf_counter() - start) * 1000)
    return times


def pages(app) -> dict[str, list[str]]:
    """The URLs timed, per page kind."""
    client = app.test_client()
    ids = [h["id"] for q in QUERIES for h in client.get("/api/v1/search", query_string={"q": q}).get_json()["hits"][:2]]
    with app.extensions["tthc"].db.read() as session:
        from sqlalchemy import select

        from catalogue.models import Sector
        sectors = list(session.scalars(select(Sector.slug).order_by(Sector.id).limit(10)))
    return {
        "Trang thủ tục /thu-tuc/<id>": [f"/thu-tuc/{i}" for i in ids],
        "Kết quả tìm kiếm /tim-kiem?q=…": [f"/tim-kiem?q={q}" for q in QUERIES],
        "Tìm kiếm có lọc (cấp xã, trang 2)": [f"/tim-kiem?q={q}&level=xa&page=2" for q in QUERIES[:5]],
        "Bản in /thu-tuc/<id>?in=1": [f"/thu-tuc/{i}?in=1" for i in ids],
        "Lịch sử /thu-tuc/<id>/lich-su": [f"/thu-tuc/{i}/lich-su" for i in ids],
        "Lĩnh vực /linh-vuc/<slug>": [f"/linh-vuc/{s}" for s in sectors],
        "Trang chủ /": ["/"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
    parser.add_argument("--instance", type=Path, help="instance folder to keep and reuse")
    args = parser.parse_args()
    if not DATA.is_file():
        raise SystemExit(f"{DATA} is absent: the benchmark needs the portal data")
    with tempfile.TemporaryDirectory() as tmp:
        instance = args.instance or Path(tmp)
        app = open_app(instance)
        load = os.getloadavg()[0]  # other processes on the machine skew the figures: say how busy it was
        client = app.test_client()
        rows = []
        for label, urls in pages(app).items():
            times = time_urls(client, urls, args.requests)
            rows.append((label, len(urls), statistics.median(times), statistics.quantiles(times, n=10)[-1]))
            print(f"{label}: median {rows[-1][2]:.1f} ms", file=sys.stderr)
        times = time_backend(app, args.requests)
        rows.append(("(chỉ truy vấn chỉ mục, không dựng trang)", len(QUERIES), statistics.median(times),
                     statistics.quantiles(times, n=10)[-1]))
        app.extensions["tthc"].close()
    write_results(rows, args.requests, load)


def write_results(rows, requests: int, load: float) -> None:
    lines = [
        "# Citizen pages: server-side render time",
        "",
        f"`bench/pages.py`, {dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores (load average {load:.1f} when the run began), "
        "SQLite + Whoosh (embedded default), 2,642 procedures of the national portal.",
        f"{requests} requests per page kind through the Flask test client, cycling over the URLs listed; "
        f"target: median ≤ {TARGET_MS:.0f} ms.",
        "",
        "| page | URLs | median (ms) | p90 (ms) | target |",
        "|---|---:|---:|---:|---|",
    ]
    for label, count, median, p90 in rows:
        verdict = "—" if label.startswith("(") else "met" if median <= TARGET_MS else "MISSED"
        lines.append(f"| {label} | {count} | {median:.1f} | {p90:.1f} | {verdict} |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
