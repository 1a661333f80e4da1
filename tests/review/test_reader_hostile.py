"""Hostile uploads: each is refused with its own code and a Vietnamese message, before harm is done."""
from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from review import _safexml, _zipscan
from review.errors import MESSAGES, DocumentReadError
from review.reader import Limits, parse_xml, read_docx
from tests.review.hostile_docs import (
    HOSTILE_CASES, MiB, RawEntry, content_types, docx_zip, document_xml, legacy_doc, minimal_parts, ole2_file,
    raw_zip, with_member,
)


def refusal(source, limits: Limits = Limits()) -> DocumentReadError:
    with pytest.raises(DocumentReadError) as caught:
        read_docx(source, limits)
    error = caught.value
    assert str(error) == MESSAGES[error.code]
    return error


@pytest.mark.parametrize("case", HOSTILE_CASES, ids=lambda case: case.name)
def test_hostile_catalogue_is_refused_with_its_code(case):
    assert refusal(case.build()).code == case.code


def test_the_minimal_package_of_the_catalogue_is_itself_readable():
    package = read_docx(docx_zip(minimal_parts()))
    assert package.main_document_name == "word/document.xml"


def test_legacy_doc_message_tells_what_to_do():
    error = refusal(legacy_doc())
    assert "lưu lại dưới dạng .docx" in error.message


@pytest.mark.parametrize("name", [
    "../evil.xml", "word/../../evil.xml", "/abs.xml", "C:/windows/evil.xml", "word\\evil.xml",
    "word//evil.xml", "./word/evil.xml", "word/\x01.xml", b"word/a\x00b.xml", "",
])
def test_unsafe_entry_names(name):
    assert refusal(with_member(name)).code == "unsafe_name"


@pytest.mark.parametrize("name", ["word/document.xml", "Word/Document.XML"])
def test_duplicate_names_exact_or_by_case(name):
    assert refusal(with_member(name)).code == "duplicate_name"


def test_duplicate_names_by_unicode_normalisation():
    """"é" precomposed and decomposed are one file on macOS."""
    source = raw_zip([RawEntry(n, d) for n, d in minimal_parts()]
                     + [RawEntry("word/\u00e9.xml", b"<a/>"), RawEntry("word/e\u0301.xml", b"<a/>")])
    assert refusal(source).code == "duplicate_name"


def test_name_flagged_utf8_that_is_not_utf8():
    entries = [RawEntry(n, d) for n, d in minimal_parts()] + [RawEntry(b"word/\xff.xml", b"<a/>", flags=0x800)]
    assert refusal(raw_zip(entries)).code == "unsafe_name"


def test_zip_level_encryption_flag():
    entries = [RawEntry(n, d) for n, d in minimal_parts()]
    entries[2].flags = 0x1
    assert refusal(raw_zip(entries)).code == "encrypted"


def test_entry_count_is_checked_from_the_end_record_before_the_directory_is_walked():
    source = raw_zip([RawEntry(n, d) for n, d in minimal_parts()], declared_count=60_000)
    assert refusal(source).code == "too_many_entries"


def test_entry_count_that_cannot_fit_the_directory():
    source = raw_zip([RawEntry(n, d) for n, d in minimal_parts()], declared_count=500)
    assert refusal(source).code == "inconsistent_entries"


def test_limits_are_configurable():
    source = docx_zip(minimal_parts())
    assert refusal(source, Limits(max_file_size=100)).code == "too_large"
    assert refusal(source, Limits(max_entries=2)).code == "too_many_entries"
    assert refusal(source, Limits(max_part_size=100)).code == "entry_too_large"
    assert refusal(source, Limits(max_total_size=300)).code == "total_too_large"
    assert refusal(source, Limits(ratio_floor=10, max_compression_ratio=1)).code == "compression_ratio"
    assert refusal(source, Limits(max_xml_elements=3)).code == "xml_too_many_elements"
    assert refusal(source, Limits(max_xml_depth=3)).code == "xml_too_deep"


def test_element_budget_is_shared_by_all_parts_of_the_package():
    source = docx_zip(minimal_parts(document_xml("<w:p/>" * 50)))
    elements = (1 + 3) + (1 + 1) + (2 + 50)   # content types, package relationships, document + body + paragraphs
    read_docx(source, Limits(max_xml_elements=elements))
    assert refusal(source, Limits(max_xml_elements=elements - 1)).code == "xml_too_many_elements"


