"""Vietnamese text analysis shared by every search backend.

Real procedure text mixes composed and decomposed diacritics, old and new tone-mark placement
("hòa"/"hoà", "thủy"/"thuỷ"), "i"/"y" spellings ("kí"/"ký"), non-breaking spaces, zero-width marks
and table cells run together without separators ("bản chínhTờ khai"). Citizens type with or without
diacritics. So every text is turned into three term streams:

* ``words`` — accented, lowercased words from underthesea's segmenter, compounds joined by "_"
  ("đăng_ký", "kết_hôn"). They reward exact diacritics and whole words.
* ``syllables`` — accent-folded syllables ("dang", "ky"). They never depend on underthesea, which
  cannot segment text typed without diacritics.
* ``bigrams`` — accent-folded adjacent syllable pairs ("dang_ky"), never across punctuation, so
  "dang ky ket hon" prefers "đăng ký kết hôn" over a text that merely contains the four syllables.

Canonical forms, chosen because they are what most of the real data uses:

* tone marks in the "old" placement ("hòa", "thủy", "khỏe"), which is what 85% of the national
  catalogue uses;
* a lone "y" after a consonant becomes "i" ("ký" → "kí", "lý" → "lí", "công ty" → "công ti") and
  "qui" becomes "quy", so both official spellings meet. This only affects terms, never shown text.

Analysis is cached by text (provinces republish national text verbatim), and underthesea runs per
line so that repeated lines of boilerplate are segmented once.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Longest text analysed for one indexed field. Longer text is still stored and shown; the terms of
# its first 60,000 characters are more than enough to find it (the longest real field is 51,526).
MAX_FIELD_CHARS = 60_000

_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_CLEAN_TABLE = {**dict.fromkeys(map(ord, _ZERO_WIDTH), None), **dict.fromkeys(map(ord, _ODD_SPACES), " ")}
# Private-use symbols (Word's bullet glyphs such as U+F0A7) carry no text.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

_TONE_MARKS = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = "aăâeêioôơuưy"
_HAT_VOWELS = "ăâêôơư"

# Every precomposed toned vowel (both cases) → (vowel without tone, tone mark).
_UNTONE: dict[str, tuple[str, str]] = {}
for _base in _VOWELS + _VOWELS.upper():
    for _mark in _TONE_MARKS:
        _UNTONE[unicodedata.normalize("NFC", _base + _mark)] = (_base, _mark)

_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})
_LETTERS = re.compile(r"[^\W\d_]+")
# A token: a run of letters or of digits. Codes and act numbers ("1.000894", "30/2020/NĐ-CP") are
# also kept whole, next to their parts, so that they can be searched as typed.
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
COMPOUND = re.compile(r"\d+(?:[./]\d+)+(?:/[^\W_]+(?:-[^\W_]+)*)?")
_ONLY_SPACE = re.compile(r"[\s\-]+")


def clean(text: str | None) -> str:
    """NFC, zero-width marks removed, odd spaces made plain and runs of spaces collapsed.

    This is the form that is stored and shown (tone placement is left as the author wrote it).
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_CLEAN_TABLE)
    text = _PRIVATE_USE.sub(" ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def has_diacritics(text: str) -> bool:
    """True when ``text`` carries any Vietnamese mark (tone, hat, horn, breve or "đ")."""
    return fold(text) != text.lower()


def fold(text: str) -> str:
    """Lowercase, "đ" → "d" and every diacritic removed: the form people type without accents."""
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_FOLD_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65_536)
def normalize_syllable(syllable: str) -> str:
    """The canonical lowercase spelling of one syllable: old-style tone placement, "i" for a lone "y".

    Words that are not Vietnamese syllables (several vowel groups, several tone marks, no vowel)
    are only lowercased.
    """
    letters = list(unicodedata.normalize("NFC", syllable.lower()))
    tones = [i for i, c in enumerate(letters) if c in _UNTONE]
    tone = ""
    if len(tones) == 1:
        base, tone = _UNTONE[letters[tones[0]]]
        letters[tones[0]] = base
    elif len(tones) > 1:
        return "".join(letters)
    vowel_at = [i for i, c in enumerate(letters) if c in _VOWELS]
    if not vowel_at or vowel_at[-1] - vowel_at[0] + 1 != len(vowel_at):
        return "".join(letters)  # no vowel, or several vowel groups: not one Vietnamese syllable
    start, end = vowel_at[0], vowel_at[-1] + 1
    onset = "".join(letters[:start])
    cluster = list(range(start, end))
    # "qu" and "gi" onsets own their "u"/"i" when another vowel follows ("quá", "gia").
    if len(cluster) > 1 and ((onset == "q" and letters[start] == "u") or (onset == "g" and letters[start] == "i")):
        onset += letters[start]
        cluster = cluster[1:]
    has_final = end < len(letters)
    # One official spelling for "i"/"y" in open syllables: "kí"/"ký", "quí"/"quý".
    if len(cluster) == 1 and not has_final and onset:
        if letters[cluster[0]] == "y" and onset not in ("qu", "gi"):
            letters[cluster[0]] = "i"
        elif letters[cluster[0]] == "i" and onset == "qu":
            letters[cluster[0]] = "y"
    if tone:
        hats = [i for i in cluster if letters[i] in _HAT_VOWELS]
        if hats:
            at = hats[-1]
        elif len(cluster) == 1 or has_final:
            at = cluster[-1]
        elif len(cluster) == 2:
            at = cluster[0]  # the old placement: "hòa", "thủy", "khỏe"
        else:
            at = cluster[1]  # "hoài", "ngoáy", "khuỷu"
        letters[at] = unicodedata.normalize("NFC", letters[at] + tone)
    return "".join(letters)


