"""A strict zip reader for untrusted uploads: every structural check happens before any byte is inflated.

Python's ``zipfile`` trusts declared sizes, parses a central directory of any length before one
can count it, and accepts entries that share compressed data (the "overlapping zip bomb"). Here the
end record is read first (entry count), then the central directory (names, flags, declared sizes,
ratios), then every local header (the byte range each entry really occupies), and only then can
one entry be inflated — as a stream that stops at its declared size, which is already within limits.
"""
from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass

from ._limits import Limits
from .errors import DocumentReadError

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

_EOCD = struct.Struct("<4s4H2LH")           # end of central directory record
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_CENTRAL = struct.Struct("<4s6H3L5H2L")      # central directory file header
_LOCAL = struct.Struct("<4s5H3L2H")          # local file header
_EOCD_SIG, _Z64_LOC_SIG, _Z64_EOCD_SIG = b"PK\x05\x06", b"PK\x06\x07", b"PK\x06\x06"
_CENTRAL_SIG = b"PK\x01\x02"
_MAX_COMMENT = 0xFFFF
_FLAG_ENCRYPTED, _FLAG_STRONG_ENCRYPTION, _FLAG_UTF8 = 0x0001, 0x0040, 0x0800
_METHOD_STORED, _METHOD_DEFLATED, _METHOD_AES = 0, 8, 99
_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ZipEntry:
    """One member as the central directory declares it, plus where its data really starts."""

    name: str
    method: int
    crc: int
    compressed_size: int
    size: int
    header_offset: int
    data_offset: int

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")


def _fail(code: str, detail: str, part: str | None = None) -> DocumentReadError:
    return DocumentReadError(code, part=part, detail=detail)


def _find_end_record(buf: bytes) -> int:
    """Offset of the end-of-central-directory record: the last signature, as ``zipfile`` chooses it.

    Picking the same record as ``zipfile`` matters: the copies with comments and fixes are later
    written with python-docx, which must see exactly the entries checked here.
    """
    pos = buf.rfind(_EOCD_SIG, max(0, len(buf) - _EOCD.size - _MAX_COMMENT))
    if pos < 0:
        raise _fail("truncated", "no end-of-central-directory record")
    if pos + _EOCD.size > len(buf) or pos + _EOCD.size + _EOCD.unpack_from(buf, pos)[7] > len(buf):
        raise _fail("inconsistent_entries", "end record cut short or its comment overruns the file")
    return pos


def _read_directory_bounds(buf: bytes) -> tuple[int, int, int, int]:
    """(entry count, central directory offset, its size, where the end records start)."""
    eocd = _find_end_record(buf)
    _, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, _ = _EOCD.unpack_from(buf, eocd)
    end_records = eocd
    if 0xFFFF in (n_disk, n_total) or 0xFFFFFFFF in (cd_size, cd_offset):
        loc = eocd - _ZIP64_LOCATOR.size
        if loc < 0 or buf[loc:loc + 4] != _Z64_LOC_SIG:
            raise _fail("not_zip", "zip64 locator missing")
        _, z64_disk, z64_offset, disks = _ZIP64_LOCATOR.unpack_from(buf, loc)
        if z64_disk != 0 or disks > 1:
            raise _fail("unsupported_zip", "multi-disk zip64")
        if z64_offset + _ZIP64_EOCD.size > loc or buf[z64_offset:z64_offset + 4] != _Z64_EOCD_SIG:
            raise _fail("not_zip", "zip64 end record missing")
        (_, _, _, _, disk, cd_disk, n_disk, n_total,
         cd_size, cd_offset) = _ZIP64_EOCD.unpack_from(buf, z64_offset)
        end_records = z64_offset
    if disk != 0 or cd_disk != 0 or n_disk != n_total:
        raise _fail("unsupported_zip", "multi-disk zip")
    if cd_offset + cd_size != end_records:
        # zipfile would shift every offset by the difference (it assumes prepended data) and so
        # read another directory than this one; such files are refused.
        code = "truncated" if cd_offset + cd_size > len(buf) else "inconsistent_entries"
        raise _fail(code, "central directory does not end where the end record starts")
    return n_total, cd_offset, cd_size, end_records


