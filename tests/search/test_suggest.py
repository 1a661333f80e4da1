"""Typo corrections."""
from __future__ import annotations

from search.suggest import Vocabulary, distance, suggest

NAMES = {"dang": 5, "ki": 5, "ket": 2, "hon": 2, "hoi": 3, "khai": 3, "sinh": 3, "can": 4, "cuoc": 4}
VOCAB = Vocabulary(known=NAMES.__contains__, syllables=NAMES,
                   accented={"dang": "đăng", "ki": "ký", "ket": "kết", "hon": "hôn", "can": "căn",
                             "cuoc": "cước", "hoi": "hội"},
                   bigrams={"dang_ki", "ki_ket", "ket_hon", "can_cuoc"})


def test_distance():
    assert distance("hon", "hon", 2) == 0
    assert distance("honn", "hon", 2) == 1
    assert distance("cuco", "cuoc", 2) == 1  # a transposition is one edit
    assert distance("abcdef", "a", 2) == 3


def test_corrects_unknown_syllables_in_the_users_style():
    assert suggest("dang ky ket hn", VOCAB) == "dang ky ket hon"
    assert suggest("đăng ký kết hônn", VOCAB) == "đăng ký kết hôn"
    assert suggest("Căn cướt", VOCAB) == "Căn cước"


def test_context_picks_between_candidates():
    # "ho" is one edit from both "hon" and "hoi"; after "ket", "hon" forms a known pair.
    assert suggest("ket ho", Vocabulary(NAMES.__contains__, NAMES, {}, {"ket_hon"})) == "ket hon"


def test_nothing_to_correct():
    assert suggest("đăng ký kết hôn", VOCAB) is None
    assert suggest("2024 ??", VOCAB) is None
    assert suggest("xyzxyzxyz", VOCAB) is None
