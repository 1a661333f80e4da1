"""Long fuzz run of the safe .docx reader: every damaged copy must be read or refused, never crash.

Run: ``.venv/bin/python bench/review_fuzz.py [CASES]`` (default 20,000; writes
``bench/results/review_fuzz.md``).

The mutations are those of the test suite (bit flips, truncation, byte insertion and deletion,
overwritten zip header fields, damaged inner XML re-zipped) applied with a fixed seed to a real
.docx written by python-docx and to a minimal hand-made one. An outcome is ``ok``, a
``DocumentReadError`` code, or ``ESCAPED <exception type>`` — the last must stay at zero.
"""
from __future__ import annotations

import platform
import random
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.review.hostile_docs import MUTATIONS, docx_zip, minimal_parts, mutate, sample_docx  # noqa: E402
from tests.review.test_reader_fuzz import SEED, read_everything  # noqa: E402

RESULT = ROOT / "bench" / "results" / "review_fuzz.md"
SHOWN_ESCAPES = 5


def run(cases: int) -> tuple[dict[str, Counter], list[str], float]:
    rng = random.Random(SEED)
    seeds = [sample_docx(), docx_zip(minimal_parts())]
    by_kind: dict[str, Counter] = defaultdict(Counter)
    escapes: list[str] = []
    started = time.perf_counter()
    for case in range(cases):
        kind, data = mutate(rng.choice(seeds), rng)
        try:
            outcome = read_everything(data)
        except Exception as exc:  # the point of the run is to count these
            outcome = f"ESCAPED {type(exc).__name__}"
            if len(escapes) < SHOWN_ESCAPES:
                escapes.append(f"case {case} ({kind}):\n{traceback.format_exc()}")
        by_kind[kind][outcome] += 1
    return by_kind, escapes, time.perf_counter() - started


def render(cases: int, by_kind: dict[str, Counter], escapes: list[str], seconds: float) -> str:
    total = sum(by_kind.values(), Counter())
    escaped = sum(count for outcome, count in total.items() if outcome.startswith("ESCAPED"))
    kinds = sorted(MUTATIONS)
    lines = [
        "# Fuzzing the safe .docx reader",
        "",
        f"`.venv/bin/python bench/review_fuzz.py {cases}` — seed {SEED}, Python {platform.python_version()}.",
        "",
        f"- cases: {cases:,}; escaped (any exception other than DocumentReadError): **{escaped}**",
        f"- wall time: {seconds:.1f} s ({seconds / cases * 1000:.2f} ms per case, read + parse of every part)",
        "",
        "| outcome | " + " | ".join(kinds) + " | total |",
        "|---|" + "---:|" * (len(kinds) + 1),
    ]
    for outcome, count in total.most_common():
        row = " | ".join(str(by_kind[kind][outcome]) for kind in kinds)
        lines.append(f"| {outcome} | {row} | {count} |")
    lines.append("| **cases** | " + " | ".join(str(sum(by_kind[k].values())) for k in kinds) + f" | {cases} |")
    if escapes:
        lines += ["", "## First escapes", ""] + [f"```\n{text}```" for text in escapes]
    return "\n".join(lines) + "\n"


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    by_kind, escapes, seconds = run(cases)
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(render(cases, by_kind, escapes, seconds), encoding="utf-8")
    print(RESULT.read_text(encoding="utf-8"))
    return 1 if escapes else 0


if __name__ == "__main__":
    sys.exit(main())
