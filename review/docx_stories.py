"""The paragraphs of an opened python-docx document, per Word part, indexed like the findings.

The HTML view, the Word comments and the fixes all need "the paragraph a finding points at". This
module answers that once for a ``docx.Document`` by running the shared walker
(``review.docx_walk``) over the main story and over the header and footer parts in the order the
sections reference them (one running count over all headers, another over all footers, as the
document model counts). It is only used on files that already passed the safe reader.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

import docx
from docx.document import Document
from lxml import etree

from review.docx_walk import body_paragraphs, header_footer_rel_ids, iter_story_paragraphs, paragraph_text
from review.report import Location

Source = str | Path | IO[bytes]


@dataclass
class Stories:
    """The ``w:p`` elements of the body, of all headers and of all footers, in reading order."""
    body: list[etree._Element]
    header: list[etree._Element]
    footer: list[etree._Element]

    def part(self, kind: str) -> list[etree._Element]:
        return {"body": self.body, "header": self.header, "footer": self.footer}.get(kind, [])

    def resolve(self, location: Location) -> etree._Element | None:
        """The paragraph a location points at, or None when its index is out of range."""
        paragraphs = self.part(location.part)
        return paragraphs[location.paragraph] if 0 <= location.paragraph < len(paragraphs) else None


def open_document(source: Source) -> Document:
    return docx.Document(str(source) if isinstance(source, Path) else source)


def story_paragraphs(document: Document) -> Stories:
    root = document.element
    related = document.part.related_parts
    kinds: dict[str, list[etree._Element]] = {}
    for kind in ("header", "footer"):
        paragraphs: list[etree._Element] = []
        for rel_id in header_footer_rel_ids(root, kind):
            element = getattr(related.get(rel_id), "element", None)
            if element is not None:
                paragraphs.extend(iter_story_paragraphs(element))
        kinds[kind] = paragraphs
    return Stories(body=body_paragraphs(root), header=kinds["header"], footer=kinds["footer"])


@dataclass(frozen=True)
class DocumentText:
    """The plain text of every paragraph, per part, for showing a document next to its findings."""
    body: tuple[str, ...]
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()

    def part(self, kind: str) -> tuple[str, ...]:
        return {"body": self.body, "header": self.header, "footer": self.footer}.get(kind, ())


def read_document_text(source: Source) -> DocumentText:
    """Open a .docx (path or binary stream) and return its paragraph texts in reading order."""
    stories = story_paragraphs(open_document(source))
    return DocumentText(
        body=tuple(paragraph_text(p) for p in stories.body),
        header=tuple(paragraph_text(p) for p in stories.header),
        footer=tuple(paragraph_text(p) for p in stories.footer),
    )
