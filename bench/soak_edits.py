"""Soak: many officers edit one draft at once through the real server; no edit may be lost.

    .venv/bin/python bench/soak_edits.py [--editors 50] [--duration 60] [--workers 3] [--threads 4]
                                         [--database sqlite|postgres|both] [--postgres ADMIN_URL]

Each editor is an HTTP client with the API token of its own officer account. It reads the draft
(``GET /api/v1/decisions/<id>``), takes the counter written in its title, and writes the counter
plus one (``PATCH`` with the revision it read). A 409 means someone saved in between: the editor
reads again and retries. If the server ever let two writers start from the same revision, one
increment would vanish, so at the end the counter must equal the number of successful writes (and
so must the revision's growth and the audit rows, per editor). Every 409 must name who saved and
when. Runs against gunicorn (several workers) on 127.0.0.1, on SQLite and on PostgreSQL (a
database of its own, created and dropped on the server given by ``--postgres`` or
``TEST_DATABASE_URL``). Figures go to bench/results/soak_edits.md; the short version runs in the
default test suite (tests/load/test_soak_edits.py).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import live_instance as live  # noqa: E402

RESULTS = live.ROOT / "bench" / "results" / "soak_edits.md"
COUNTER = re.compile(r"Lần sửa thứ (\d+)$")
WHEN = re.compile(r"\d\d:\d\d:\d\d ngày \d\d/\d\d/\d{4}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def title(counter: int) -> str:
    return f"Lần sửa thứ {counter}"


@dataclass
class EditorLog:
    """What one editor saw."""
    email: str
    writes: int = 0
    conflicts: int = 0
    write_seconds: list[float] = field(default_factory=list)      # every PATCH, whatever its answer
    success_seconds: list[float] = field(default_factory=list)    # PATCHes answered 200
    edit_seconds: list[float] = field(default_factory=list)       # first read → saved, retries included
    statuses: Counter = field(default_factory=Counter)
    bad_conflicts: list[str] = field(default_factory=list)        # 409 bodies without who or when
    failures: list[str] = field(default_factory=list)             # transport errors, unreadable bodies


@dataclass
class SoakResult:
    database: str
    editors: int
    duration: float
    logs: list[EditorLog]
    final_counter: int
    revision_growth: int
    audit_by_actor: dict[str, int]
    server_exceptions: dict[str, int] = field(default_factory=dict)  # from the server's log

    @property
    def writes(self) -> int:
        return sum(log.writes for log in self.logs)

    @property
    def conflicts(self) -> int:
        return sum(log.conflicts for log in self.logs)

    @property
    def statuses(self) -> Counter:
        total: Counter = Counter()
        for log in self.logs:
            total.update(log.statuses)
        return total

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def lost_updates(self) -> int:
        return self.writes - self.final_counter

    @property
    def audit_mismatches(self) -> list[str]:
        return [f"{log.email}: {log.writes} writes, {self.audit_by_actor.get(log.email, 0)} audit rows"
                for log in self.logs if self.audit_by_actor.get(log.email, 0) != log.writes]

    @property
    def bad_conflicts(self) -> list[str]:
        return [body for log in self.logs for body in log.bad_conflicts]

    @property
    def failures(self) -> list[str]:
        return [f for log in self.logs for f in log.failures]

    def samples(self, name: str) -> list[float]:
        return [s for log in self.logs for s in getattr(log, name)]


def _conflict_names_who_and_when(body: dict, editors: set[str]) -> bool:
    message = body.get("message", "")
    return (body.get("error") == "conflict" and WHEN.search(message) is not None
            and any(email in editors for email in EMAIL.findall(message)))


def edit_until(client: live.Client, path: str, log: EditorLog, deadline: float, editors: set[str]) -> None:
    """Read-modify-write the counter until ``deadline``, retrying after each 409."""
    started = None
    while time.monotonic() < deadline:
        try:
            read = client.request("GET", path)
            log.statuses[read.status] += 1
            if read.status != 200:
                log.failures.append(f"GET {read.status}: {read.body[:200]!r}")
                time.sleep(0.05)
                continue
            current = read.json()
            counter = int(COUNTER.match(current["title"]).group(1))
            started = started or time.perf_counter()
            write = client.request("PATCH", path, {"revision": current["revision"], "title": title(counter + 1)})
        except (OSError, ValueError, AttributeError) as exc:
            log.failures.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.05)
            continue
        log.statuses[write.status] += 1
        log.write_seconds.append(write.seconds)
        if write.status == 200:
            log.writes += 1
            log.success_seconds.append(write.seconds)
            log.edit_seconds.append(time.perf_counter() - started)
            started = None
        elif write.status == 409:
            log.conflicts += 1
            try:
                body = write.json()
            except ValueError:
                body = {}
            if not _conflict_names_who_and_when(body, editors):
                log.bad_conflicts.append(write.body[:300].decode("utf-8", "replace"))
        else:
            log.failures.append(f"PATCH {write.status}: {write.body[:200]!r}")


def soak(inst: live.Instance, *, editors: int, duration: float, workers: int, threads: int) -> SoakResult:
    """Start gunicorn for ``inst``, run ``editors`` concurrent editors for ``duration`` s, then count."""
    from sqlalchemy import func, select

    from catalogue import decisions
    from catalogue.models import AuditEntry, Decision

    accounts = live.add_officers(inst, editors, prefix=f"soak-{inst.kind}")
    emails = {email for email, _ in accounts}
    with inst.services.db.unit_of_work("bench") as uow:
        draft = decisions.create_draft(uow.session, "bench", number=f"{int(time.time())}/QĐ-SOAK",
                                       title=title(0), signer="Nguyễn Văn A")
        decision_id, first_revision = draft.id, draft.revision
    path = f"/api/v1/decisions/{decision_id}"
    logs = [EditorLog(email) for email, _ in accounts]
    with live.gunicorn(inst, workers=workers, threads=threads, ready_path="/api/v1/stats") as server:
        deadline = time.monotonic() + duration
        threads_ = [threading.Thread(target=edit_until, args=(live.Client(server.base_url, token), path, log,
                                                              deadline, emails), daemon=True)
                    for (_, token), log in zip(accounts, logs)]
        started = time.monotonic()
        for t in threads_:
            t.start()
        for t in threads_:
            t.join()
        elapsed = time.monotonic() - started
        exceptions = server.exceptions()
    with inst.services.db.read() as session:
        final = session.get(Decision, decision_id)
        counter = int(COUNTER.match(final.title).group(1))
        growth = final.revision - first_revision
        audit = dict(session.execute(
            select(AuditEntry.actor, func.count()).where(AuditEntry.action == "decision.update",
                                                         AuditEntry.object_type == "decision",
                                                         AuditEntry.object_id == decision_id)
            .group_by(AuditEntry.actor)).all())
    return SoakResult(inst.kind, editors, elapsed, logs, counter, growth, audit, exceptions)


def problems(result: SoakResult) -> list[str]:
    """What breaks the acceptance of the soak (latency is reported, not asserted here)."""
    found = []
    if result.writes == 0:
        found.append("no write succeeded")
    if result.lost_updates:
        found.append(f"{result.lost_updates} lost updates: counter {result.final_counter}, "
                     f"{result.writes} successful writes")
    if result.revision_growth != result.writes:
        found.append(f"revision grew by {result.revision_growth}, {result.writes} successful writes")
    found += [f"audit: {m}" for m in result.audit_mismatches]
    if result.server_errors:
        found.append(f"{result.server_errors} responses 5xx")
    found += [f"the server logged {n} × {line}" for line, n in result.server_exceptions.items()]
    found += [f"409 without who/when: {b}" for b in result.bad_conflicts[:5]]
    found += [f"failure: {f[:200]}" for f in result.failures[:5]]
    return found


def summary_rows(result: SoakResult, workers: int, threads: int) -> list[str]:
    writes = result.samples("write_seconds")
    p99 = live.percentile(result.samples("write_seconds"), 99)
    statuses = ", ".join(f"{s}: {n}" for s, n in sorted(result.statuses.items()))
    attempts = (result.writes + result.conflicts) / result.writes if result.writes else 0
    per_editor = sorted(log.writes for log in result.logs)
    return [
        f"| {result.database} | {result.editors} editors × {result.duration:.0f} s, gunicorn {workers}×{threads} "
        f"| {result.writes} ({result.writes / result.duration:.1f}/s) | {result.final_counter} | "
        f"{result.lost_updates} | {result.conflicts} ({attempts:.1f} attempts per write) | "
        f"{result.server_errors} | {len(result.bad_conflicts)} | {live.latency_ms(writes)} | "
        f"{'yes' if p99 < 1.0 else 'NO'} | {live.latency_ms(result.samples('edit_seconds'))} | "
        f"{per_editor[0]}–{per_editor[-1]} | {statuses} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--editors", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL"),
                        help="admin URL of a PostgreSQL server (a database is created and dropped on it)")
    args = parser.parse_args()
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if "postgres" in kinds and not args.postgres:
        sys.exit("PostgreSQL needs --postgres URL (or TEST_DATABASE_URL)")
    rows, failed = [], []
    with live.LoadAverage() as load:
        for kind in kinds:
            with tempfile.TemporaryDirectory() as tmp, \
                    live.instance(Path(tmp) / "instance", args.postgres if kind == "postgres" else None) as inst:
                print(f"{kind}: {args.editors} editors for {args.duration:.0f} s …", flush=True)
                result = soak(inst, editors=args.editors, duration=args.duration, workers=args.workers,
                              threads=args.threads)
                rows += summary_rows(result, args.workers, args.threads)
                failed += [f"{kind}: {p}" for p in problems(result)]
                if live.percentile(result.samples("write_seconds"), 99) >= 1.0:
                    failed.append(f"{kind}: p99 write latency ≥ 1 s")
    lines = [
        "# Soak: concurrent editors on one draft",
        "",
        f"Run on {dt.date.today().isoformat()} ({live.machine_note()}; load {load.describe()}; other work "
        "shared the machine). Command: `.venv/bin/python bench/soak_edits.py "
        f"--editors {args.editors} --duration {args.duration:.0f} --workers {args.workers} --threads {args.threads} "
        f"--database {args.database}`.",
        "",
        "Each editor is an officer account with its own API token, reading the draft and writing its title's "
        "counter + 1 with the revision it read (`PATCH /api/v1/decisions/<id>`), retrying after a 409. "
        "Lost updates = successful writes − final counter; the revision's growth and the `decision.update` "
        "audit rows per officer must equal the successful writes too. Latencies in ms (p50 / p90 / p99 / max); "
        "“edit” is from the first read to the saved write, retries included.",
        "",
        "| database | run | successful writes | final counter | lost updates | 409 | 5xx | 409 without who/when "
        "| write latency | p99 < 1 s | edit latency | writes per editor | statuses |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "Acceptance: 0 lost updates, 0 responses 5xx, every 409 names an officer and a time, p99 write "
        "latency < 1 s. " + ("All met." if not failed else "Not met: " + "; ".join(failed)),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
