"""A genuine .docx (written by python-docx from Word's own template) reads completely and conveniently."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from review.errors import DocumentReadError
from review.reader import DocxPackage, Limits, parse_xml, read_docx
from tests.review.hostile_docs import RawEntry, W_NS, docx_zip, minimal_parts, raw_zip, sample_docx

W = f"{{{W_NS}}}"


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return sample_docx()


@pytest.fixture(scope="module")
def package(docx_bytes) -> DocxPackage:
    return read_docx(docx_bytes)


def _texts(root) -> str:
    return "".join(root.itertext())


def test_main_document_and_its_text(package):
    assert package.main_document_name == "word/document.xml"
    root = package.xml(package.main_document_name)
    assert root.tag == f"{W}document"
    text = _texts(root)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Số: 12/QĐ-UBND" in text


def test_only_the_parts_the_review_needs_are_inflated(package):
    assert {"word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/theme/theme1.xml",
            "word/header1.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml",
            "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"} <= set(package.parts)
    assert "docProps/thumbnail.jpeg" in package.names
    assert "docProps/thumbnail.jpeg" not in package.parts
    assert "customXml/item1.xml" not in package.parts


def test_parts_hold_the_exact_bytes_of_the_zip(package, docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        for name, data in package.parts.items():
            assert archive.read(name) == data


def test_relationships_resolve_to_entry_names(package):
    rels = package.rels(package.main_document_name)
    kinds = {rel_type.rpartition("/")[2]: target for rel_type, target in rels.values()}
    assert kinds["styles"] == "word/styles.xml"
    assert kinds["header"] == "word/header1.xml"
    assert kinds["theme"] == "word/theme/theme1.xml"
    package_rels = {t.rpartition("/")[2]: target for t, target in package.rels("").values()}
    assert package_rels["officeDocument"] == "word/document.xml"
    assert package_rels["core-properties"] == "docProps/core.xml"
    assert package.related(package.main_document_name, "footer") == ["word/footer1.xml"]
    assert package.rels("word/styles.xml") == {}


def test_header_and_footer_text(package):
    assert "Đầu trang" in _texts(package.xml("word/header1.xml"))
    assert "Chân trang" in _texts(package.xml("word/footer1.xml"))


def test_content_types_of_every_entry(package):
    types = package.content_types
    assert types["word/document.xml"].endswith("wordprocessingml.document.main+xml")
    assert types["word/styles.xml"].endswith("wordprocessingml.styles+xml")
    assert types["docProps/thumbnail.jpeg"] == "image/jpeg"


def test_xml_is_parsed_once_and_absent_parts_are_none(package):
    assert package.xml("word/styles.xml") is package.xml("word/styles.xml")
    assert package.xml("word/comments.xml") is None


def test_core_properties_keep_vietnamese_text(package):
    assert "Quyết định về việc ban hành quy chế" in _texts(package.xml("docProps/core.xml"))


@pytest.mark.parametrize("kind", ["bytes", "bytearray", "path", "str", "file"])
def test_every_kind_of_source(docx_bytes, tmp_path, kind):
    path = tmp_path / "quyet-dinh.docx"
    path.write_bytes(docx_bytes)
    source = {"bytes": docx_bytes, "bytearray": bytearray(docx_bytes), "path": path, "str": str(path),
              "file": io.BytesIO(docx_bytes)}[kind]
    assert read_docx(source).main_document_name == "word/document.xml"


def test_streams_that_return_short_reads_are_read_to_the_end(docx_bytes):
    class Trickle(io.RawIOBase):
        def __init__(self, data):
            self._data = io.BytesIO(data)

        def readable(self):
            return True

        def read(self, size=-1):
            return self._data.read(min(size, 1_000))

    assert read_docx(Trickle(docx_bytes)).main_document_name == "word/document.xml"


def test_text_opened_file_is_a_programming_error(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK")
    with open(path, encoding="latin-1") as handle, pytest.raises(TypeError):
        read_docx(handle)


def test_targets_are_matched_without_regard_to_case_and_may_be_absolute():
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/officeDocument" Target="/Word/Document.XML"/></Relationships>')
    parts = minimal_parts()
    parts[1] = ("_rels/.rels", rels)
    package = read_docx(docx_zip(parts))
    assert package.main_document_name == "word/document.xml"


def test_external_targets_are_kept_as_given():
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId5" TargetMode="External" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/hyperlink" Target="https://vbpl.vn/"/></Relationships>')
    package = read_docx(docx_zip(minimal_parts() + [("word/_rels/document.xml.rels", rels)]))
    assert package.rels("word/document.xml")["rId5"][1] == "https://vbpl.vn/"


def test_stored_entries_and_directory_entries_are_fine():
    entries = [RawEntry("word/", b"", deflate=False)]
    entries += [RawEntry(name, data, deflate=False) for name, data in minimal_parts()]
    assert read_docx(raw_zip(entries)).names[0] == "word/"


def test_zip64_records_are_understood():
    source = raw_zip([RawEntry(name, data) for name, data in minimal_parts()], zip64=True)
    with zipfile.ZipFile(io.BytesIO(source)) as archive:          # the builder writes real zip64
        assert archive.read("word/document.xml") == minimal_parts()[2][1]
    assert read_docx(source).xml("word/document.xml") is not None


def test_zip64_sizes_are_checked_like_any_other():
    entries = [RawEntry(name, data) for name, data in minimal_parts()]
    entries[2].declared_size = 5 * 1024 ** 3
    with pytest.raises(DocumentReadError) as caught:
        read_docx(raw_zip(entries, zip64=True))
    assert caught.value.code == "entry_too_large"


def test_parse_xml_returns_an_lxml_element_with_namespaces():
    root = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:t xml:space="preserve"> a </w:t></w:r></w:p>'.encode(),
                     "part.xml")
    assert isinstance(root, etree._Element)
    assert root.find(f"{W}r/{W}t").text == " a "


def test_a_large_genuine_document_is_well_within_the_default_limits():
    import docx

    document = docx.Document()
    for number in range(3_000):
        document.add_paragraph(f"Điều {number}. Phạm vi điều chỉnh và đối tượng áp dụng của quy chế.")
    out = io.BytesIO()
    document.save(out)
    package = read_docx(out.getvalue(), Limits())
    assert len(package.xml("word/document.xml")[0]) == 3_001


def test_a_package_built_from_parts_alone_parses_each_on_first_use():
    package = DocxPackage(dict(minimal_parts()), "word/document.xml")
    assert package.xml("word/document.xml").tag == f"{W}document"
    assert package.rels("")["rId1"][1] == "word/document.xml"
    assert package.names == tuple(dict(minimal_parts()))


def test_a_package_built_from_parts_still_uses_the_safe_parser():
    package = DocxPackage({"word/document.xml": b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'}, "word/document.xml")
    with pytest.raises(DocumentReadError) as caught:
        package.xml("word/document.xml")
    assert caught.value.code == "xml_unsafe"