@pytest.mark.parametrize("body, limits", [
    ("<w:p/>" * 20_000, Limits(max_xml_elements=1_000)),
    ('<w:p a="" b="" c=""/>' * 2_000, Limits(max_xml_attributes=1_000)),
])
def test_bombs_are_refused_from_the_bytes_before_any_tree_is_built(monkeypatch, body, limits):
    def no_parsing(*args, **kwargs):
        raise AssertionError("the part was parsed")

    monkeypatch.setattr(_safexml.etree, "fromstring", no_parsing)
    monkeypatch.setattr(_safexml.etree, "XMLParser", no_parsing)
    with pytest.raises(DocumentReadError) as caught:
        parse_xml(document_xml(body), "word/document.xml", limits)
    assert (caught.value.code, caught.value.part) == ("xml_too_many_elements", "word/document.xml")


def test_comments_and_cdata_only_make_the_bound_looser_never_wrong():
    body = "<w:p><!-- <a/><b/><c/> --></w:p>" * 3 + "<w:p><w:t><![CDATA[<x/><y/>]]></w:t></w:p>"
    root = parse_xml(document_xml(body), "word/document.xml", Limits(max_xml_elements=40))
    assert len(root[0]) == 4


class _CountingInflater:
    """Wraps zlib's inflater to count every byte it hands out."""

    produced = 0

    def __init__(self, wbits):
        self._inner = zlib.decompressobj(wbits)

    def decompress(self, data, max_length=0):
        out = self._inner.decompress(data, max_length)
        _CountingInflater.produced += len(out)
        return out

    def __getattr__(self, name):
        return getattr(self._inner, name)


def test_a_lying_declared_size_stops_inflation_one_byte_past_it(monkeypatch):
    class CountingZlib:
        error = zlib.error
        crc32 = staticmethod(zlib.crc32)
        decompressobj = _CountingInflater

    monkeypatch.setattr(_zipscan, "zlib", CountingZlib)
    _CountingInflater.produced = 0
    honest = document_xml("<w:p/>" * 200_000)              # 1.2 MB real, 1,000 bytes declared
    entries = [RawEntry(n, d) for n, d in minimal_parts()[:2]]
    entries.append(RawEntry("word/document.xml", honest, declared_size=1_000))
    error = refusal(raw_zip(entries))
    assert error.code == "inconsistent_entries"
    produced_by_parts_before = sum(len(d) for _, d in minimal_parts()[:2])
    assert _CountingInflater.produced <= produced_by_parts_before + 1_001


def test_declared_size_larger_than_the_data():
    entries = [RawEntry(n, d) for n, d in minimal_parts()[:2]]
    entries.append(RawEntry("word/document.xml", document_xml(), declared_size=5_000))
    assert refusal(raw_zip(entries)).code == "inconsistent_entries"


def test_crc_mismatch_is_a_corrupt_part():
    entries = [RawEntry(n, d) for n, d in minimal_parts()]
    entries[2].crc = 1234
    assert refusal(raw_zip(entries)).code == "corrupt_part"


def test_stored_entry_with_two_sizes():
    entries = [RawEntry(n, d) for n, d in minimal_parts()]
    entries[2] = RawEntry("word/document.xml", document_xml(), deflate=False, declared_size=10)
    assert refusal(raw_zip(entries)).code == "inconsistent_entries"


def test_central_directory_pointing_nowhere():
    entries = [RawEntry(n, d) for n, d in minimal_parts()]
    entries[2].central_offset = 3
    assert refusal(raw_zip(entries)).code == "inconsistent_entries"


@pytest.mark.parametrize("source, code", [
    (b"%PDF-1.7\n" + b"x" * 100, "pdf"),
    (b"{\\rtf1\\ansi Quy\\'ea9t \\'f0\\'ecnh}", "rtf"),
    (b"PK", "truncated"),
    (b"PK\x05\x06" + b"\0" * 18, "missing_part"),
    (b"<?xml version='1.0'?><w:wordDocument/>", "not_zip"),
])
def test_other_formats_get_their_own_message(source, code):
    assert refusal(source).code == code


def test_an_ole2_file_that_is_not_word():
    assert refusal(ole2_file({"Workbook": b"\x09\x08"})).code == "not_word"


