"""The first searches of a fresh web worker arrive on several threads at once; none may fail.

underthesea loads its segmentation model lazily and publishes the model object before its weights
are loaded, so a second thread could call it half-loaded (``'NoneType' object has no attribute
'process'``): every gunicorn thread worker answered 500 to a few of its first searches. Runs in a
fresh interpreter, where the model is not loaded yet.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FIRST_CALLS_ON_MANY_THREADS = """
import threading
from search.analysis import segment_line

barrier = threading.Barrier(8)
failures = []

def first_call(i):
    barrier.wait()
    try:
        segment_line(f"đăng ký khai sinh lần {i}")
    except Exception as exc:
        failures.append(repr(exc))

threads = [threading.Thread(target=first_call, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(failures)
"""


def test_the_segmenter_loads_once_for_concurrent_first_calls():
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(FIRST_CALLS_ON_MANY_THREADS)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
