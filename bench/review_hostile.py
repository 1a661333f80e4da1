"""What refusing each hostile upload costs: time and peak memory, one fresh process per case.

Run: ``.venv/bin/python bench/review_hostile.py`` (writes ``bench/results/review_hostile.md``).

Each case of ``tests/review/hostile_docs.HOSTILE_CASES`` is written to a temporary file; a child
process imports the reader, notes its resident set size (the baseline), then reads the file from
disk ``REPEAT`` times with the default limits. Reported: the best time, the peak RSS of the child
(``VmHWM``, or ``ru_maxrss`` off Linux) and the growth over the baseline. Target: each refusal under 1 s and 100 MB.
A genuine document is read the same way for comparison.
"""
from __future__ import annotations

import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULT = ROOT / "bench" / "results" / "review_hostile.md"
REPEAT = 3
TARGET_SECONDS, TARGET_MB = 1.0, 100.0


def _rss_mb() -> float:
    """Peak resident set size of this process in MB.

    Linux's ``VmHWM`` starts afresh at ``exec``; ``ru_maxrss`` would carry over the parent's peak
    (the parent builds 20 MB bombs), so it is only the fallback elsewhere.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / (1024 if sys.platform == "darwin" else 1)


def child(path: str) -> None:
    """Measure ``read_docx`` on one file in this (fresh) process and print the figures as JSON."""
    from review.errors import DocumentReadError
    from review.reader import read_docx

    baseline = _rss_mb()
    best, outcome = float("inf"), "ok"
    for _ in range(REPEAT):
        started = time.perf_counter()
        try:
            read_docx(path)
            outcome = "ok"
        except DocumentReadError as error:
            outcome = error.code
        best = min(best, time.perf_counter() - started)
    print(json.dumps({"outcome": outcome, "seconds": best, "peak_mb": _rss_mb(), "baseline_mb": baseline}))


def measure(name: str, data: bytes, workdir: Path) -> dict:
    path = workdir / f"{name}.docx"
    path.write_bytes(data)
    done = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    path.unlink()
    return json.loads(done.stdout) | {"size": len(data)}


def main() -> int:
    from tests.review.hostile_docs import HOSTILE_CASES, sample_docx

    rows, misses = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in HOSTILE_CASES:
            figures = measure(case.name, case.build(), Path(tmp))
            rows.append((case.name, case.code, figures))
        reference = measure("genuine_document", sample_docx(), Path(tmp))
    lines = [
        "# Cost of refusing hostile uploads",
        "",
        f"`.venv/bin/python bench/review_hostile.py` — Python {platform.python_version()}, "
        f"{platform.machine()}; best of {REPEAT} reads from disk, one process per case, default `Limits()`.",
        f"Target: under {TARGET_SECONDS:g} s and {TARGET_MB:g} MB peak RSS per refusal.",
        "",
        "| case | expected | outcome | file size | time (ms) | peak RSS (MB) | over baseline (MB) | target |",
        "|---|---|---|---:|---:|---:|---:|:---:|",
    ]
    for name, expected, f in rows + [("genuine_document (comparison)", "ok", reference)]:
        within = f["seconds"] < TARGET_SECONDS and f["peak_mb"] < TARGET_MB and f["outcome"] == expected
        misses += not within
        lines.append(f"| {name} | {expected} | {f['outcome']} | {f['size']:,} | {f['seconds'] * 1000:.2f} | "
                     f"{f['peak_mb']:.1f} | {f['peak_mb'] - f['baseline_mb']:.1f} | {'yes' if within else 'NO'} |")
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(RESULT.read_text(encoding="utf-8"))
    return 1 if misses else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        sys.exit(main())
