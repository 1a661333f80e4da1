"""The single XML parser configuration for every untrusted part: no DTD, no entities, no network, bounded.

An XML part can attack the reader in three ways: entity expansion ("billion laughs"), external
entities that read local files or URLs (XXE), and sheer size (an element or attribute bomb:
millions of tiny elements or attributes, or deep nesting). The parser never loads a DTD or
resolves an entity, and any ``<!DOCTYPE`` or ``<!ENTITY`` is refused before parsing.

Size is bounded *before* parsing, from the bytes: without entities, every element needs its own
``<`` (and every attribute its own ``=``), so counting them gives an upper bound that costs one pass
in C and no memory. For that count to be sound the text must be in an encoding where ``<`` is the
byte we count, so parts must be UTF-8 or UTF-16, as OOXML requires (ECMA-376 Part 2, §8.1.4);
EBCDIC, UTF-7 or UTF-32 parts, where ``<`` is spelled differently, are refused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ._limits import Limits
from .errors import DocumentReadError

SAFE_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
_UTF8_NAMES = frozenset({"utf8"})
_UTF16_NAMES = frozenset({"utf16", "utf16le", "utf16be"})
_DECLARED_ENCODING = re.compile(r"""encoding\s*=\s*["']([^"']*)["']""")
_HEAD = 1024


@dataclass
class XmlBudget:
    """What the parts of one package may still hold; each parse spends from it."""

    elements: int
    attributes: int

    @classmethod
    def from_limits(cls, limits: Limits) -> XmlBudget:
        return cls(limits.max_xml_elements, limits.max_xml_attributes)


def _encoding_of(data: bytes, part: str) -> str:
    """UTF-8 or UTF-16 (LE/BE) from the BOM or the first character, agreeing with the declaration."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DocumentReadError("xml_invalid", part=part, detail="UTF-32 is not allowed in OOXML")
    if data.startswith((b"\xff\xfe", b"<\x00")):
        encoding = "utf-16-le"
    elif data.startswith((b"\xfe\xff", b"\x00<")):
        encoding = "utf-16-be"
    else:
        encoding = "utf-8"
    head = data[:_HEAD].decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        raise DocumentReadError("xml_invalid", part=part, detail="does not start with markup")
    if not head.startswith("<?xml"):
        return encoding
    end = head.find("?>")
    if end < 0:
        raise DocumentReadError("xml_invalid", part=part, detail="XML declaration too long")
    declared = _DECLARED_ENCODING.search(head, 0, end)
    if declared:
        name = declared.group(1).strip().lower().replace("_", "").replace("-", "")
        allowed = _UTF8_NAMES if encoding == "utf-8" else _UTF16_NAMES
        if name not in allowed:
            raise DocumentReadError("xml_invalid", part=part, detail=f"encoding {name!r} in {encoding} bytes")
    return encoding


def _upper_bounds(data: bytes, encoding: str) -> tuple[int, int]:
    """At most how many elements and attributes ``data`` can hold (comments and CDATA only add)."""
    def count(text: str) -> int:
        return data.count(text.encode(encoding))

    return count("<") - count("</") - count("<!") - count("<?"), count("=")


def _refuse_declarations(data: bytes, encoding: str, part: str) -> None:
    if "<!DOCTYPE".encode(encoding) in data or "<!ENTITY".encode(encoding) in data:
        raise DocumentReadError("xml_unsafe", part=part, detail="DOCTYPE or ENTITY declaration")


@lru_cache(maxsize=8)
def _deeper_than(max_depth: int) -> etree.XPath:
    """An XPath test for an element nested below ``max_depth`` levels (the root is level 1)."""
    return etree.XPath("boolean(" + "/*" * (max_depth + 1) + ")")


def parse_bounded(data: bytes, part: str, max_depth: int, budget: XmlBudget) -> etree._Element:
    """Parse ``data`` safely within ``budget`` (spending from it); any problem is a ``DocumentReadError``."""
    if not data:
        raise DocumentReadError("xml_invalid", part=part, detail="empty part")
    encoding = _encoding_of(data, part)
    _refuse_declarations(data, encoding, part)
    elements, attributes = _upper_bounds(data, encoding)
    if elements > budget.elements or attributes > budget.attributes:
        raise DocumentReadError("xml_too_many_elements", part=part,
                                detail=f"up to {elements} elements, {attributes} attributes")
    try:
        root = etree.fromstring(data, etree.XMLParser(**SAFE_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        code = "xml_too_deep" if "excessive depth" in str(exc).lower() else "xml_invalid"
        raise DocumentReadError(code, part=part, detail=str(exc)) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise DocumentReadError("xml_unsafe", part=part, detail="document type declaration")
    if _deeper_than(max_depth)(root):
        raise DocumentReadError("xml_too_deep", part=part, detail=f"deeper than {max_depth}")
    budget.elements -= int(root.xpath("count(//*)"))
    budget.attributes -= int(root.xpath("count(//@*)"))
    return root


def parse_xml(data: bytes, part: str, limits: Limits = Limits()) -> etree._Element:
    """Parse one untrusted XML part with the safe parser; any problem is a ``DocumentReadError``."""
    return parse_bounded(data, part, limits.max_xml_depth, XmlBudget.from_limits(limits))
