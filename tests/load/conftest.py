"""Short versions of the load, soak and fault benchmarks, run against real server processes.

They share their code with ``bench/soak_edits.py``, ``bench/search_while_publishing.py`` and
``bench/drainer_kill.py`` and run for a few seconds each; the long versions are marked ``slow``
(``pytest -m slow tests/load``). They assert correctness only: latencies are reported by the
benchmarks, never asserted by tests.
"""
from __future__ import annotations

import os

import pytest

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
DATABASES = ["sqlite", pytest.param("postgres", marks=[
    pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason="TEST_DATABASE_URL is not set")])]


def admin_url(database: str) -> str | None:
    """The PostgreSQL server to create a throwaway database on, or None for SQLite."""
    return POSTGRES_URL if database == "postgres" else None
