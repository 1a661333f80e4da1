"""Searching while an officer publishes: no search error, and every new name is what search returns."""
from __future__ import annotations

import pytest

from bench import live_instance as live
from bench import search_while_publishing as bench

from .conftest import DATABASES, admin_url

MODES = {"sqlite": "embedded", "postgres": "production"}


@pytest.mark.parametrize("database", DATABASES)
def test_search_stays_correct_while_a_decision_is_published(tmp_path, database):
    """The demo catalogue; 4 searchers; a decision amending 5 procedures published through the API."""
    with live.instance(tmp_path / "instance", admin_url(database)) as inst:
        result = bench.run(inst, MODES[database], searchers=4, items=5, duration=3, warmup=0.5,
                           visible_timeout=60, cli_check=False)
    assert bench.problems(result) == []
    assert result.samples, "no search was answered"


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.parametrize("database", DATABASES)
def test_sixteen_searchers_while_fifty_procedures_are_published(tmp_path, shared_data, database):
    with live.instance(tmp_path / "instance", admin_url(database), load_demo=False) as inst:
        live.import_real_catalogue(inst, bench.IMPORT_EFFECTIVE)
        result = bench.run(inst, MODES[database], searchers=16, items=50, duration=60, warmup=5)
    assert bench.problems(result) == []
