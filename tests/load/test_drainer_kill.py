"""The search worker killed with SIGKILL at random moments: after a restart the index catches up."""
from __future__ import annotations

import pytest

from bench import drainer_kill as bench
from bench import live_instance as live

from .conftest import DATABASES, admin_url


@pytest.mark.parametrize("database", DATABASES)
def test_killed_worker_then_restarted_leaves_no_mismatch(tmp_path, database):
    """Three trials on the demo catalogue: one kill at a random moment, two while the worker indexes."""
    with live.instance(tmp_path / "instance", admin_url(database)) as inst:
        trials = bench.run_trials(inst, trials=3, items=5, max_delay=2.0, seed=3, cli_every_trial=False,
                                  kill_points=["random", "indexing", "indexing"])
    assert bench.problems(trials) == []
    assert trials[-1].cli_ok is True


@pytest.mark.slow
@pytest.mark.parametrize("database", DATABASES)
def test_twenty_kills(tmp_path, database):
    with live.instance(tmp_path / "instance", admin_url(database)) as inst:
        trials = bench.run_trials(inst, trials=20, items=10, max_delay=4.0, seed=20)
    assert bench.problems(trials) == []
