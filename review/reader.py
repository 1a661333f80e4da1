"""The safe entrance for every document under review: .docx packages, plain text and batch zips.

Uploads are hostile until proven otherwise. ``read_docx`` identifies the format from its bytes,
checks the whole zip structure before inflating anything (see ``_zipscan``), refuses macros,
encryption and legacy formats, then inflates only the parts the review needs and parses each with
the one safe XML parser (``parse_xml``). Whatever goes wrong ends in a ``DocumentReadError`` whose
message a reviewer can act on; nothing else escapes for bad input.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Union

from lxml import etree

from ._limits import Limits
from ._opc import local_name, parse_content_types, parse_relationships, relationship_kind, rels_name_for
from ._safexml import XmlBudget, parse_bounded, parse_xml
from ._sniff import require_zip
from ._zipscan import EMPTY_ZIP_MAGIC, ZIP_MAGIC, ZipEntry, inflate, scan_zip
from .errors import DocumentReadError

__all__ = [
    "DocumentReadError", "DocxPackage", "Limits", "iter_zip_batch", "parse_xml", "read_docx", "read_text",
]

Source = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO]

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
# Parts the review reads, by relationship kind; media, fonts and custom XML stay compressed.
DOCUMENT_PART_KINDS = frozenset({
    "styles", "numbering", "settings", "theme", "fontTable",
    "header", "footer", "footnotes", "endnotes", "comments",
})
PACKAGE_PART_KINDS = frozenset({"core-properties", "extended-properties"})
_OTHER_OFFICE_TYPES = ("spreadsheetml", "presentationml", "ms-excel", "ms-powerpoint")
_MACRO_SUFFIXES = (".docm", ".dotm")
# Control characters (Unicode category Cc) other than tab and the line and page breaks: a text
# with more than 1% of them is a binary file, a stray one (pasted from Word) is tolerated.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0e-\x1f]")
_READ_CHUNK = 1024 * 1024


class DocxPackage:
    """The parts of a .docx that passed every check, with their XML parsed once by the safe parser.

    ``parts`` maps zip entry names (``word/document.xml``) to their bytes; ``names`` lists every
    entry of the zip, including those not inflated (images, fonts). ``content_types`` gives each
    entry's content type. ``xml`` and ``rels`` never re-read the zip. ``read_docx`` hands over the
    trees it already parsed; a package built from bytes alone parses each part on first use.
    """

    def __init__(self, parts: dict[str, bytes], main_document_name: str,
                 content_types: dict[str, str] | None = None, names: tuple[str, ...] | None = None, *,
                 trees: dict[str, etree._Element] | None = None, limits: Limits = Limits()) -> None:
        self.parts = parts
        self.main_document_name = main_document_name
        self.content_types = content_types if content_types is not None else {}
        self.names = names if names is not None else tuple(parts)
        self._trees = trees if trees is not None else {}
        self._limits = limits
        self._rels: dict[str, dict[str, tuple[str, str]]] = {}
        self._entry_by_lower_name = {name.lower(): name for name in self.names}

    def xml(self, name: str) -> etree._Element | None:
        """The parsed root of part ``name``, or None when the package has no such part."""
        if name not in self._trees:
            if name not in self.parts:
                return None
            self._trees[name] = parse_xml(self.parts[name], name, self._limits)
        return self._trees[name]

    def rels(self, part_name: str) -> dict[str, tuple[str, str]]:
        """``{rId: (type, target)}`` of a part (``""`` for the package); targets are entry names.

        Internal targets are resolved to the zip entry name (case as stored); external ones
        (``TargetMode="External"``) are returned as written. A part whose ``.rels`` was not
        inflated (media, custom XML) has none.
        """
        if part_name not in self._rels:
            root = self.xml(rels_name_for(part_name))
            self._rels[part_name] = ({} if root is None else
                                     parse_relationships(root, part_name, self._entry_by_lower_name))
        return self._rels[part_name]

    def related(self, part_name: str, kind: str) -> list[str]:
        """Targets of ``part_name``'s relationships of one kind (``"header"``, ``"styles"`` …) present here."""
        return [target for rel_type, target in self.rels(part_name).values()
                if relationship_kind(rel_type) == kind and target in self.parts]


