"""Worker processes that read hostile uploads under a memory and a time limit.

Why a separate process at all: the safe reader refuses bombs it can see from the bytes
(DESIGN §6), but a document can stay inside every structural limit and still cost minutes of CPU
or gigabytes of memory in the model and the rules (120,000 one-run paragraphs, 10 MB: 35 s and
700 MB when reviewed in-process). In the web process such a file would starve or kill every other
request of the worker. In a child process it meets hard limits the web process never feels:

- **memory**: the child sets ``RLIMIT_AS`` on itself (``REVIEW_MEMORY_MB``, 512 by default), so
  an allocation beyond it fails inside the child. Python and lxml report that failure under
  several names (``MemoryError``, ``SystemError``, an lxml error), so a job that fails while the
  child's peak address space is near the limit counts as a memory failure; a child whose peak has
  passed half the limit leaves after its answer, so the next job starts from a clean heap.
- **time**: the parent waits ``REVIEW_TIMEOUT_S`` (30) of wall-clock time for the answer, then
  kills the child (SIGKILL: a C loop inside lxml ignores anything gentler).
- **concurrency**: at most ``REVIEW_WORKERS`` (2) children exist per web process; a semaphore
  shared by the web process's threads hands them out, and a request waits for a free one at most
  ``REVIEW_QUEUE_TIMEOUT_S`` (60) before it is told the service is busy.

Children are started with the ``forkserver`` method (``spawn`` where there is none): forking a web
process that runs threads can copy a lock held by another thread and deadlock the child. The fork
server preloads the reviewer once, so a new child serves its first job within tens of milliseconds;
children are reused between documents (a typical document and its report cross in one or two
milliseconds, against 15–50 ms for the review itself: ``bench/results/review_isolation.md``), leave
after ``REVIEW_WORKER_IDLE_S`` (300) without work to give the memory back, and one that was killed,
crashed or ran out of memory is replaced at once.

The parent sends a job (a module-level function and its arguments) with pickle, which is safe in
that direction. The child answers in JSON plus an optional block of bytes, never pickle, so even a
child taken over through a parser flaw cannot run code in the web process by its answer. This is
resource isolation, not a privilege boundary: the child runs as the same user.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import resource
import signal
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("tthc.review")

MiB = 1024 * 1024
READY = b"ready"
PEAK_RECYCLE = 0.5   # a child whose peak address space passed this share of the limit is replaced
PEAK_EXHAUSTED = 0.9  # a failure above this share of the limit is a memory failure


@dataclass(frozen=True)
class WorkerSettings:
    """How many children, and what each job may cost."""
    workers: int = 2
    memory_mb: int = 512
    timeout_s: float = 30.0
    queue_timeout_s: float = 60.0
    idle_s: float = 300.0
    start_timeout_s: float = 60.0

    @classmethod
    def from_config(cls, config: Any) -> "WorkerSettings":
        """``REVIEW_WORKERS``, ``REVIEW_MEMORY_MB``, ``REVIEW_TIMEOUT_S``, … from the app's config."""
        base = cls()
        settings = cls(
            workers=int(config.get("REVIEW_WORKERS", base.workers)),
            memory_mb=int(config.get("REVIEW_MEMORY_MB", base.memory_mb)),
            timeout_s=float(config.get("REVIEW_TIMEOUT_S", base.timeout_s)),
            queue_timeout_s=float(config.get("REVIEW_QUEUE_TIMEOUT_S", base.queue_timeout_s)),
            idle_s=float(config.get("REVIEW_WORKER_IDLE_S", base.idle_s)),
        )
        if settings.workers < 1 or settings.memory_mb < 64 or settings.timeout_s <= 0:
            raise ValueError("REVIEW_WORKERS ≥ 1, REVIEW_MEMORY_MB ≥ 64 and REVIEW_TIMEOUT_S > 0 are required")
        return settings


