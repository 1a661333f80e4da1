"""Jobs the isolation tests send to review worker processes: they misbehave on purpose.

They live in a module of their own, importing almost nothing, because a worker imports the module
of every function it runs; a test module would drag pytest and its fixtures' builders along.
Each job returns what a real job returns: ``(json_value, bytes | None)``.
"""
from __future__ import annotations

import os
import signal
import time

from app.review_service import annotate_job, review_job


def own_pid() -> tuple[dict, None]:
    return {"pid": os.getpid()}, None


def nap(seconds: float) -> tuple[dict, None]:
    """Sleep, and say in which process and when (the concurrency test counts overlaps)."""
    start = time.time()
    time.sleep(seconds)
    return {"pid": os.getpid(), "start": start, "end": time.time()}, None


def die() -> tuple[dict, None]:
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def hog_memory() -> tuple[dict, None]:
    """Ask for 64 GiB: beyond any RLIMIT_AS the tests set."""
    hoard = bytearray(64 * 1024 ** 3)
    return {"size": len(hoard)}, None


def fail() -> tuple[dict, None]:
    raise ZeroDivisionError("lỗi cố ý trong một quy tắc")


def not_json() -> tuple[object, None]:
    return {1, 2, 3}, None


def bytes_back(size: int) -> tuple[dict, bytes]:
    return {"size": size}, b"\x00\xff" * (size // 2)


def slow_when_named(data: bytes, name: str, profile: str) -> tuple[dict, None]:
    """The real review, except that a file whose name contains "cham" never finishes."""
    if "cham" in name:
        time.sleep(3600)
    return review_job(data, name, profile)


def failing_review(data: bytes, name: str, profile: str) -> tuple[dict, None]:
    """A reviewer with a bug on one file (its name contains "loi")."""
    if "loi" in name:
        raise IndexError("list index out of range")
    return review_job(data, name, profile)


def slow_annotate(data: bytes, report: dict) -> tuple[dict, bytes | None]:
    time.sleep(3600)
    return annotate_job(data, report)
