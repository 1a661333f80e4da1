"""The HTTP search endpoint under load: gunicorn on loopback, 16 concurrent clients (wrk).

    .venv/bin/python bench/search_load.py [--duration 30] [--connections 16] [--workers 2] [--threads 4]

Builds a throwaway instance with the 2,642 real procedures of ../shared/data (SQLite + Whoosh),
starts gunicorn on 127.0.0.1, and drives ``GET /api/v1/search`` with typical citizen queries
(rotated by a wrk Lua script) from 16 connections for a fixed time. The load generator, the server
and its workers share the machine's 2 cores. Figures go to bench/results/search_load.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "catalogue" / "dvcqg-2642.jsonl.gz"
RESULTS = ROOT / "bench" / "results" / "search_load.md"

QUERIES = [
    "đăng ký khai sinh", "dang ky thuong tru", "cấp hộ chiếu", "CCCD bị mất", "đổi bằng lái",
    "giấy phép lái xe quốc tế", "làm sổ đỏ", "đăng ký kết hôn", "lý lịch tư pháp", "xin giấy phép xây dựng",
    "đăng ký hộ kinh doanh", "bảo hiểm thất nghiệp", "cap lai the can cuoc", "khai tử", "chứng thực bản sao",
    "cần giấy tờ gì để đăng ký thường trú", "thành lập doanh nghiệp", "đăng ký tạm trú", "BHXH một lần",
    "cấp phép nhập khẩu",
]


def prepare(instance: Path) -> None:
    from app import create_app
    from app.cli import prepare_database
    from catalogue import search_sync
    from catalogue.importers.dvcqg import import_dvcqg

    app = create_app({"TTHC_INSTANCE": str(instance), "LOAD_DEMO": False})
    prepare_database(app)
    svc = app.extensions["tthc"]
    with svc.db.unit_of_work("bench") as uow:
        import_dvcqg(uow.session, "bench", DATA, effective_from=dt.date(2026, 1, 1))
    search_sync.rebuild(svc.db, svc.search)
    svc.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not become ready")


LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%%d errors=%%d non2xx=%%d p50=%%d p90=%%d p99=%%d max=%%d duration_us=%%d\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.duration))
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"{DATA} is absent: this benchmark needs ../shared/data")
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian package 'wrk')")
    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp) / "instance"
        print("preparing the instance (import + index)…")
        prepare(instance)
        port = free_port()
        env = dict(os.environ, TTHC_INSTANCE=str(instance), PYTHONPATH=str(ROOT))
        gunicorn = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-w", str(args.workers), "--threads", str(args.threads),
             "-b", f"127.0.0.1:{port}", "--log-level", "warning", "app:create_app()"],
            cwd=ROOT, env=env, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}"
            paths = ['"/api/v1/search?q=%s"' % urllib.parse.quote(q) for q in QUERIES]
            for p in paths:  # warm every worker's caches a little
                wait_ready(base + p.strip('"'))
            script = Path(tmp) / "queries.lua"
            script.write_text(LUA % ", ".join(paths), encoding="utf-8")
            out = subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.duration}s",
                                  "--latency", "-s", str(script), base], capture_output=True, text=True, check=True).stdout
        finally:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
    print(out)
    m = re.search(r"RESULT requests=(\d+) errors=(\d+) non2xx=(\d+) p50=(\d+) p90=(\d+) p99=(\d+) max=(\d+) duration_us=(\d+)", out)
    requests, errors, non2xx, p50, p90, p99, peak, duration = map(int, m.groups())
    rps = requests / (duration / 1e6)
    lines = [
        "# Search API under load",
        "",
        f"Run on {dt.date.today().isoformat()}: gunicorn ({args.workers} workers × {args.threads} threads) on "
        f"127.0.0.1 with the 2,642 real procedures (SQLite + Whoosh), wrk with {args.connections} connections "
        f"for {args.duration} s rotating {len(QUERIES)} typical queries; server and load generator share 2 cores. "
        "Command: `.venv/bin/python bench/search_load.py`.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| requests | {requests} | |",
        f"| throughput | {rps:.0f} req/s | ≥ 150 req/s |",
        f"| latency p50 / p90 / p99 | {p50 / 1000:.0f} / {p90 / 1000:.0f} / {p99 / 1000:.0f} ms | p99 ≤ 300 ms |",
        f"| max latency | {peak / 1000:.0f} ms | |",
        f"| socket errors / non-2xx | {errors} / {non2xx} | 0 |",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
