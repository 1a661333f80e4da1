"""Paragraphs of a WordprocessingML story in reading order, from lxml elements.

A finding's ``location.paragraph`` is an index into exactly this order, so the document model, the
HTML view, the Word comments and the fixes must all count paragraphs the same way. Keeping the
walk in one small module (lxml only, no python-docx) lets every one of them share it.

The order: the children of a story (``w:body``, ``w:hdr``, ``w:ftr``, a table cell) in document
order; a ``w:p`` is yielded as it comes; a ``w:tbl`` is walked row by row (``w:tr``), cell by cell
(``w:tc``), each cell being a story of its own (so nested tables are walked where they sit); a
block-level content control (``w:sdt``) or custom-XML wrapper is walked through its content, since
Word shows its paragraphs in place. Paragraphs inside text boxes, footnotes or comments are not
part of the story and are not counted. Every ``w:tc`` is visited once, including the empty
continuation cells of a vertical merge (python-docx's ``row.cells`` would repeat the merged cell).

Header and footer parts: Word keeps each in its own part. ``header_footer_rel_ids`` lists the
relationship ids of the headers (or footers) in the order the sections reference them, without
repeats; "paragraph N of the headers" is the N-th paragraph when those parts are walked one after
another in that order (one running count over all header parts, another over all footer parts).
"""
from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute (``w("p")`` → ``{…}p``)."""
    return f"{{{W_NS}}}{tag}"


_P, _TBL, _TR, _TC = w("p"), w("tbl"), w("tr"), w("tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
_WRAPPERS = (_SDT, _CUSTOM_XML)


def _wrapped_children(element: etree._Element) -> Iterator[etree._Element]:
    """The children of a content control or custom-XML wrapper, as if it were not there."""
    container = element.find(_SDT_CONTENT) if element.tag == _SDT else element
    if container is None:
        return
    for child in container:
        if child.tag in _WRAPPERS:
            yield from _wrapped_children(child)
        else:
            yield child


def _children(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _wrapped_children(child)
        else:
            yield child


def iter_story_paragraphs(story: etree._Element) -> Iterator[etree._Element]:
    """Yield the ``w:p`` elements of a story (body, header, footer, cell) in reading order."""
    for child in _children(story):
        if child.tag == _P:
            yield child
        elif child.tag == _TBL:
            for row in _children(child):
                if row.tag != _TR:
                    continue
                for cell in _children(row):
                    if cell.tag == _TC:
                        yield from iter_story_paragraphs(cell)


def body_paragraphs(document: etree._Element) -> list[etree._Element]:
    """The paragraphs of ``word/document.xml`` (its root ``w:document`` or its ``w:body``)."""
    body = document if document.tag == w("body") else document.find(w("body"))
    return [] if body is None else list(iter_story_paragraphs(body))


def paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a paragraph: its ``w:t`` text, tabs and breaks, no deleted text.

    Text inside nested text boxes (``w:txbxContent``) belongs to other paragraphs and is skipped.
    """
    parts: list[str] = []
    for node in paragraph.iter(w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen")):
        if _inside_text_box(node, paragraph):
            continue
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag == w("tab"):
            if node.getparent() is not None and node.getparent().tag == w("r"):
                parts.append("\t")
        elif node.tag == w("noBreakHyphen"):
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _inside_text_box(node: etree._Element, paragraph: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == w("txbxContent"):
            return True
        parent = parent.getparent()
    return False


def header_footer_rel_ids(document: etree._Element, kind: str) -> list[str]:
    """Relationship ids of the ``kind`` ("header" or "footer") parts, in section order, once each.

    Sections are the ``w:sectPr`` elements of paragraph properties and the body's final one, in
    document order; a ``w:sectPr`` kept inside a tracked change (``w:sectPrChange``) is history,
    not a section, and is skipped. Within a section the references are taken as written.
    """
    if kind not in ("header", "footer"):
        raise ValueError(f"unknown kind {kind!r}")
    reference = w(f"{kind}Reference")
    seen: list[str] = []
    for sect_pr in document.iter(w("sectPr")):
        parent = sect_pr.getparent()
        if parent is None or parent.tag not in (w("pPr"), w("body")):
            continue
        for ref in sect_pr.findall(reference):
            rel_id = ref.get(f"{{{R_NS}}}id")
            if rel_id and rel_id not in seen:
                seen.append(rel_id)
    return seen
