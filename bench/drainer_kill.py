"""Faults: the index drainer (``tthc search worker``) is killed with SIGKILL at random moments.

    .venv/bin/python bench/drainer_kill.py [--trials 20] [--items 100] [--database sqlite|postgres|both]
                                           [--catalogue real|demo] [--seed N] [--postgres ADMIN_URL]

Each trial publishes a decision amending ``--items`` procedures (their outbox rows commit with the
change), starts a worker, kills it (``kill -9``) after a random delay — while it starts, while it
drains, or after it finished — records how far it got (procedures the index holds at an old
revision, outbox rows left), restarts it and times how long until ``search_sync.check`` (what
``tthc search check`` runs) finds no mismatch; the limit is 60 s. The real ``tthc search check``
then has to exit 0. The delays are drawn up to 1.2 × the time one uninterrupted worker takes from
its start to consistency (measured first), so the kills spread over every phase of its life.

On SQLite + Whoosh and on PostgreSQL + the PostgreSQL search backend (a database of its own,
created and dropped on the server of ``--postgres`` or ``TEST_DATABASE_URL``). Figures go to
bench/results/drainer_kill.md; the short version (3 trials) is tests/load/test_drainer_kill.py.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import live_instance as live  # noqa: E402

RESULTS = live.ROOT / "bench" / "results" / "drainer_kill.md"
CONSISTENCY_LIMIT = 60.0
FIRST_TRIAL_DAY = dt.date(2030, 1, 1)  # later than every edition of the demo and imported catalogues
IMPORT_EFFECTIVE = dt.date(2025, 1, 1)


@dataclass
class Trial:
    number: int
    delay: float                 # worker start → SIGKILL
    phase: str                   # how far the killed worker got
    stale_at_kill: int           # procedures whose index revision differed from the database's
    outbox_at_kill: int          # outbox rows left
    consistent_after: float | None  # restart → no mismatch (None: not within the limit)
    cli_ok: bool | None          # ``tthc search check`` exited 0 with "0 thủ tục lệch" (None: not run)


def amendable(session) -> list[tuple[int, str]]:
    """(id, code) of the procedures in force whose code no other procedure shares."""
    from sqlalchemy import func, select

    from catalogue.models import Edition, Procedure

    shared = {code for code, n in session.execute(select(Procedure.code, func.count()).group_by(Procedure.code))
              if n > 1}
    rows = session.execute(
        select(Procedure.id, Procedure.code).join(Edition, Edition.procedure_id == Procedure.id)
        .where(Procedure.code.is_not(None), Edition.effective_to.is_(None), Edition.in_force.is_(True))
        .order_by(Procedure.id))
    return [(pid, code) for pid, code in rows if code not in shared]


def publish_change(inst: live.Instance, trial: int, items: int, rng: random.Random) -> int:
    """Publish a decision amending ``items`` random procedures; returns how many editions it made."""
    from catalogue import decisions

    with inst.services.db.read() as session:
        chosen = rng.sample(amendable(session), items)
    day = FIRST_TRIAL_DAY + dt.timedelta(days=trial)
    with inst.services.db.unit_of_work("kiem-thu") as uow:
        draft = decisions.create_draft(uow.session, "kiem-thu", number=f"{trial}/QĐ-THU-{rng.randrange(10**6)}",
                                       date=day, effective_date=day, signer="Nguyễn Văn A")
        for _pid, code in chosen:
            decisions.add_item(uow.session, "kiem-thu", draft, decisions.ItemInput(
                kind="amended", code=code, name=f"Thủ tục sửa đổi lần {trial} mã {code}", changed_parts=["name"]))
        return len(decisions.publish(uow.session, "kiem-thu", draft.id).editions)


def stale_count(inst: live.Instance) -> int:
    from catalogue import search_sync

    return len(search_sync.check(inst.services.db, inst.services.search))


def outbox_count(inst: live.Instance) -> int:
    from sqlalchemy import func, select

    from catalogue.models import SearchOutbox

    with inst.services.db.read() as session:
        return session.scalar(select(func.count()).select_from(SearchOutbox)) or 0


def start_worker(inst: live.Instance, interval: float) -> subprocess.Popen:
    log = open(inst.folder / "search-worker.log", "ab")
    try:
        return subprocess.Popen(live.tthc_command("search", "worker", "--interval", str(interval)), cwd=live.ROOT,
                                env=inst.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        log.close()


def kill(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
    process.wait(timeout=30)


def wait_consistent(inst: live.Instance, limit: float = CONSISTENCY_LIMIT) -> float | None:
    """Seconds until the index holds every procedure at the database's revision, or None."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if stale_count(inst) == 0:
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def cli_check(inst: live.Instance) -> bool:
    run = live.run_tthc(inst, "search", "check")
    return run.returncode == 0 and "0 thủ tục lệch" in run.stdout