class _PartLoader:
    """Inflates and parses parts on request, against one element and attribute budget for the package."""

    def __init__(self, buf: bytes, entries: list[ZipEntry], limits: Limits) -> None:
        self.buf = buf
        self.entries = {entry.name: entry for entry in entries if not entry.is_dir}
        self.limits = limits
        self.parts: dict[str, bytes] = {}
        self.trees: dict[str, etree._Element] = {}
        self.budget = XmlBudget.from_limits(limits)
        self.entry_by_lower_name = {entry.name.lower(): entry.name for entry in entries}

    def load(self, name: str) -> etree._Element | None:
        if name in self.trees:
            return self.trees[name]
        entry = self.entries.get(name)
        if entry is None:
            return None
        data = inflate(self.buf, entry)
        root = parse_bounded(data, name, self.limits.max_xml_depth, self.budget)
        self.parts[name], self.trees[name] = data, root
        return root

    def require(self, name: str) -> etree._Element:
        root = self.load(name)
        if root is None:
            raise DocumentReadError("missing_part", part=name, detail="required part absent")
        return root

    def rels(self, part: str) -> list[tuple[str, str]]:
        """``(kind, target)`` of each relationship of ``part``, loading its .rels part if present."""
        root = self.load(rels_name_for(part))
        if root is None:
            return []
        rels = parse_relationships(root, part, self.entry_by_lower_name)
        return [(relationship_kind(rel_type), target) for rel_type, target in rels.values()]


def read_docx(source: Source, limits: Limits = Limits()) -> DocxPackage:
    """Read an untrusted .docx; refuse anything unsafe or unreadable with a ``DocumentReadError``."""
    if isinstance(source, (str, os.PathLike)) and str(source).lower().endswith(_MACRO_SUFFIXES):
        raise DocumentReadError("macro_enabled", detail="macro-enabled file extension")
    buf = _load_bytes(source, limits.max_file_size)
    require_zip(buf)
    entries = scan_zip(buf, limits, limits.max_part_size)
    names = tuple(entry.name for entry in entries)
    _refuse_macro_names(names)
    loader = _PartLoader(buf, entries, limits)
    content_types = parse_content_types(loader.require(CONTENT_TYPES), list(names))
    _refuse_macro_content_types(content_types)
    loader.require(PACKAGE_RELS)
    package_rels = loader.rels("")
    main = next((target for kind, target in package_rels if kind == "officeDocument"), None)
    if main is None or main not in loader.entries:
        raise DocumentReadError("missing_part", part=main, detail="no main document")
    if any(kind in content_types.get(main, "") for kind in _OTHER_OFFICE_TYPES):
        raise DocumentReadError("not_word", part=main, detail=content_types[main])
    if local_name(loader.require(main)) != "document":
        raise DocumentReadError("not_word", part=main, detail="main part is not a w:document")
    document_rels = loader.rels(main)
    if any(kind == "vbaProject" for kind, _ in document_rels):
        raise DocumentReadError("macro_enabled", detail="vbaProject relationship")
    wanted = [target for kind, target in document_rels if kind in DOCUMENT_PART_KINDS]
    wanted += [target for kind, target in package_rels if kind in PACKAGE_PART_KINDS]
    for name in wanted:
        if loader.load(name) is not None:
            loader.load(rels_name_for(name))
    return DocxPackage(loader.parts, main, content_types, names, trees=loader.trees, limits=limits)


def check_office_package(source: Source, limits: Limits = Limits()) -> tuple[str, ...]:
    """Check any OOXML package (e.g. an .xlsx annex) as a hostile zip before another library opens it.

    The same structural checks as a .docx — size, entry count, declared and real sizes, ratio,
    names, overlapping entries, OLE containers (encrypted or legacy files), macros — without
    inflating anything. Returns the entry names.
    """
    if isinstance(source, (str, os.PathLike)) and str(source).lower().endswith((".xlsm", ".xltm", ".docm", ".dotm")):
        raise DocumentReadError("macro_enabled", detail="macro-enabled file extension")
    buf = _load_bytes(source, limits.max_file_size)
    require_zip(buf)
    names = tuple(entry.name for entry in scan_zip(buf, limits, limits.max_part_size))
    _refuse_macro_names(names)
    return names