class WorkerLimitError(Exception):
    """A job that did not finish: ``kind`` for programs and logs, ``message`` in Vietnamese for people.

    Kinds: ``timeout``, ``memory``, ``crashed`` (the child died), ``busy`` (no free child in time),
    ``error`` (the job raised; ``detail`` holds the child's traceback for the log, never the user).
    """

    def __init__(self, kind: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


def _messages(settings: WorkerSettings) -> dict[str, str]:
    return {
        "timeout": f"Tệp cần quá nhiều thời gian để kiểm tra (quá {settings.timeout_s:g} giây) nên đã bị dừng. "
                   "Tệp có thể quá lớn hoặc có cấu trúc bất thường; hãy kiểm tra lại tệp hoặc tách văn bản "
                   "thành các tệp nhỏ hơn rồi gửi lại.",
        "memory": f"Tệp cần quá nhiều bộ nhớ để kiểm tra (vượt {settings.memory_mb} MB) nên đã bị dừng. "
                  "Tệp có thể quá lớn hoặc có cấu trúc bất thường; hãy kiểm tra lại tệp hoặc tách văn bản "
                  "thành các tệp nhỏ hơn rồi gửi lại.",
        "crashed": "Quá trình đọc tệp bị dừng bất thường nên không kiểm tra được tệp này. Tệp có thể bị hỏng "
                   "hoặc quá lớn; hãy mở bằng Word, lưu lại rồi gửi lại.",
        "busy": "Hệ thống đang kiểm tra nhiều văn bản cùng lúc nên chưa kiểm tra được tệp này. "
                "Hãy gửi lại sau ít phút.",
        "error": "Không kiểm tra được tệp này do một lỗi ngoài ý muốn của chương trình kiểm tra. "
                 "Lỗi đã được ghi lại để khắc phục.",
    }


# -- the child -------------------------------------------------------------------------------------

def _peak_address_space() -> int | None:
    """The child's peak virtual memory in bytes (Linux ``VmPeak``), or None where unknown."""
    try:
        with open("/proc/self/status", encoding="utf-8", errors="replace") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


_memory_limit: int | None = None


def memory_exhausted() -> bool:
    """In a child: whether this job has (very likely) hit the memory limit.

    A job may call it when a library turned an allocation failure into an ordinary error (lxml
    reports some as broken XML), so the answer names the real cause.
    """
    peak = _peak_address_space()
    return _memory_limit is not None and peak is not None and peak >= PEAK_EXHAUSTED * _memory_limit


@dataclass(frozen=True)
class _Answer:
    status: str  # ok, memory, error
    value: Any = None
    blob: bytes | None = None
    leaving: bool = False  # the child exits after this answer (heap renewal)


def _encode(answer: _Answer) -> bytes:
    header = json.dumps({"status": answer.status, "value": answer.value, "blob": answer.blob is not None,
                         "leaving": answer.leaving}, ensure_ascii=False).encode("utf-8")
    return len(header).to_bytes(4, "big") + header + (answer.blob or b"")


def _decode(message: bytes) -> _Answer:
    size = int.from_bytes(message[:4], "big")
    header = json.loads(message[4:4 + size].decode("utf-8"))
    if not isinstance(header, dict) or header.get("status") not in ("ok", "memory", "error"):
        raise ValueError("malformed answer from a review worker")
    blob = message[4 + size:] if header.get("blob") else None
    return _Answer(header["status"], header.get("value"), blob, bool(header.get("leaving")))


def _child_main(conn, memory_bytes: int, idle_s: float) -> None:
    """Serve jobs until told to stop, idle too long, or the heap needs renewing."""
    global _memory_limit
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C of the server is the parent's business
    _memory_limit = memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    conn.send_bytes(READY)
    while conn.poll(idle_s):
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        answer = _run_job(*job)
        peak = _peak_address_space()
        leaving = answer.status == "memory" or (peak is not None and peak > PEAK_RECYCLE * memory_bytes)
        try:
            message = _encode(_Answer(answer.status, answer.value, answer.blob, leaving))
        except (TypeError, ValueError):  # a value JSON cannot carry is a bug of the job
            message = _encode(_Answer("error", traceback.format_exc(limit=5), None, leaving))
        except MemoryError:
            leaving = True
            message = _encode(_Answer("memory", None, None, leaving))
        try:
            conn.send_bytes(message)
        except (OSError, ValueError):
            break
        if leaving:
            break
    conn.close()


def _run_job(function: Callable[..., tuple[Any, bytes | None]], args: tuple) -> _Answer:
    try:
        value, blob = function(*args)
        return _Answer("ok", value, blob)
    except MemoryError:
        return _Answer("memory")
    except Exception:
        if memory_exhausted():
            return _Answer("memory")
        return _Answer("error", traceback.format_exc(limit=20))


# -- the parent ------------------------------------------------------------------------------------

class _Worker:
    """One child process and the parent's end of its pipe."""

    def __init__(self, context, settings: WorkerSettings) -> None:
        parent_end, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=_child_main, name="tthc-review-worker", daemon=True,
                                       args=(child_end, settings.memory_mb * MiB, settings.idle_s))
        self.process.start()
        child_end.close()
        self.conn = parent_end
        self.ready = False
        self.last_used = time.monotonic()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def wait_ready(self, timeout: float) -> bool:
        if not self.ready:
            try:
                self.ready = self.conn.poll(timeout) and self.conn.recv_bytes() == READY
            except (EOFError, OSError):
                self.ready = False
        return self.ready

    def stop(self) -> None:
        """Kill and reap the child (it may be inside a C loop that ignores anything gentler)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def exit_note(self) -> str:
        self.process.join(timeout=1)
        code = self.process.exitcode
        if code is None:
            return "still running"
        return f"signal {-code}" if code < 0 else f"exit status {code}"


def _start_method() -> str:
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class ReviewPool:
    """At most ``settings.workers`` child processes, shared by the threads of one web process."""

    def __init__(self, settings: WorkerSettings = WorkerSettings(), preload: tuple[str, ...] = ()) -> None:
        self.settings = settings
        self.messages = _messages(settings)
        self._context = multiprocessing.get_context(_start_method())
        if preload and self._context.get_start_method() == "forkserver":
            self._context.set_forkserver_preload(list(preload))
        self._slots = threading.BoundedSemaphore(settings.workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    # -- running a job ---------------------------------------------------------------------------
    def run(self, function: Callable[..., tuple[Any, bytes | None]], *args: Any) -> tuple[Any, bytes | None]:
        """``function(*args)`` in a child: its JSON value and bytes, or ``WorkerLimitError``.

        ``function`` must be importable by name (module level) and return ``(json_value, bytes | None)``.
        """
        if not self._slots.acquire(timeout=self.settings.queue_timeout_s):
            raise self._limit("busy")
        worker: _Worker | None = None
        healthy = False
        try:
            worker = self._checkout()
            if not worker.wait_ready(self.settings.start_timeout_s):
                log.error("a review worker did not start (%s)", worker.exit_note())
                raise self._limit("crashed")
            try:
                worker.conn.send((function, args))
            except (OSError, ValueError):
                raise self._limit("crashed") from None
            if not worker.conn.poll(self.settings.timeout_s):
                log.warning("review worker %s killed after %g s", worker.pid, self.settings.timeout_s)
                raise self._limit("timeout")
            try:
                answer = _decode(worker.conn.recv_bytes())
            except (EOFError, OSError, ValueError, UnicodeDecodeError):
                log.warning("review worker %s died during a job (%s)", worker.pid, worker.exit_note())
                raise self._limit("crashed") from None
            healthy = not answer.leaving
            if answer.status == "memory":
                log.warning("review worker %s ran out of memory (%d MB)", worker.pid, self.settings.memory_mb)
                raise self._limit("memory")
            if answer.status == "error":
                raise self._limit("error", str(answer.value))
            return answer.value, answer.blob
        finally:
            self._checkin(worker, healthy)
            self._slots.release()

    def _limit(self, kind: str, detail: str = "") -> WorkerLimitError:
        return WorkerLimitError(kind, self.messages[kind], detail)

    # -- the children ----------------------------------------------------------------------------
    def _checkout(self) -> _Worker:
        """An idle child that is alive and was not about to leave for idleness, else a new one."""
        stale_after = self.settings.idle_s / 2
        found, stale = None, []
        with self._lock:
            if self._closed:
                raise self._limit("busy")
            while self._idle and found is None:
                worker = self._idle.pop()
                if worker.process.is_alive() and time.monotonic() - worker.last_used < stale_after:
                    found = worker
                else:
                    stale.append(worker)
        for worker in stale:
            worker.stop()
        return found if found is not None else _Worker(self._context, self.settings)

    def _checkin(self, worker: _Worker | None, healthy: bool) -> None:
        if worker is None:
            return
        if not healthy or self._closed:
            worker.stop()
            if self._closed:
                return
            try:
                worker = _Worker(self._context, self.settings)  # the replacement, warming up already
            except OSError:
                log.exception("could not start a replacement review worker")
                return
        worker.last_used = time.monotonic()
        with self._lock:
            if self._closed:
                worker.stop()
            else:
                self._idle.append(worker)

    def pids(self) -> list[int]:
        """The process ids of the idle children (for tests and health pages)."""
        with self._lock:
            return [w.pid for w in self._idle if w.pid is not None]

    def close(self) -> None:
        """Stop every idle child; busy ones are stopped when their job returns."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
            worker.process.join(timeout=1)
            worker.stop()


_app_lock = threading.Lock()


def pool_for(app: Any, preload: tuple[str, ...] = ()) -> ReviewPool:
    """The app's pool, made on first use from its config and stopped when the app goes away."""
    pool = app.extensions.get("tthc_review_pool")
    if pool is None:
        with _app_lock:
            pool = app.extensions.get("tthc_review_pool")
            if pool is None:
                pool = ReviewPool(WorkerSettings.from_config(app.config), preload)
                app.extensions["tthc_review_pool"] = pool
                weakref.finalize(app, pool.close)
    return pool