def calibrate(inst: live.Instance, items: int, rng: random.Random, interval: float) -> float:
    """Seconds one worker takes from its start until the index caught up with a fresh publication."""
    publish_change(inst, 0, items, rng)
    worker = start_worker(inst, interval)
    try:
        took = wait_consistent(inst)
    finally:
        kill(worker, signal.SIGTERM)
    if took is None:
        raise RuntimeError("an uninterrupted worker did not catch up within the limit")
    return took


def phase(stale: int, outbox: int, items: int) -> str:
    if stale >= items:
        return "before indexing"
    if stale > 0:
        return "while indexing"
    return "indexed, outbox not yet cleared" if outbox else "after draining"


def wait_progress(inst: live.Instance, items: int, limit: float = CONSISTENCY_LIMIT) -> None:
    """Until the index holds at least one of the last publication's changes (the worker is draining)."""
    started = time.monotonic()
    while time.monotonic() - started < limit and stale_count(inst) >= items:
        time.sleep(0.01)


def run_trials(inst: live.Instance, *, trials: int, items: int, max_delay: float, seed: int,
               interval: float = 0.2, cli_every_trial: bool = True,
               kill_points: list[str] | None = None) -> list[Trial]:
    """``trials`` publish → start → SIGKILL → restart cycles; returns what each one saw.

    ``kill_points`` says when each trial kills: ``"random"`` (the default for every trial) after a
    delay drawn from 0–``max_delay`` s, or ``"indexing"`` as soon as the index shows the first
    change of the trial (plus up to 50 ms), which lands in the middle of draining without having
    to draw many random delays.
    """
    rng = random.Random(seed)
    done = []
    for number, point in zip(range(1, trials + 1), kill_points or ["random"] * trials):
        publish_change(inst, number, items, rng)
        worker = start_worker(inst, interval)
        started = time.monotonic()
        if point == "random":
            time.sleep(rng.uniform(0, max_delay))
        else:
            wait_progress(inst, items)
            time.sleep(rng.uniform(0, 0.05))
        kill(worker)
        delay = time.monotonic() - started
        stale, outbox = stale_count(inst), outbox_count(inst)
        restarted = start_worker(inst, interval)
        try:
            consistent = wait_consistent(inst)
        finally:
            kill(restarted, signal.SIGTERM)
        cli = cli_check(inst) if cli_every_trial or number == trials else None
        done.append(Trial(number, delay, phase(stale, outbox, items), stale, outbox, consistent, cli))
    return done


def problems(trials: list[Trial]) -> list[str]:
    found = []
    for t in trials:
        if t.consistent_after is None:
            found.append(f"trial {t.number}: not consistent within {CONSISTENCY_LIMIT:.0f} s of the restart")
        if t.cli_ok is False:
            found.append(f"trial {t.number}: tthc search check reported mismatches")
    return found