def _refuse_macro_names(names: tuple[str, ...]) -> None:
    for name in names:
        base = name.rpartition("/")[2].lower()
        if base in ("vbaproject.bin", "vbadata.xml"):
            raise DocumentReadError("macro_enabled", part=name, detail="VBA project part")


def _refuse_macro_content_types(content_types: dict[str, str]) -> None:
    for name, content_type in content_types.items():
        lowered = content_type.lower()
        if "macroenabled" in lowered or "vbaproject" in lowered:
            raise DocumentReadError("macro_enabled", part=name, detail=content_type)


def read_text(source: Source, limits: Limits = Limits()) -> str:
    """A plain-text upload as NFC text with ``\\n`` line ends: UTF-8 (BOM optional) or UTF-16 with BOM."""
    data = _load_bytes(source, limits.max_text_size)
    if not data:
        raise DocumentReadError("empty_file")
    text = _decode_text(data)
    controls = len(_CONTROL_CHARS.findall(text))
    if "\x00" in text or controls * 100 > len(text):
        raise DocumentReadError("not_text", detail=f"{controls} control characters")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentReadError("not_text", detail="invalid UTF-16") from None
    if b"\x00" in data:
        raise DocumentReadError("not_text", detail="NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    controls = len(_CONTROL_BYTES.findall(data))
    if controls * 100 > len(data):
        raise DocumentReadError("not_text", detail="binary bytes")
    raise DocumentReadError("text_encoding", detail="not UTF-8")


def iter_zip_batch(path: str | os.PathLike | bytes | BinaryIO,
                   limits: Limits = Limits()) -> Iterator[tuple[str, bytes]]:
    """Each file of a batch zip as ``(name, bytes)``, after the same structural checks as a .docx.

    Folders and macOS ``__MACOSX/`` metadata are skipped; names are NFC (macOS writes them
    decomposed). Each member may be as large as one upload (``max_file_size``); its bytes still
    go through ``read_docx`` or ``read_text``.
    """
    buf = _load_bytes(path, limits.max_batch_size)
    if not buf:
        raise DocumentReadError("empty_file")
    if buf.startswith(EMPTY_ZIP_MAGIC):
        return
    if not buf.startswith(ZIP_MAGIC):
        raise DocumentReadError("batch_not_zip", detail=f"starts with {buf[:8].hex()}")
    entries = scan_zip(buf, limits, limits.max_file_size)
    for entry in entries:
        if entry.is_dir or entry.name.startswith("__MACOSX/"):
            continue
        yield unicodedata.normalize("NFC", entry.name), inflate(buf, entry)


def _load_bytes(source: Source, max_size: int) -> bytes:
    """All of ``source`` (path, bytes or binary file), refusing more than ``max_size`` bytes."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        try:
            with open(Path(source), "rb") as handle:
                if os.fstat(handle.fileno()).st_size > max_size:
                    raise DocumentReadError("too_large", detail="file size on disk")
                data = _read_bounded(handle, max_size)
        except OSError as exc:
            raise DocumentReadError("unreadable", detail=f"{type(exc).__name__}: {exc}") from None
    elif hasattr(source, "read"):
        data = _read_bounded(source, max_size)
    else:
        raise TypeError(f"cannot read a document from {type(source).__name__}")
    if len(data) > max_size:
        raise DocumentReadError("too_large", detail=f"{len(data)} bytes")
    return data


def _read_bounded(handle: BinaryIO, max_size: int) -> bytes:
    """Read until the end or one byte past ``max_size``, whichever comes first (streams may return short reads)."""
    chunks, total = [], 0
    while total <= max_size:
        chunk = handle.read(min(_READ_CHUNK, max_size + 1 - total))
        if not isinstance(chunk, bytes):
            raise TypeError("the file must be opened in binary mode")
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
