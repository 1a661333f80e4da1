"""A throwaway instance served on 127.0.0.1, for the soak, load and fault benchmarks and their short tests.

The concurrency claims (no lost update, no 500, the index catches up, a killed drainer loses
nothing) only mean something through the real deployment: a multi-process gunicorn (or the
embedded ``tthc serve``) talking to SQLite's file locks or PostgreSQL's row locks, a separate
``tthc search worker`` process, and HTTP clients that see what an officer's program would see. So
this module builds an instance folder (a SQLite file, or a database of its own on a PostgreSQL
server, dropped afterwards), starts those processes with the instance in their environment, and
gives a small stdlib HTTP client that times every request. Nothing here listens beyond 127.0.0.1.
"""
from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "catalogue" / "dvcqg-2642.jsonl.gz"
PYTHON = sys.executable
TTHC = "import sys; from app.cli import main; main(prog_name='tthc')"
OFFICER_PASSWORD = "mật-khẩu-đo-tải-dài-đủ"


@dataclass
class Instance:
    """Where the app's data lives; ``env`` configures any process started for it."""
    folder: Path
    database_url: str
    search_backend: str = "whoosh"
    load_demo: bool = True
    _app: Any = field(default=None, repr=False)

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("SEARCH_INDEX_DIR", "FLASK_DEBUG")}
        env.update({"TTHC_INSTANCE": str(self.folder), "DATABASE_URL": self.database_url,
                    "SEARCH_BACKEND": self.search_backend, "TTHC_ENV": "development",
                    "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"})
        return env

    @property
    def kind(self) -> str:
        return "postgres" if self.database_url.startswith("postgresql") else "sqlite"

    def app(self):
        """The Flask app of this instance in this process (for setup and checks, never for serving load)."""
        if self._app is None:
            from app import create_app
            self._app = create_app({"TTHC_INSTANCE": str(self.folder), "DATABASE_URL": self.database_url,
                                    "SEARCH_BACKEND": self.search_backend,
                                    "SEARCH_INDEX_DIR": str(self.folder / "search-index"),
                                    "LOAD_DEMO": self.load_demo, "TTHC_ENV": "development"})
        return self._app

    @property
    def services(self):
        return self.app().extensions["tthc"]

    def close(self) -> None:
        if self._app is not None:
            self._app.extensions["tthc"].close()
            self._app = None


@contextmanager
def instance(folder: Path, postgres_admin_url: str | None = None, *, search_backend: str | None = None,
             load_demo: bool = True, copy_of: Path | None = None) -> Iterator[Instance]:
    """A migrated instance in ``folder``; on PostgreSQL a new database, dropped on the way out.

    ``copy_of``: a SQLite instance folder prepared before (e.g. with the real catalogue imported
    and indexed), copied and migrated instead of indexed again.
    """
    from sqlalchemy import create_engine, text

    if copy_of is not None:
        shutil.copytree(copy_of, folder)
    folder.mkdir(parents=True, exist_ok=True)
    if postgres_admin_url is None:
        inst = Instance(folder, f"sqlite:///{folder / 'tthc.sqlite'}", search_backend or "whoosh", load_demo)
        try:
            _prepare(inst, index=copy_of is None)
            yield inst
        finally:
            inst.close()
        return
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_admin_url.rsplit("/", 1)[0] + "/" + name
    inst = Instance(folder, url, search_backend or "postgres", load_demo)
    try:
        _prepare(inst)
        yield inst
    finally:
        inst.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _prepare(inst: Instance, index: bool = True) -> None:
    """Migrate (and load the demo catalogue if asked and empty), then index everything."""
    from app.cli import prepare_database
    from catalogue import search_sync

    prepare_database(inst.app())
    if index:
        search_sync.rebuild(inst.services.db, inst.services.search)


def import_real_catalogue(inst: Instance, effective_from) -> int:
    """The 2,642 portal procedures (read in place from ../shared/data), indexed; returns the count."""
    from catalogue import search_sync
    from catalogue.importers.dvcqg import import_dvcqg

    with inst.services.db.unit_of_work("bench") as uow:
        import_dvcqg(uow.session, "bench", DATA, effective_from=effective_from)
    return search_sync.rebuild(inst.services.db, inst.services.search)


def add_officers(inst: Instance, count: int, prefix: str = "can-bo") -> list[tuple[str, str]]:
    """``count`` officer accounts, each with an API token: [(email, token)].

    They only ever use their tokens, so their passwords are hashed at a low Argon2 cost: fifty
    accounts at the production cost would take longer to create than a short test runs (the cost
    is raised at the first login anyway, by ``accounts.needs_rehash``).
    """
    from unittest import mock

    from argon2 import PasswordHasher

    from catalogue import accounts

    made = []
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with mock.patch.object(accounts, "_hasher", cheap), inst.services.db.unit_of_work("bench") as uow:
        for i in range(1, count + 1):
            email = f"{prefix}-{i:02d}@example.vn"
            user = accounts.create_user(uow.session, "bench", email=email, role="officer",
                                        password=OFFICER_PASSWORD, name=f"Cán bộ {i:02d}")
            made.append((email, accounts.create_token(uow.session, "bench", user, "đo tải")[1]))
    return made


