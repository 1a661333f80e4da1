"""Open Packaging Conventions: content types and relationships of a .docx, from already-parsed XML.

A .docx names its parts indirectly: ``_rels/.rels`` points to the main document, whose own
relationships point to styles, headers, footers and so on, and ``[Content_Types].xml`` says what
each part is. Part names are case-insensitive in OPC, so targets are matched to the real entry
names without regard to case.
"""
from __future__ import annotations

import posixpath
from urllib.parse import unquote

from lxml import etree


def local_name(element: etree._Element) -> str:
    """The tag without its namespace (Strict and Transitional OOXML use different namespaces)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def rels_name_for(part: str) -> str:
    """``word/document.xml`` → ``word/_rels/document.xml.rels``; the package itself is ``""``."""
    folder, _, base = part.rpartition("/")
    return posixpath.join(folder, "_rels", f"{base}.rels")


def relationship_kind(rel_type: str) -> str:
    """The last segment of a relationship type URI (``…/relationships/header`` → ``header``)."""
    return rel_type.rstrip("/").rpartition("/")[2]


def parse_content_types(root: etree._Element, names: list[str]) -> dict[str, str]:
    """The content type of every file entry, from its Override or else its extension's Default."""
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for element in root:
        kind = local_name(element)
        content_type = element.get("ContentType")
        if not content_type:
            continue
        if kind == "Default" and element.get("Extension"):
            defaults.setdefault(element.get("Extension").lower(), content_type)
        elif kind == "Override" and element.get("PartName"):
            overrides.setdefault(unquote(element.get("PartName")).lstrip("/").lower(), content_type)
    result = {}
    for name in names:
        if name.endswith("/"):
            continue
        content_type = overrides.get(name.lower()) or defaults.get(name.rpartition(".")[2].lower())
        if content_type:
            result[name] = content_type
    return result


def parse_relationships(root: etree._Element, source_part: str,
                        entry_by_lower_name: dict[str, str]) -> dict[str, tuple[str, str]]:
    """``{rId: (type, target)}``; internal targets resolved to the real entry name, external ones kept."""
    rels: dict[str, tuple[str, str]] = {}
    folder = posixpath.dirname(source_part)
    for element in root:
        rel_id, rel_type, target = element.get("Id"), element.get("Type"), element.get("Target")
        if local_name(element) != "Relationship" or not rel_id or not rel_type or target is None:
            continue
        if element.get("TargetMode") != "External":
            target = resolve_target(folder, target, entry_by_lower_name)
        rels.setdefault(rel_id, (rel_type, target))
    return rels


def resolve_target(folder: str, target: str, entry_by_lower_name: dict[str, str]) -> str:
    """A relative (or ``/``-rooted) part URI as the zip entry name it designates."""
    path = unquote(target.partition("#")[0])
    path = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
    path = posixpath.normpath(path) if path else path
    return entry_by_lower_name.get(path.lower(), path)
