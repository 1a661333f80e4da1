"""Fuzzing: damaged copies of a real .docx are either read or refused with a DocumentReadError, nothing else.

Deterministic (fixed seed), so a failure names a case that can be replayed. The long run is
``bench/review_fuzz.py``.
"""
from __future__ import annotations

import random
from collections import Counter

import pytest

from review.errors import DocumentReadError
from review.reader import read_docx
from tests.review.hostile_docs import docx_zip, minimal_parts, mutate, sample_docx

CASES = 500
SEED = 20_200_305        # Nghị định 30/2020/NĐ-CP, signed 5 March 2020


def read_everything(data: bytes) -> str:
    """Read the package, parse every XML part and relationship set; the outcome is "ok" or an error code."""
    try:
        package = read_docx(data)
        for name in package.parts:
            assert package.xml(name) is not None
            package.rels(name)
        return "ok"
    except DocumentReadError as error:
        assert error.code and str(error) == error.message
        return error.code


@pytest.fixture(scope="module")
def seeds() -> list[bytes]:
    return [sample_docx(), docx_zip(minimal_parts())]


def test_mutated_documents_raise_only_document_read_errors(seeds):
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for case in range(CASES):
        kind, data = mutate(rng.choice(seeds), rng)
        kinds[kind] += 1
        try:
            outcomes[read_everything(data)] += 1
        except Exception as exc:
            pytest.fail(f"case {case} ({kind}) escaped as {type(exc).__name__}: {exc}")
    assert len(kinds) == 6 and min(kinds.values()) > CASES // 12
    assert outcomes["ok"] > 0 and len(outcomes) >= 6, outcomes