# -- processes ----------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tthc_command(*args: str) -> list[str]:
    """The ``tthc`` command line run by this interpreter (the console script may not be installed)."""
    return [PYTHON, "-c", TTHC, *args]


def run_tthc(inst: Instance, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(tthc_command(*args), cwd=ROOT, env=inst.env, capture_output=True, text=True,
                          timeout=timeout)


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""

    def exceptions(self) -> dict[str, int]:
        """The last line of every traceback in the server's log (``KeyError: 'x'``) → how many times."""
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return {}
        found: dict[str, int] = {}
        in_traceback = False
        for line in lines:
            if line.startswith("Traceback (most recent call last)"):
                in_traceback = True
            elif in_traceback and line and not line.startswith(" "):
                found[line] = found.get(line, 0) + 1
                in_traceback = False
        return found


def _stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


@contextmanager
def _served(inst: Instance, command: list[str], port: int, log_name: str) -> Iterator[Server]:
    log = inst.folder / log_name
    with open(log, "ab") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=inst.env, stdout=sink, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        yield server
    finally:
        _stop(process, signal.SIGINT)  # a quick shutdown: what was written is already committed


@contextmanager
def gunicorn(inst: Instance, *, workers: int = 2, threads: int = 4, ready_path: str = "/",
             timeout: float = 90) -> Iterator[Server]:
    """The production web server: ``workers`` processes × ``threads`` threads on 127.0.0.1.

    ``--preload`` imports the app once and forks the workers (they start in a second instead of
    each importing it): ``create_app`` opens no connection and no index, so nothing is shared.
    """
    port = free_port()
    command = [str(Path(PYTHON).with_name("gunicorn")), "--workers", str(workers), "--threads", str(threads),
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60", "--preload",
               "app:create_app()"]
    with _served(inst, command, port, "gunicorn.log") as server:
        wait_ready(server, ready_path, timeout, expect_workers=workers)
        yield server


@contextmanager
def embedded(inst: Instance, *, ready_path: str = "/", timeout: float = 90) -> Iterator[Server]:
    """The embedded default: ``tthc serve`` (one process, threads, the index drainer thread)."""
    port = free_port()
    command = tthc_command("serve", "--host", "127.0.0.1", "--port", str(port))
    with _served(inst, command, port, "serve.log") as server:
        wait_ready(server, ready_path, timeout)
        yield server


def wait_ready(server: Server, path: str, timeout: float, expect_workers: int = 1) -> None:
    """Until ``path`` answers 200 a few times in a row (so each worker has loaded the app)."""
    deadline = time.monotonic() + timeout
    client = Client(server.base_url)
    good = 0
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            if client.request("GET", path).status == 200:
                good += 1
                if good >= 2 * expect_workers:
                    return
                continue
        except OSError:
            pass
        good = 0
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {path} within {timeout:.0f} s:\n{server.log_tail()}")


@contextmanager
def search_worker(inst: Instance, interval: float = 0.2) -> Iterator[subprocess.Popen]:
    """``tthc search worker``: the index drainer as its own process (production)."""
    with open(inst.folder / "search-worker.log", "ab") as sink:
        process = subprocess.Popen(tthc_command("search", "worker", "--interval", str(interval)), cwd=ROOT,
                                   env=inst.env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield process
    finally:
        _stop(process)


# -- HTTP -----------------------------------------------------------------------------------------------

@dataclass
class Response:
    status: int
    body: bytes
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class Client:
    """One request per connection (no keep-alive ambiguity: a write is never silently resent)."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 60) -> None:
        host, port = base_url.removeprefix("http://").split(":")
        self.host, self.port, self.token, self.timeout = host, int(port), token, timeout

    def request(self, method: str, path: str, body: Any = None) -> Response:
        headers = {"Accept": "application/json", "Connection": "close"}
        payload = None
        if body is not None:
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        started = time.perf_counter()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=payload, headers=headers)
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        return Response(response.status, data, time.perf_counter() - started)


# -- figures --------------------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (``p`` in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


def latency_ms(values: list[float]) -> str:
    """``p50 / p90 / p99 / max`` in milliseconds."""
    return " / ".join(f"{percentile(values, p) * 1000:.0f}" for p in (50, 90, 99, 100))


class LoadAverage:
    """The 1-minute load average sampled during a run (other work shares the machine's cores)."""

    def __init__(self, every: float = 2.0) -> None:
        self.samples: list[float] = []
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(os.getloadavg()[0])
            self._stop.wait(self._every)

    def __enter__(self) -> "LoadAverage":
        self._thread.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self._stop.set()
        self._thread.join()

    def describe(self) -> str:
        if not self.samples:
            return "n/a"
        return (f"{sum(self.samples) / len(self.samples):.2f} mean, {max(self.samples):.2f} peak "
                f"(1-min load average, {os.cpu_count()} cores)")


def machine_note() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