def test_a_spreadsheet_package_is_not_word():
    parts = [("[Content_Types].xml", content_types(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
        minimal_parts()[1], ("word/document.xml", b"<workbook/>")]
    assert refusal(docx_zip(parts)).code == "not_word"


def test_main_part_that_is_not_a_word_document():
    assert refusal(docx_zip(minimal_parts(b"<html/>"))).code == "not_word"


@pytest.mark.parametrize("missing", ["[Content_Types].xml", "_rels/.rels", "word/document.xml"])
def test_required_parts(missing):
    parts = [(n, d) for n, d in minimal_parts() if n != missing]
    assert refusal(docx_zip(parts)).code == "missing_part"


def test_package_relationships_without_an_office_document():
    parts = minimal_parts()
    parts[1] = ("_rels/.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'relationships"/>')
    assert refusal(docx_zip(parts)).code == "missing_part"


def test_macro_relationship_from_the_main_document():
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"'
            b' Target="macros.bin"/></Relationships>')
    source = docx_zip(minimal_parts() + [("word/_rels/document.xml.rels", rels)])
    assert refusal(source).code == "macro_enabled"


@pytest.mark.parametrize("suffix", [".docm", ".DOTM"])
def test_macro_enabled_extension_is_refused_unread(tmp_path, suffix):
    path = tmp_path / f"quyet-dinh{suffix}"
    path.write_bytes(docx_zip(minimal_parts()))
    assert refusal(path).code == "macro_enabled"


def test_unsupported_compression_method_of_a_needed_part():
    source = bytearray(docx_zip(minimal_parts()))
    # Method 12 (bzip2) in both headers of the first entry.
    local = source.find(b"PK\x03\x04")
    central = source.find(b"PK\x01\x02")
    source[local + 8:local + 10] = (12).to_bytes(2, "little")
    source[central + 10:central + 12] = (12).to_bytes(2, "little")
    assert refusal(bytes(source)).code == "unsupported_zip"


def test_multi_disk_archive():
    source = bytearray(docx_zip(minimal_parts()))
    end = source.rfind(b"PK\x05\x06")
    source[end + 4:end + 6] = (1).to_bytes(2, "little")
    assert refusal(bytes(source)).code == "unsupported_zip"


@pytest.mark.parametrize("body, code", [
    ("<w:p>", "xml_invalid"),
    ("<w:p>&undefined;</w:p>", "xml_invalid"),
    ("<w:p>" * 300 + "</w:p>" * 300, "xml_too_deep"),
])
def test_broken_xml(body, code):
    assert refusal(docx_zip(minimal_parts(document_xml(body)))).code == code


def test_unreadable_path(tmp_path):
    assert refusal(tmp_path / "absent.docx").code == "unreadable"
    assert refusal(tmp_path).code == "unreadable"


def test_file_object_larger_than_the_limit_is_not_read_whole():
    class Endless(io.RawIOBase):
        handed_out = 0

        def readable(self):
            return True

        def read(self, size=-1):
            chunk = (b"PK\x03\x04" + b"\0" * size)[:size]
            Endless.handed_out += len(chunk)
            return chunk

    assert refusal(Endless(), Limits(max_file_size=3 * MiB)).code == "too_large"
    assert Endless.handed_out == 3 * MiB + 1


def test_file_size_on_disk_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(5_000))
    monkeypatch.setattr("review.reader._read_bounded", lambda *args: pytest.fail("the file was read"))
    assert refusal(path, Limits(max_file_size=4_000)).code == "too_large"


# Differentials with zipfile: python-docx later opens accepted files with zipfile, so any file that
# zipfile would read differently from the checks above must be refused.

def test_directory_records_beyond_the_declared_count_are_refused():
    entries = [RawEntry(n, d) for n, d in minimal_parts()] + [RawEntry("word/media/bomb.bin", b"x")]
    source = raw_zip(entries, declared_count=3)
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        assert "word/media/bomb.bin" in archive.namelist()    # zipfile sees the fourth entry
    assert refusal(source).code == "inconsistent_entries"


def test_bytes_between_directory_and_end_record_are_refused():
    source = docx_zip(minimal_parts())
    end = source.rfind(b"PK\x05\x06")
    shifted = source[:end] + b"\0" * 16 + source[end:]
    assert refusal(shifted).code == "inconsistent_entries"


def test_the_last_end_record_signature_is_the_one_used():
    source = docx_zip(minimal_parts())
    trailing = source + b"PK\x05\x06" + b"\0" * 10                 # a second, cut-short end record
    assert refusal(trailing).code == "inconsistent_entries"
    assert read_docx(source + b"\0" * 100).main_document_name == "word/document.xml"
