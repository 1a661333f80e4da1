"""Batch review: a zip of .docx and .txt files, checked like a .docx before any member is handed out."""
from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from review.errors import DocumentReadError
from review.reader import Limits, iter_zip_batch, read_docx, read_text
from tests.review.hostile_docs import (
    MiB, RawEntry, docx_zip, minimal_parts, overlapping_entries, raw_zip, sample_docx,
)


def _batch(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def test_members_are_yielded_and_readable(tmp_path):
    docx_bytes = sample_docx()
    path = tmp_path / "lo-van-ban.zip"
    path.write_bytes(_batch([
        ("van-ban/", b""), ("van-ban/quyet-dinh.docx", docx_bytes), ("van-ban/cong-van.txt", "Kính gửi".encode()),
        ("__MACOSX/van-ban/._quyet-dinh.docx", b"\0\5\26\7"),
    ]))
    members = dict(iter_zip_batch(path))
    assert sorted(members) == ["van-ban/cong-van.txt", "van-ban/quyet-dinh.docx"]
    assert read_docx(members["van-ban/quyet-dinh.docx"]).main_document_name == "word/document.xml"
    assert read_text(members["van-ban/cong-van.txt"]) == "Kính gửi"


def test_names_are_nfc():
    decomposed = unicodedata.normalize("NFD", "Quyết định.txt")
    [(name, _)] = list(iter_zip_batch(_batch([(decomposed, b"x")])))
    assert name == "Quyết định.txt"


def test_names_without_the_utf8_flag_are_still_read_as_utf8():
    [(name, data)] = list(iter_zip_batch(raw_zip([RawEntry("Công văn.txt", b"abc")])))
    assert (name, data) == ("Công văn.txt", b"abc")


def test_an_empty_zip_yields_nothing():
    assert list(iter_zip_batch(_batch([]))) == []


def _code(source, limits=Limits()) -> str:
    with pytest.raises(DocumentReadError) as caught:
        list(iter_zip_batch(source, limits))
    return caught.value.code


@pytest.mark.parametrize("build, code", [
    (lambda: raw_zip([RawEntry("ok.txt", b"a"), RawEntry("../../etc/cron.d/x", b"a")]), "unsafe_name"),
    (lambda: raw_zip([RawEntry("a.docx", b"a"), RawEntry("A.DOCX", b"b")]), "duplicate_name"),
    (overlapping_entries, "overlapping_entries"),
    (lambda: raw_zip([RawEntry("bom.txt", b"a" * (20 * MiB))]), "compression_ratio"),
    (lambda: raw_zip([RawEntry("big.docx", b"a", declared_size=200 * MiB)]), "entry_too_large"),
    (lambda: raw_zip([RawEntry(f"{i}.txt", b"a") for i in range(1_001)]), "too_many_entries"),
    (lambda: raw_zip([RawEntry("a.txt", b"a", crc=0)]), "corrupt_part"),
    (lambda: b"%PDF-1.4", "batch_not_zip"),
    (lambda: b"", "empty_file"),
])
def test_hostile_batches(build, code):
    assert _code(build()) == code


def test_checks_run_before_the_first_member_is_handed_out():
    source = raw_zip([RawEntry("first.txt", b"fine"), RawEntry("/etc/passwd", b"x")])
    batch = iter_zip_batch(source)
    with pytest.raises(DocumentReadError):
        next(batch)


def test_a_batch_member_may_be_as_large_as_one_upload_but_the_batch_is_bounded():
    member = docx_zip(minimal_parts())
    source = _batch([("a.docx", member)])
    assert _code(source, Limits(max_file_size=len(member) - 1)) == "entry_too_large"
    assert _code(source, Limits(max_batch_size=len(source) - 1)) == "too_large"
