"""Builders of hostile and valid uploads, made in memory so no binary sample is ever committed.

Shared by the reader tests and the ``bench/review_*`` scripts. ``raw_zip`` writes zip structures by
hand because the interesting attacks (lying sizes, overlapping entries, NUL in names) are exactly
what ``zipfile`` refuses to write. ``ole2_file`` writes a minimal OLE2 compound file — header, FAT,
directory, streams — which is how Office stores legacy .doc and password-protected .docx.
"""
from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_DOCUMENT_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
MiB = 1024 * 1024


# --- a minimal .docx ---------------------------------------------------------------------------

def content_types(main_type: str = DOCUMENT_TYPE, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>{extra}</Types>'
    ).encode()


PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/></Relationships>'
)


def document_xml(body: str = "<w:p><w:r><w:t>Quyết định</w:t></w:r></w:p>", prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>').encode()


def minimal_parts(document: bytes | None = None) -> list[tuple[str, bytes]]:
    """The three parts Word needs: content types, package relationships, the main document."""
    return [("[Content_Types].xml", content_types()), ("_rels/.rels", PACKAGE_RELS),
            ("word/document.xml", document if document is not None else document_xml())]


# --- a zip written by hand ---------------------------------------------------------------------

@dataclass
class RawEntry:
    """One member; any field left None is computed honestly, any other value is a deliberate lie."""

    name: bytes | str
    data: bytes = b""
    deflate: bool = True
    flags: int = 0
    declared_size: int | None = None
    declared_compressed: int | None = None
    crc: int | None = None
    central_offset: int | None = None      # where the central directory says the local header is
    central_only: bool = False             # no local record of its own (it points into another's)


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def raw_zip(entries: list[RawEntry], declared_count: int | None = None, zip64: bool = False) -> bytes:
    """A zip whose every header field can lie; local headers carry the same (possibly false) values.

    With ``zip64`` the central directory and the end record use the 64-bit forms (placeholders
    plus zip64 extra fields, zip64 end record and locator), as archivers do for huge files.
    """
    out, central = bytearray(), bytearray()
    for entry in entries:
        name = entry.name.encode("utf-8") if isinstance(entry.name, str) else entry.name
        payload = _deflate(entry.data) if entry.deflate else entry.data
        crc = zlib.crc32(entry.data) if entry.crc is None else entry.crc
        size = len(entry.data) if entry.declared_size is None else entry.declared_size
        csize = len(payload) if entry.declared_compressed is None else entry.declared_compressed
        method = 8 if entry.deflate else 0
        offset = len(out)
        if not entry.central_only:
            local_extra, local_sizes = b"", (csize, size)
            if zip64:
                local_extra, local_sizes = struct.pack("<2H2Q", 0x0001, 16, size, csize), (0xFFFFFFFF,) * 2
            out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 45 if zip64 else 20, entry.flags, method, 0, 0x21,
                               crc, *local_sizes, len(name), len(local_extra)) + name + local_extra + payload
        pointed = offset if entry.central_offset is None else entry.central_offset
        extra = b""
        if zip64:
            extra = struct.pack("<2H3Q", 0x0001, 24, size, csize, pointed)
            size = csize = pointed = 0xFFFFFFFF
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 45, 45, entry.flags, method, 0, 0x21,
                               crc, csize, size, len(name), len(extra), 0, 0, 0, 0, pointed) + name + extra
    count = len(entries) if declared_count is None else declared_count
    tail = b""
    if zip64:
        z64_offset = len(out) + len(central)
        tail = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(central), len(out))
        tail += struct.pack("<4sLQL", b"PK\x06\x07", 0, z64_offset, 1)
        end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + tail + end)


def docx_zip(parts: list[tuple[str, bytes]]) -> bytes:
    return raw_zip([RawEntry(name, data) for name, data in parts])


# --- OLE2 compound files ----------------------------------------------------------------------

_FREE, _END, _FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_NO_STREAM = 0xFFFFFFFF


