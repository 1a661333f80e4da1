"""Backup and restore of an instance: its database, the reviewers' kept uploads, and its search index.

The archive itself is :mod:`catalogue.backup`; this module knows the instance: which folders hold
files worth keeping (``reviews/``; the anonymous ``review-tmp/`` area lives for minutes and is left
out) and which tables are the PostgreSQL search index. The index, on either backend, is not
archived but rebuilt from the restored database, so it always matches it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Flask

from catalogue import search_sync
from catalogue.backup import BackupSummary, create_backup, restore_backup
from search import postgres_schema

from . import services

KEPT_AREAS = ("reviews",)


def areas(app: Flask) -> dict[str, Path]:
    instance = Path(app.config["TTHC_INSTANCE"])
    return {name: instance / name for name in KEPT_AREAS}


def index_tables() -> frozenset[str]:
    """The PostgreSQL search backend's tables: a cache of the catalogue, rebuilt rather than copied."""
    return frozenset(postgres_schema.metadata.tables)


def default_output() -> Path:
    return Path(f"tthc-backup-{dt.datetime.now(dt.timezone.utc):%Y%m%d-%H%M%S}.zip")


def backup(app: Flask, output: Path | None = None, *, logical: bool = False) -> BackupSummary:
    return create_backup(services(app).db.engine, output or default_output(), areas=areas(app),
                         exclude_tables=index_tables(), logical=logical)


def restore(app: Flask, archive: Path, *, force: bool = False) -> tuple[BackupSummary, int]:
    """Restore, then rebuild the search index; returns the summary and the procedures indexed."""
    svc = services(app)
    summary = restore_backup(svc.db.engine, archive, areas=areas(app), exclude_tables=index_tables(), force=force)
    return summary, search_sync.rebuild(svc.db, svc.search)
