"""Request-scoped access to the catalogue database."""
from __future__ import annotations

from flask import current_app, g
from sqlalchemy.orm import Session


def read_session() -> Session:
    """One read session per request, closed at teardown."""
    if "tthc_session" not in g:
        ctx = current_app.extensions["tthc"].db.read()
        g.tthc_session_ctx = ctx
        g.tthc_session = ctx.__enter__()
    return g.tthc_session


def close_session(_exc: BaseException | None = None) -> None:
    ctx = g.pop("tthc_session_ctx", None)
    g.pop("tthc_session", None)
    if ctx is not None:
        ctx.__exit__(None, None, None)


def end_read_transaction() -> None:
    """Let the next read of this request see what the request has just committed.

    The request's read session keeps one transaction, and on SQLite (WAL) a transaction reads one
    snapshot: after a unit of work commits, a page rendered in the same request would otherwise
    show the state from before the write.
    """
    session = g.get("tthc_session")
    if session is not None:
        session.rollback()