def _directory_entry(name: str, kind: int, start: int, size: int, right: int = _NO_STREAM,
                     child: int = _NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack("<64sHBB3L16sL8s8sLQ", encoded, len(encoded), kind, 1, _NO_STREAM, right, child,
                       b"\0" * 16, 0, b"\0" * 8, b"\0" * 8, start, size)


def ole2_file(streams: dict[str, bytes]) -> bytes:
    """A compound file: header, one FAT sector, one directory sector, streams in 512-byte sectors.

    Streams are padded to 4,096 bytes so they live in the regular FAT (no mini stream); siblings
    form a right-leaning chain sorted as the format requires (by name length, then name).
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    if len(names) > 3:
        raise ValueError("one directory sector holds the root and three streams")
    sectors: list[bytes] = []
    fat = [_FAT_SECTOR, _END]                       # sector 0: FAT, sector 1: directory
    starts = {}
    for name in names:
        data = streams[name].ljust(4096, b"\0")
        chunks = [data[i:i + 512].ljust(512, b"\0") for i in range(0, len(data), 512)]
        starts[name] = 2 + len(sectors)
        fat += [2 + len(sectors) + i + 1 for i in range(len(chunks) - 1)] + [_END]
        sectors += chunks
    entries = [_directory_entry("Root Entry", 5, _END, 0, child=1 if names else _NO_STREAM)]
    for index, name in enumerate(names, start=1):
        right = index + 1 if index < len(names) else _NO_STREAM
        entries.append(_directory_entry(name, 2, starts[name], len(streams[name].ljust(4096, b"\0")), right))
    directory = b"".join(entries).ljust(512, b"\0")
    fat_sector = struct.pack(f"<{len(fat)}L", *fat).ljust(512, b"\xff")
    header = struct.pack("<8s16s5H6s9L", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<L", 0) + struct.pack("<108L", *([_FREE] * 108))
    return header + fat_sector + directory + b"".join(sectors)


def legacy_doc() -> bytes:
    return ole2_file({"WordDocument": b"\xec\xa5" + b"\0" * 1000, "1Table": b"\0" * 100})


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE2 file, not a zip."""
    return ole2_file({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00",
                      "EncryptedPackage": random.Random(1).randbytes(2000)})


# --- the hostile catalogue ---------------------------------------------------------------------

def declares_one_gib() -> bytes:
    parts = minimal_parts()
    entries = [RawEntry(name, data) for name, data in parts[:2]]
    entries.append(RawEntry("word/document.xml", document_xml(), declared_size=1024 * MiB))
    return raw_zip(entries)


def deflate_bomb() -> bytes:
    """20 MiB of one byte squeezed ~1,000:1 as the main document."""
    return docx_zip(minimal_parts(b"<" + b" " * (20 * MiB)))


def total_too_large() -> bytes:
    """Five 45 MiB parts, each honest about a plausible 1:90 ratio: only their sum is too much."""
    filler = random.Random(7).randbytes(45 * MiB // 90)
    bulky = [RawEntry(f"word/media/image{i}.bin", filler, deflate=False,
                      declared_size=45 * MiB, declared_compressed=len(filler)) for i in range(5)]
    return raw_zip([RawEntry(n, d) for n, d in minimal_parts()] + bulky)


def too_many_entries() -> bytes:
    extra = [RawEntry(f"word/media/p{i}.xml", b"<a/>") for i in range(1001)]
    return raw_zip([RawEntry(n, d) for n, d in minimal_parts()] + extra)


def _local_record_length(entry: RawEntry) -> int:
    name = entry.name.encode("utf-8") if isinstance(entry.name, str) else entry.name
    return 30 + len(name) + len(_deflate(entry.data) if entry.deflate else entry.data)


def overlapping_entries() -> bytes:
    """Fifield's construction: a second directory entry points at a local header quoted inside the first.

    Here the kernel is shared once; a real bomb repeats it thousands of times so that every
    entry re-inflates the same compressed bytes.
    """
    inner_name, inner_data = b"word/styles.xml", b"<w:styles/>"
    inner_payload = _deflate(inner_data)
    inner_record = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, zlib.crc32(inner_data),
                               len(inner_payload), len(inner_data), len(inner_name), 0)
    entries = [RawEntry(n, d) for n, d in minimal_parts()]
    kernel = RawEntry("word/media/kernel.bin", inner_record + inner_name + inner_payload, deflate=False)
    kernel_offset = sum(_local_record_length(e) for e in entries)
    entries += [kernel, RawEntry(inner_name, inner_data, central_only=True,
                                 central_offset=kernel_offset + 30 + len("word/media/kernel.bin"))]
    return raw_zip(entries)


def overrunning_entry() -> bytes:
    """The main document declares more compressed bytes than it has, reaching into the next header."""
    parts = minimal_parts()
    real = len(_deflate(parts[2][1]))
    entries = [RawEntry(n, d) for n, d in parts[:2]]
    entries += [RawEntry(*parts[2], declared_compressed=real + 30), RawEntry("word/styles.xml", b"<w:styles/>")]
    return raw_zip(entries)


def with_member(name: bytes | str, data: bytes = b"<a/>") -> bytes:
    return raw_zip([RawEntry(n, d) for n, d in minimal_parts()] + [RawEntry(name, data)])


def element_bomb() -> bytes:
    """600,000 empty paragraphs, stored (not deflated) so the ratio check lets them through."""
    document = document_xml("<w:p/>" * 600_000)
    parts = minimal_parts()[:2]
    return raw_zip([RawEntry(n, d) for n, d in parts] + [RawEntry("word/document.xml", document, deflate=False)])


def attribute_bomb() -> bytes:
    """1.1 million attributes on 110 paragraphs (lxml would need ~350 bytes for each)."""
    attributes = " ".join(f'a{i}=""' for i in range(10_000))
    document = document_xml(f"<w:p {attributes}/>" * 110)
    parts = minimal_parts()[:2]
    return raw_zip([RawEntry(n, d) for n, d in parts] + [RawEntry("word/document.xml", document, deflate=False)])


def depth_bomb() -> bytes:
    return docx_zip(minimal_parts(document_xml("<w:p>" * 200 + "</w:p>" * 200)))


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


def billion_laughs() -> bytes:
    return docx_zip(minimal_parts(document_xml("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", BILLION_LAUGHS)))


def xxe_document(system_id: str) -> bytes:
    """A main document whose text is an external entity (a local file or a URL)."""
    return document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
                        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{system_id}">]>')


def macro_part() -> bytes:
    return with_member("word/vbaProject.bin", b"\xcc" * 64)


def macro_content_type() -> bytes:
    parts = minimal_parts()
    parts[0] = ("[Content_Types].xml", content_types(MACRO_DOCUMENT_TYPE))
    return docx_zip(parts)


def truncated_docx() -> bytes:
    whole = docx_zip(minimal_parts())
    return whole[:len(whole) // 2]


def random_bytes() -> bytes:
    return random.Random(42).randbytes(4096)


@dataclass(frozen=True)
class HostileCase:
    name: str
    build: Callable[[], bytes]
    code: str


HOSTILE_CASES = (
    HostileCase("declares_1_gib", declares_one_gib, "entry_too_large"),
    HostileCase("deflate_bomb", deflate_bomb, "compression_ratio"),
    HostileCase("total_too_large", total_too_large, "total_too_large"),
    HostileCase("too_many_entries", too_many_entries, "too_many_entries"),
    HostileCase("overlapping_entries", overlapping_entries, "overlapping_entries"),
    HostileCase("overrunning_entry", overrunning_entry, "overlapping_entries"),
    HostileCase("traversal_name", lambda: with_member("../../evil.xml"), "unsafe_name"),
    HostileCase("absolute_name", lambda: with_member("/etc/cron.d/evil"), "unsafe_name"),
    HostileCase("backslash_name", lambda: with_member("..\\evil.xml"), "unsafe_name"),
    HostileCase("nul_name", lambda: with_member(b"word/a\x00.xml"), "unsafe_name"),
    HostileCase("duplicate_name", lambda: with_member("WORD/Document.xml"), "duplicate_name"),
    HostileCase("element_bomb", element_bomb, "xml_too_many_elements"),
    HostileCase("attribute_bomb", attribute_bomb, "xml_too_many_elements"),
    HostileCase("depth_bomb", depth_bomb, "xml_too_deep"),
    HostileCase("billion_laughs", billion_laughs, "xml_unsafe"),
    HostileCase("xxe_file", lambda: docx_zip(minimal_parts(xxe_document("file:///etc/passwd"))), "xml_unsafe"),
    HostileCase("xxe_http", lambda: docx_zip(minimal_parts(xxe_document("http://127.0.0.1:9/x"))), "xml_unsafe"),
    HostileCase("encrypted_ole2", encrypted_docx, "encrypted"),
    HostileCase("macro_vba_project", macro_part, "macro_enabled"),
    HostileCase("macro_content_type", macro_content_type, "macro_enabled"),
    HostileCase("legacy_doc", legacy_doc, "legacy_doc"),
    HostileCase("random_bytes", random_bytes, "not_zip"),
    HostileCase("truncated_zip", truncated_docx, "truncated"),
    HostileCase("empty_file", lambda: b"", "empty_file"),
)


# --- mutations for fuzzing ---------------------------------------------------------------------

def _flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data))]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


