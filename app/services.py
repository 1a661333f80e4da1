"""The application's long-lived objects: the database, the search backend and the index drainer."""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from catalogue import search_sync
from catalogue.db import Database
from search.interface import SearchBackend, open_backend

log = logging.getLogger("tthc.search")


class IndexDrainer:
    """A background thread that drains the search outbox after each commit (embedded default).

    Web requests never write the index: a commit only sets an event, and this thread (the single
    index writer of the process) does the work. It also polls, so rows left by a crash are picked up.
    """

    def __init__(self, services: "Services", interval: float = 5.0) -> None:
        self.services = services
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="search-drainer", daemon=True)
            self._thread.start()

    def notify(self, _uow: Any = None) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                search_sync.drain(self.services.db, self.services.search)
            except Exception:  # keep draining later; the outbox keeps the work
                log.exception("draining the search outbox failed; will retry")
            self._wake.wait(self.interval)
            self._wake.clear()


class Services:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self._db: Database | None = None
        self._search: SearchBackend | None = None
        self._lock = threading.Lock()
        self.drainer: IndexDrainer | None = None

    @property
    def db(self) -> Database:
        with self._lock:
            if self._db is None:
                url = self.config["DATABASE_URL"]
                if url.startswith("sqlite:///"):
                    Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
                self._db = Database.from_url(url)
            return self._db

    @property
    def search(self) -> SearchBackend:
        with self._lock:
            if self._search is None:
                if self.config["SEARCH_BACKEND"] == "postgres":
                    self._search = open_backend("postgres", url=self.config["DATABASE_URL"])
                else:
                    path = Path(self.config["SEARCH_INDEX_DIR"])
                    path.mkdir(parents=True, exist_ok=True)
                    self._search = open_backend("whoosh", path=str(path))
            return self._search

    def start_drainer(self) -> IndexDrainer:
        """Drain in a thread of this process, woken by every commit."""
        if self.drainer is None:
            self.drainer = IndexDrainer(self)
            self.db.on_commit.append(self.drainer.notify)
            self.drainer.start()
        return self.drainer

    def close(self) -> None:
        if self.drainer is not None:
            self.drainer.stop()
            self.drainer = None
        if self._search is not None:
            self._search.close()
            self._search = None
        if self._db is not None:
            self._db.dispose()
            self._db = None
