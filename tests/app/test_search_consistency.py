"""A process killed (SIGKILL) between a commit and indexing, or in the middle of draining, loses nothing.

The outbox rows commit with the change, so after a restart ``tthc search sync`` catches up and
``tthc search check`` reports no mismatch.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

COMMIT_THEN_DIE = """
import os, signal
from app import create_app
from app.cli import prepare_database
app = create_app()
prepare_database(app)          # commits the demo catalogue and its outbox rows
os.kill(os.getpid(), signal.SIGKILL)
"""

DIE_WHILE_DRAINING = """
import os, signal
from app import create_app
from catalogue import search_sync
app = create_app()
svc = app.extensions["tthc"]
backend = svc.search
original = backend.replace_procedure
done = []
def replace_then_die(*args, **kwargs):
    result = original(*args, **kwargs)
    done.append(1)
    if len(done) == 7:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
backend.replace_procedure = replace_then_die
search_sync.drain(svc.db, backend, batch=5)
"""


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def tthc(env: dict, *args: str) -> subprocess.CompletedProcess:
    return run_python(f"import sys; from app.cli import main; sys.argv = ['tthc', *{list(args)!r}]; main()", env)


@pytest.fixture
def env(tmp_path):
    environment = dict(os.environ)
    environment.update({"TTHC_INSTANCE": str(tmp_path / "instance"), "PYTHONPATH": str(ROOT)})
    for key in ("DATABASE_URL", "SEARCH_BACKEND", "SEARCH_INDEX_DIR"):
        environment.pop(key, None)
    return environment


def test_killed_after_commit_then_sync_repairs(env):
    died = run_python(COMMIT_THEN_DIE, env)
    assert died.returncode == -signal.SIGKILL, died.stderr
    check = tthc(env, "search", "check")
    assert check.returncode == 1 and "chưa có trong chỉ mục" in check.stdout
    assert tthc(env, "search", "sync").returncode == 0
    after = tthc(env, "search", "check")
    assert after.returncode == 0 and "0 thủ tục lệch" in after.stdout


def test_killed_while_draining_then_sync_repairs(env):
    assert run_python(COMMIT_THEN_DIE, env).returncode == -signal.SIGKILL
    died = run_python(DIE_WHILE_DRAINING, env)
    assert died.returncode == -signal.SIGKILL, died.stderr
    assert tthc(env, "search", "check").returncode == 1
    assert tthc(env, "search", "sync").returncode == 0
    after = tthc(env, "search", "check")
    assert after.returncode == 0, after.stdout
