"""A small sliding-window limit per client address, for the anonymous document review.

Reviewing is the one anonymous action that costs real CPU (a fixed copy re-reviews the document),
so each address may post at most ``count`` uploads per ``seconds``. The counts live in the memory
of each process: with several web workers an address gets up to that many times the limit, which
still stops a script hammering the reviewer; a proxy in front (nginx ``limit_req``) is the place for
a strict global limit. Logins, which need one, are limited from the database by the account code.
"""
from __future__ import annotations

import threading
import time
from collections import deque


class RateLimiter:
    def __init__(self, count: int, seconds: float, max_clients: int = 100_000) -> None:
        self.count, self.seconds, self.max_clients = count, seconds, max_clients
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, now: float | None = None) -> float:
        """Record one use by ``key``; 0 when allowed, else the seconds to wait (nothing recorded)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                if len(self._hits) >= self.max_clients:
                    self._forget_idle(now)
                hits = self._hits[key] = deque()
            while hits and now - hits[0] >= self.seconds:
                hits.popleft()
            if len(hits) >= self.count:
                return self.seconds - (now - hits[0])
            hits.append(now)
            return 0.0

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or now - v[-1] >= self.seconds]:
            del self._hits[key]
        if len(self._hits) >= self.max_clients:  # still full of active clients: start afresh
            self._hits.clear()


def parse_limit(value: str | tuple[int, int]) -> tuple[int, int]:
    """``"20/600"`` (20 per 600 seconds) or ``(20, 600)``."""
    if isinstance(value, tuple):
        return value
    count, _, seconds = str(value).partition("/")
    return int(count), int(seconds or 60)
