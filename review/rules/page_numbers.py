"""Where a document shows its page numbers: the PAGE fields of each header and footer part.

Shared by the three page-number rules so they agree on what "the page number" is.
"""
from __future__ import annotations

from ..model import Document, Paragraph

LONG_TEXT = 3500


def page_number_paragraphs(doc: Document, kind: str, ref_type: str = "default") -> list[Paragraph]:
    """PAGE-field paragraphs of the first section's ``kind`` ('header'/'footer') of ``ref_type``."""
    if not doc.sections:
        return []
    refs = doc.sections[0].headers if kind == "header" else doc.sections[0].footers
    parts = doc.headers if kind == "header" else doc.footers
    part = parts.get(refs.get(ref_type, ""))
    return part.page_field_paragraphs() if part else []


def any_page_number(doc: Document) -> bool:
    return any(hf.has_page_field for hf in (*doc.headers.values(), *doc.footers.values()))


def probably_multi_page(doc: Document) -> bool:
    """True when Word rendered a page break or the text is longer than a page usually holds."""
    if doc.page_breaks > 0:
        return True
    return sum(len(p.text) for p in doc.paragraphs) > LONG_TEXT
