"""Engines and the unit of work: the one place that commits.

SQLite (the embedded default) runs in WAL mode with a busy timeout and foreign keys on; a write
unit of work starts with ``BEGIN IMMEDIATE`` so two writers queue on the lock instead of failing
half-way when a read transaction tries to upgrade. Services only flush; :class:`UnitOfWork` commits
and then runs the after-commit callbacks (such as waking the search-index drainer), so a side effect
never happens for a change that was rolled back.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine with the project's connection settings for SQLite or PostgreSQL."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class UnitOfWork:
    """A session plus after-commit callbacks. Services receive ``uow.session`` and flush only."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        self._after_commit: list[Callable[[], None]] = []

    def after_commit(self, callback: Callable[[], None]) -> None:
        self._after_commit.append(callback)

    def run_after_commit(self) -> None:
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()


class Database:
    """Sessions for reading and for writing against one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        write_engine = engine.execution_options(sqlite_immediate=True) if is_sqlite(engine) else engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(write_engine, expire_on_commit=False)
        self.on_commit: list[Callable[[UnitOfWork], None]] = []

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> "Database":
        return cls(make_engine(url, **kwargs))

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def unit_of_work(self, actor: str = "system") -> Iterator[UnitOfWork]:
        """Commit on success, roll back on any exception, then run after-commit callbacks."""
        with self._write() as session:
            uow = UnitOfWork(session, actor)
            try:
                yield uow
                session.commit()
            except BaseException:
                session.rollback()
                raise
        for hook in self.on_commit:
            hook(uow)
        uow.run_after_commit()

    def dispose(self) -> None:
        self.engine.dispose()