def _delete(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 64):]


def _overwrite_field(data: bytes, rng: random.Random) -> bytes:
    """Aim at the zip headers: overwrite 4 bytes just after a random ``PK`` signature."""
    starts = [i for i in range(len(data) - 1) if data[i:i + 2] == b"PK"]
    at = rng.choice(starts) + rng.randrange(4, 46) if starts else 0
    value = rng.choice([0, 0xFFFFFFFF, 0xFFFF, 1 << 30, rng.getrandbits(32)]).to_bytes(4, "little")
    return data[:at] + value + data[at + 4:]


_XML_SNIPPETS = (b"<!DOCTYPE x>", b"&xxe;", b"<w:p>", b"</w:body>", b"\x00", b"\xff\xfe", b"]]>",
                 b'<!ENTITY a "b">', b"<" * 5, b"&#0;", b"&#x110000;", b'xmlns:w="x"', b"\xc3")


def _mutate_xml(xml: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:
        return _flip_bits(xml, rng)
    if choice == 1:
        return _delete(xml, rng)
    at = rng.randrange(len(xml) + 1)
    if choice == 2:
        return xml[:at] + rng.choice(_XML_SNIPPETS) + xml[at:]
    start = rng.randrange(len(xml))
    return xml[:at] + xml[start:start + rng.randint(1, 200)] + xml[at:]


def _mutate_inner_xml(data: bytes, rng: random.Random) -> bytes:
    """Change one XML part of a valid package and zip it again, so the damage reaches the parser."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    xml_indexes = [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]
    index = rng.choice(xml_indexes)
    name, body = members[index]
    members[index] = (name, _mutate_xml(body, rng))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member_name, member_data in members:
            target.writestr(member_name, member_data)
    return out.getvalue()


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "bit_flip": _flip_bits,
    "truncate": _truncate,
    "insert": _insert,
    "delete": _delete,
    "zip_field": _overwrite_field,
    "inner_xml": _mutate_inner_xml,
}


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random mutation of ``data``: its kind and the result."""
    kind = rng.choice(sorted(MUTATIONS))
    return kind, MUTATIONS[kind](data, rng)


def sample_docx() -> bytes:
    """A real .docx as python-docx writes it (Word's own default template) with Vietnamese content."""
    document = docx.Document()
    document.core_properties.title = "Quyết định về việc ban hành quy chế"
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    document.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN"
    table.cell(1, 1).text = "Số: 12/QĐ-UBND"
    document.add_paragraph("Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Đầu trang"
    section.footer.paragraphs[0].text = "Chân trang"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
