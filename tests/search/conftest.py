"""Fixtures of the search tests: a backend of each kind and a small, realistic corpus.

The backend suite runs on Whoosh always and on PostgreSQL when ``TEST_DATABASE_URL`` is set.
"""
from __future__ import annotations

import os

import pytest

from search.interface import open_backend
from tests.search.factories import corpus

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


BACKENDS = ["whoosh", pytest.param("postgres", marks=[
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="TEST_DATABASE_URL is not set")])]


@pytest.fixture(params=BACKENDS)
def empty_backend(request, tmp_path):
    """A backend with an empty index."""
    if request.param == "whoosh":
        backend = open_backend("whoosh", path=tmp_path / "index")
    else:
        from sqlalchemy import create_engine
        from search.postgres_backend import drop_schema, ensure_schema

        engine = create_engine(POSTGRES_URL)
        drop_schema(engine)
        ensure_schema(engine)
        backend = open_backend("postgres", engine=engine)
    yield backend
    backend.close()
    if request.param == "postgres":
        engine.dispose()


@pytest.fixture
def backend(empty_backend):
    """A backend holding ``corpus()``."""
    empty_backend.rebuild(corpus())
    return empty_backend
