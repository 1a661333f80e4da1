"""Document sets as integers."""
from __future__ import annotations

import random

from search import bitsets


def test_round_trip():
    ids = [0, 3, 7, 8, 63, 64, 1000]
    bits = bitsets.from_ids(ids, 1001)
    assert list(bitsets.to_ids(bits)) == ids
    assert bits.bit_count() == len(ids)
    assert bitsets.contains(bits, 63) and not bitsets.contains(bits, 62)
    assert list(bitsets.to_ids(0)) == []


def test_exact_counts_match_a_plain_count():
    rng = random.Random(3)
    for n in range(1, 8):
        sets = [set(rng.sample(range(200), 80)) for _ in range(n)]
        exact = bitsets.exact_counts([bitsets.from_ids(s, 200) for s in sets])
        for k in range(1, n + 1):
            expected = {d for d in range(200) if sum(d in s for s in sets) == k}
            assert set(bitsets.to_ids(exact[k])) == expected
