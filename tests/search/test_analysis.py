"""Vietnamese analysis: normalisation, folding, tokens, term streams."""
from __future__ import annotations

import unicodedata

import pytest

from search.analysis import (analyze, clean, fold, folded_terms, has_diacritics, normalize,
                             normalize_syllable, tokenize)


@pytest.mark.parametrize("typed, canonical", [
    ("hoà", "hòa"), ("hòa", "hòa"), ("Thuỷ", "thủy"), ("khoẻ", "khỏe"), ("huỷ", "hủy"),
    ("quý", "quý"), ("qúy", "quý"), ("quí", "quý"), ("ký", "kí"), ("kí", "kí"), ("Mỹ", "mĩ"),
    ("gìa", "già"), ("giá", "giá"), ("gì", "gì"), ("hòan", "hoàn"), ("thuyền", "thuyền"),
    ("ngừơi", "người"), ("rượu", "rượu"), ("hoài", "hoài"), ("tuổi", "tuổi"), ("y", "y"),
    ("passport", "passport"), ("ABC", "abc"),
])
def test_one_spelling_per_syllable(typed, canonical):
    assert normalize_syllable(typed) == canonical
    assert normalize_syllable(unicodedata.normalize("NFD", typed)) == canonical


def test_clean_fixes_what_real_data_carries():
    dirty = "Đăng\u00a0ký\u200b kết\u00adhôn\ufeff  (mẫu\uf0a7)"
    assert clean(unicodedata.normalize("NFD", dirty)) == "Đăng ký kếthôn (mẫu )"
    assert clean(None) == "" and clean("") == ""


def test_fold_and_diacritics():
    assert fold("Đường THỦY nội địa") == "duong thuy noi dia"
    assert has_diacritics("đăng ký") and not has_diacritics("dang ky")
    assert normalize("Cộng hoà XÃ HỘI") == "cộng hòa xã hội"


def test_tokens_keep_offsets_and_split_cells_run_together():
    text = "bản chínhTờ khai, 1 bản"
    tokens = tokenize(text)
    assert [t.folded for t in tokens] == ["ban", "chinh", "to", "khai", "1", "ban"]
    assert [text[t.start:t.end] for t in tokens][:3] == ["bản", "chính", "Tờ"]
    assert [t.joined for t in tokens] == [False, True, False, True, False, True]


def test_bigrams_stay_inside_phrases():
    syllables, bigrams = folded_terms("Đăng ký kết hôn; cấp bản sao")
    assert syllables == ("dang", "ki", "ket", "hon", "cap", "ban", "sao")
    assert bigrams == ("dang_ki", "ki_ket", "ket_hon", "cap_ban", "ban_sao")


def test_codes_are_kept_whole_too():
    syllables, _ = folded_terms("Mã 1.000894, Thông tư 22/2023/TT-BCA")
    assert "1.000894" in syllables and "22/2023/tt-bca" in syllables and "000894" in syllables


def test_words_come_from_the_segmenter_on_the_accented_side():
    analysed = analyze("Thủ tục đăng ký kết hôn có yếu tố nước ngoài")
    assert {"đăng_kí", "kết_hôn", "nước_ngoài"} <= set(analysed.words)
    assert analyze("Thủ tục đăng ký", segment=False).words == ()


def test_analysis_is_cached_by_text():
    text = "Giấy chứng nhận quyền sử dụng đất"
    assert analyze(text) is analyze(text)


def test_long_text_is_analysed_up_to_a_limit():
    analysed = analyze("kết hôn " * 20_000, segment=False)
    assert 0 < len(analysed.syllables) < 20_000