def report(kind: str, items: int, calibration: float, trials: list[Trial]) -> list[str]:
    times = [t.consistent_after for t in trials if t.consistent_after is not None]
    phases = Counter(t.phase for t in trials)
    lines = [
        f"## {kind}",
        "",
        f"{len(trials)} trials, {items} procedures amended per trial; an uninterrupted worker caught up "
        f"{calibration:.1f} s after its start, so kills fell in 0–{1.2 * calibration:.1f} s. Kill points: "
        + ", ".join(f"{n} {p}" for p, n in phases.most_common()) + ". "
        f"Time to consistency after the restart: median {live.percentile(times, 50):.1f} s, "
        f"max {max(times, default=0):.1f} s (limit {CONSISTENCY_LIMIT:.0f} s; it includes the worker's start).",
        "",
        "| trial | killed after | kill point | stale at kill | outbox rows at kill | consistent after restart | "
        "`tthc search check` |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in trials:
        after = f"{t.consistent_after:.1f} s" if t.consistent_after is not None else "NOT within the limit"
        cli = {True: "0 mismatches", False: "MISMATCHES", None: "not run"}[t.cli_ok]
        lines.append(f"| {t.number} | {t.delay:.2f} s | {t.phase} | {t.stale_at_kill} | {t.outbox_at_kill} | "
                     f"{after} | {cli} |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--catalogue", choices=("real", "demo"), default="real")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL"),
                        help="admin URL of a PostgreSQL server (a database is created and dropped on it)")
    args = parser.parse_args()
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if "postgres" in kinds and not args.postgres:
        sys.exit("PostgreSQL needs --postgres URL (or TEST_DATABASE_URL)")
    if args.catalogue == "real" and not live.DATA.is_file():
        sys.exit(f"{live.DATA} is absent: use --catalogue demo")
    sections, failed = [], []
    with live.LoadAverage() as load:
        for kind in kinds:
            with tempfile.TemporaryDirectory() as tmp, \
                    live.instance(Path(tmp) / "instance", args.postgres if kind == "postgres" else None,
                                  load_demo=args.catalogue == "demo") as inst:
                if args.catalogue == "real":
                    print(f"{kind}: importing and indexing the real catalogue …", flush=True)
                    live.import_real_catalogue(inst, IMPORT_EFFECTIVE)
                rng = random.Random(args.seed)
                calibration = calibrate(inst, args.items, rng, 0.2)
                print(f"{kind}: uninterrupted worker caught up in {calibration:.1f} s; {args.trials} trials …",
                      flush=True)
                trials = run_trials(inst, trials=args.trials, items=args.items, max_delay=1.2 * calibration,
                                    seed=args.seed + 1)
            label = ("SQLite + Whoosh" if kind == "sqlite" else "PostgreSQL + PostgreSQL search backend")
            sections += report(label, args.items, calibration, trials)
            failed += [f"{kind}: {p}" for p in problems(trials)]
            print("\n".join(sections[-len(trials) - 6:]), flush=True)
    lines = [
        "# Faults: the search worker killed with SIGKILL",
        "",
        f"Run on {dt.date.today().isoformat()} ({live.machine_note()}; load {load.describe()}; other work shared "
        f"the machine). Command: `.venv/bin/python bench/drainer_kill.py --trials {args.trials} --items {args.items} "
        f"--database {args.database} --catalogue {args.catalogue}`.",
        "",
        f"Catalogue: {'the 2,642 real procedures' if args.catalogue == 'real' else 'the demo catalogue'}. Each trial "
        "publishes a decision, starts `tthc search worker`, kills it with SIGKILL after a random delay, restarts it "
        "and times how long until no procedure's indexed revision differs from the database's; then the real "
        "`tthc search check` must exit 0. “Stale at kill” counts procedures the index held at an old revision when "
        "the worker died.",
        "",
        *sections,
        "Acceptance: `tthc search check` reports 0 mismatches within 60 s of every restart. "
        + ("Met in every trial." if not failed else "Not met: " + "; ".join(failed)),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