def normalize(text: str) -> str:
    """``clean`` text, lowercased, with every syllable in its canonical spelling."""
    return _LETTERS.sub(lambda m: normalize_syllable(m.group()), clean(text)).lower()


def _split_case(token: str) -> list[str]:
    """Split cells run together by a lowercase→uppercase change ("chínhTờ" → "chính", "Tờ")."""
    if token.islower() or token.isupper() or len(token) < 3:
        return [token]
    parts, start = [], 0
    for i in range(1, len(token)):
        if token[i].isupper() and token[i - 1].islower():
            parts.append(token[start:i])
            start = i
    parts.append(token[start:])
    return parts


@dataclass(frozen=True)
class Token:
    """One syllable of a text: where it is, its canonical accented and folded forms."""
    start: int
    end: int
    accented: str
    folded: str
    joined: bool  # True when only spaces or a hyphen separate it from the previous token


def tokenize(text: str) -> list[Token]:
    """Syllable tokens of already ``clean`` text, with offsets into it (used by the highlighter)."""
    tokens: list[Token] = []
    last_end = 0
    for match in _TOKEN.finditer(text):
        start = match.start()
        for index, part in enumerate(_split_case(match.group())):
            end = start + len(part)
            accented = normalize_syllable(part)
            # Cells run together ("chínhTờ") are not a phrase; spaces or a hyphen are.
            joined = (bool(tokens) and index == 0
                      and _ONLY_SPACE.fullmatch(text, last_end, start) is not None)
            tokens.append(Token(start, end, accented, _fold_syllable(accented), joined))
            start, last_end = end, end
    return tokens


@lru_cache(maxsize=65_536)
def _fold_syllable(syllable: str) -> str:
    return fold(syllable)


@dataclass(frozen=True)
class AnalyzedText:
    """The three term streams of one text (terms repeat, so frequencies can be counted)."""
    words: tuple[str, ...]
    syllables: tuple[str, ...]
    bigrams: tuple[str, ...]

    def __add__(self, other: "AnalyzedText") -> "AnalyzedText":
        return AnalyzedText(self.words + other.words, self.syllables + other.syllables,
                            self.bigrams + other.bigrams)


EMPTY = AnalyzedText((), (), ())


# Runs of word characters separated only by spaces or hyphens: the span a bigram may cross.
_PHRASE = re.compile(r"[^\W_]+(?:[\s\-]+[^\W_]+)*")


@lru_cache(maxsize=65_536)
def _folded_parts(token: str) -> tuple[str, ...]:
    return tuple(_fold_syllable(normalize_syllable(part)) for part in _split_case(token))


def folded_terms(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Folded syllables (plus whole codes such as "1.000894") and bigrams of clean text.

    Same tokens as ``tokenize``, without building ``Token`` objects: this is the hot loop of
    indexing.
    """
    syllables: list[str] = []
    bigrams: list[str] = []
    for phrase in _PHRASE.finditer(text):
        previous, previous_end = None, -1
        for match in _TOKEN.finditer(phrase.group()):
            parts = _folded_parts(match.group())
            if previous is not None and match.start() > previous_end:
                bigrams.append(f"{previous}_{parts[0]}")
            syllables.extend(parts)
            previous, previous_end = parts[-1], match.end()
    syllables.extend(fold(m.group()) for m in COMPOUND.finditer(text))
    return tuple(syllables), tuple(bigrams)


_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def _unglue(line: str) -> str:
    """Put a space between cells run together ("bản chínhTờ khai", "bản chính1 bản")."""
    line = _LETTERS.sub(lambda m: " ".join(_split_case(m.group())), line)
    return _LETTER_DIGIT.sub(" ", line)


_segmenter_lock = threading.Lock()
_segmenter = None


def _word_tokenize():
    """underthesea's ``word_tokenize`` with its model loaded, once, under a lock.

    Imported lazily (it takes half a second). Its own lazy loading is not thread-safe: it publishes
    the model object before loading the weights, so a second thread calling it meanwhile fails.
    """
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                from underthesea import word_tokenize

                word_tokenize("khởi động")  # loads the model while other threads wait
                _segmenter = word_tokenize
    return _segmenter


@lru_cache(maxsize=32_768)
def segment_line(line: str) -> tuple[str, ...]:
    """Accented words of one line by underthesea, canonical spelling, compounds joined by "_"."""
    words = []
    for word in _word_tokenize()(_unglue(line)):
        syllables = [normalize_syllable(s) for s in _LETTERS.findall(word)]
        syllables += re.findall(r"\d+", word) if not syllables else []
        if syllables:
            words.append("_".join(syllables))
    return tuple(words)


def accented_words(text: str) -> tuple[str, ...]:
    """Accented words of clean text, segmented line by line (each line cached)."""
    words: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            words.extend(segment_line(line))
    return tuple(words)


@lru_cache(maxsize=8_192)
def analyze(text: str | None, segment: bool = True) -> AnalyzedText:
    """All term streams of one field's text; ``segment=False`` skips underthesea (no words).

    Cached by text, because the same national text is indexed once per province and per edition.
    """
    text = clean(text)[:MAX_FIELD_CHARS]
    if not text:
        return EMPTY
    syllables, bigrams = folded_terms(text)
    return AnalyzedText(accented_words(text) if segment else (), syllables, bigrams)


def clear_caches() -> None:
    """Forget cached analyses (benchmarks use it to time analysis from scratch)."""
    for cached in (analyze, segment_line, normalize_syllable, _fold_syllable, _folded_parts):
        cached.cache_clear()
