"""Plain-text uploads: Unicode in, NFC text out; binaries and legacy encodings refused with advice."""
from __future__ import annotations

import io
import unicodedata

import pytest

from review.errors import DocumentReadError
from review.reader import Limits, read_text

TEXT = "Điều 1. Phạm vi điều chỉnh\nQuyết định này quy định về thủ tục hành chính.\n"


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),                       # with a BOM, native order
    b"\xfe\xff" + TEXT.encode("utf-16-be"),
    b"\xff\xfe" + TEXT.encode("utf-16-le"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-be", "utf16-le"])
def test_unicode_encodings(encoded):
    assert read_text(encoded) == TEXT


def test_decomposed_diacritics_become_nfc_and_line_ends_become_newlines():
    decomposed = unicodedata.normalize("NFD", TEXT).replace("\n", "\r\n")
    text = read_text(decomposed.encode("utf-8"))
    assert text == TEXT and unicodedata.is_normalized("NFC", text)
    assert read_text(b"a\rb") == "a\nb"


def test_sources_path_and_file(tmp_path):
    path = tmp_path / "van-ban.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    assert read_text(path) == read_text(str(path)) == read_text(io.BytesIO(TEXT.encode())) == TEXT


def _code(source, limits=Limits()) -> str:
    with pytest.raises(DocumentReadError) as caught:
        read_text(source, limits)
    return caught.value.code


@pytest.mark.parametrize("source", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200),
    bytes(range(1, 32)) * 20,
    "chữ có ký tự \x00 rỗng".encode("utf-16"),
    b"\xff\xfe\x00\xd8",                        # UTF-16 BOM then a lone surrogate
], ids=["png", "zip", "controls", "utf16-with-nul", "bad-utf16"])
def test_binary_is_not_text(source):
    assert _code(source) == "not_text"


def _windows_1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: a base letter (maybe with one mark) plus a tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            letters = unicodedata.normalize("NFD", char)
            try:
                out += (unicodedata.normalize("NFC", letters[:2]) + letters[2:]).encode("cp1258")
            except UnicodeEncodeError:
                out += letters.encode("cp1258")
    return out


def test_legacy_vietnamese_encoding_gets_advice():
    encoded = _windows_1258(TEXT)
    assert unicodedata.normalize("NFC", encoded.decode("cp1258")) == TEXT
    assert _code(_windows_1258(TEXT)) == "text_encoding"


def test_empty_and_too_large():
    assert _code(b"") == "empty_file"
    assert _code(TEXT.encode(), Limits(max_text_size=10)) == "too_large"


def test_a_stray_control_character_in_real_text_is_tolerated():
    assert read_text("Trang 1\x0cTrang 2\x0b".encode()) == "Trang 1\x0cTrang 2\x0b"
