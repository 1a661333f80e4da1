"""Concurrent editors of one draft through gunicorn: no lost update, no 500, every 409 says who and when."""
from __future__ import annotations

import pytest

from bench import live_instance as live
from bench import soak_edits

from .conftest import DATABASES, admin_url


def _soak(tmp_path, database: str, *, editors: int, duration: float) -> soak_edits.SoakResult:
    with live.instance(tmp_path / "instance", admin_url(database), load_demo=False) as inst:
        return soak_edits.soak(inst, editors=editors, duration=duration, workers=2, threads=4)


@pytest.mark.parametrize("database", DATABASES)
def test_concurrent_editors_lose_nothing(tmp_path, database):
    result = _soak(tmp_path, database, editors=8, duration=3)
    assert soak_edits.problems(result) == []
    assert result.writes == result.final_counter > 0
    assert result.conflicts > 0, "8 editors of one draft never collided: the 409 check did not run"


@pytest.mark.slow
@pytest.mark.parametrize("database", DATABASES)
def test_fifty_editors_for_a_minute(tmp_path, database):
    result = _soak(tmp_path, database, editors=50, duration=60)
    assert soak_edits.problems(result) == []