def _decode_name(raw: bytes, flags: int) -> str:
    """UTF-8 when flagged (or when it decodes: many tools omit the flag), else the zip default cp437."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        if flags & _FLAG_UTF8:
            raise _fail("unsafe_name", "name flagged UTF-8 is not UTF-8") from None
        return raw.decode("cp437")


def check_name(name: str) -> None:
    """Refuse names that could escape a folder or mean different things to different tools."""
    body = name[:-1] if name.endswith("/") else name
    segments = body.split("/")
    if (
        not body
        or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name)
        or "\\" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(seg in ("", ".", "..") for seg in segments)
    ):
        raise _fail("unsafe_name", f"unsafe entry name {name!r}", part=name)


def _name_key(name: str) -> str:
    """Names that extract to the same file on Windows or macOS collide."""
    return unicodedata.normalize("NFC", name).casefold().rstrip("/")


def _zip64_sizes(extra: bytes, usize: int, csize: int, offset: int) -> tuple[int, int, int]:
    """Replace 0xFFFFFFFF placeholders with the 64-bit values of the zip64 extra field."""
    pos = 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<2H", extra, pos)
        body = extra[pos + 4:pos + 4 + length]
        pos += 4 + length
        if tag != 0x0001:
            continue
        values, cursor = [], 0
        for value in (usize, csize, offset):
            if value == 0xFFFFFFFF:
                if cursor + 8 > len(body):
                    raise _fail("not_zip", "short zip64 extra field")
                value = struct.unpack_from("<Q", body, cursor)[0]
                cursor += 8
            values.append(value)
        return values[0], values[1], values[2]
    if 0xFFFFFFFF in (usize, csize, offset):
        raise _fail("not_zip", "zip64 placeholder without extra field")
    return usize, csize, offset


def _read_central_directory(buf: bytes, count: int, cd_offset: int, cd_size: int) -> list[tuple]:
    """Raw central records: (name bytes, flags, method, crc, csize, usize, offset)."""
    if count * _CENTRAL.size > cd_size:
        raise _fail("inconsistent_entries", "entry count does not fit the central directory")
    records, pos, end = [], cd_offset, cd_offset + cd_size
    for _ in range(count):
        if pos + _CENTRAL.size > end:
            raise _fail("inconsistent_entries", "central directory ends early")
        (sig, _, _, flags, method, _, _, crc, csize, usize,
         nlen, xlen, clen, disk_start, _, _, offset) = _CENTRAL.unpack_from(buf, pos)
        if sig != _CENTRAL_SIG:
            raise _fail("not_zip", "bad central directory signature")
        name_at = pos + _CENTRAL.size
        pos = name_at + nlen + xlen + clen
        if pos > end:
            raise _fail("inconsistent_entries", "central record runs past the directory")
        if disk_start not in (0, 0xFFFF):
            raise _fail("unsupported_zip", "entry on another disk")
        raw_name = bytes(buf[name_at:name_at + nlen])
        extra = bytes(buf[name_at + nlen:name_at + nlen + xlen])
        usize, csize, offset = _zip64_sizes(extra, usize, csize, offset)
        records.append((raw_name, flags, method, crc, csize, usize, offset))
    if pos != end:
        # zipfile reads records until the directory's byte size is used up, whatever the count says.
        raise _fail("inconsistent_entries", "central directory holds more than its declared entries")
    return records


def _check_declared(records: list[tuple], limits: Limits, max_member_size: int) -> list[str]:
    """Names, encryption, declared sizes and ratios, all from the directory alone."""
    names, seen, total = [], set(), 0
    for raw_name, flags, method, _, csize, usize, _ in records:
        name = _decode_name(raw_name, flags)
        check_name(name)
        key = _name_key(name)
        if key in seen:
            raise _fail("duplicate_name", f"duplicate entry {name!r}", part=name)
        seen.add(key)
        if flags & (_FLAG_ENCRYPTED | _FLAG_STRONG_ENCRYPTION) or method == _METHOD_AES:
            raise _fail("encrypted", "encrypted zip entry", part=name)
        if usize > max_member_size:
            raise _fail("entry_too_large", f"declares {usize} bytes", part=name)
        total += usize
        if total > limits.max_total_size:
            raise _fail("total_too_large", f"declared total exceeds {limits.max_total_size}")
        if usize > limits.ratio_floor and usize > csize * limits.max_compression_ratio:
            raise _fail("compression_ratio", f"{usize} bytes from {csize}", part=name)
        names.append(name)
    return names


def _locate_data(buf: bytes, records: list[tuple], names: list[str], cd_offset: int) -> list[ZipEntry]:
    """Read each local header; refuse entries whose byte ranges overlap or disagree with the directory."""
    entries = []
    for name, (raw_name, _, method, crc, csize, usize, offset) in zip(names, records):
        if offset + _LOCAL.size > cd_offset:
            code = "truncated" if offset + _LOCAL.size > len(buf) else "overlapping_entries"
            raise _fail(code, "local header outside the data area", part=name)
        sig, _, _, local_method, _, _, _, _, _, nlen, xlen = _LOCAL.unpack_from(buf, offset)
        if sig != ZIP_MAGIC:
            raise _fail("inconsistent_entries", "no local header where the directory points", part=name)
        data_offset = offset + _LOCAL.size + nlen + xlen
        if bytes(buf[offset + _LOCAL.size:offset + _LOCAL.size + nlen]) != raw_name or local_method != method:
            raise _fail("inconsistent_entries", "local header disagrees with the directory", part=name)
        if data_offset + csize > cd_offset:
            code = "truncated" if data_offset + csize > len(buf) else "overlapping_entries"
            raise _fail(code, "entry data runs into the central directory", part=name)
        if method == _METHOD_STORED and csize != usize:
            raise _fail("inconsistent_entries", "stored entry with two sizes", part=name)
        entries.append(ZipEntry(name, method, crc, csize, usize, offset, data_offset))
    previous_end, previous = -1, None
    for entry in sorted(entries, key=lambda e: e.header_offset):
        if entry.header_offset < previous_end:
            raise _fail("overlapping_entries", f"{entry.name!r} overlaps {previous!r}", part=entry.name)
        previous_end, previous = entry.data_offset + entry.compressed_size, entry.name
    return entries


def scan_zip(buf: bytes, limits: Limits, max_member_size: int) -> list[ZipEntry]:
    """Every structural check of the zip, without inflating anything; entries in directory order."""
    if len(buf) < _EOCD.size:
        raise _fail("truncated", "shorter than an end record")
    count, cd_offset, cd_size, _ = _read_directory_bounds(buf)
    if count > limits.max_entries:
        raise _fail("too_many_entries", f"{count} entries")
    records = _read_central_directory(buf, count, cd_offset, cd_size)
    names = _check_declared(records, limits, max_member_size)
    return _locate_data(buf, records, names, cd_offset)


def inflate(buf: bytes, entry: ZipEntry) -> bytes:
    """The entry's bytes, inflated as a stream that stops one byte past the declared size.

    The declared size has already passed the limits, so a lying header costs at most that much;
    the CRC then proves the bytes are the ones the writer meant.
    """
    if entry.method == _METHOD_STORED:
        data = bytes(buf[entry.data_offset:entry.data_offset + entry.size])
    elif entry.method == _METHOD_DEFLATED:
        data = _inflate_stream(buf, entry)
    else:
        raise _fail("unsupported_zip", f"compression method {entry.method}", part=entry.name)
    if zlib.crc32(data) != entry.crc:
        raise _fail("corrupt_part", "CRC mismatch", part=entry.name)
    return data


def _inflate_stream(buf: bytes, entry: ZipEntry) -> bytes:
    inflater = zlib.decompressobj(-15)
    out = bytearray()
    pos, end = entry.data_offset, entry.data_offset + entry.compressed_size
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                chunk = inflater.unconsumed_tail
            elif pos < end:
                chunk, pos = buf[pos:min(pos + _CHUNK, end)], pos + _CHUNK
            else:
                break
            out += inflater.decompress(chunk, entry.size - len(out) + 1)
            if len(out) > entry.size:
                raise _fail("inconsistent_entries", "inflates past its declared size", part=entry.name)
    except zlib.error as exc:
        raise _fail("corrupt_part", f"deflate error: {exc}", part=entry.name) from None
    if not inflater.eof:
        raise _fail("corrupt_part", "deflate stream ends early", part=entry.name)
    if len(out) != entry.size:
        raise _fail("inconsistent_entries", "inflates short of its declared size", part=entry.name)
    return bytes(out)
