"""A plain text as the neutral model: one paragraph per line, no formatting known.

Rules that need formatting (fonts, sizes, page setup) skip such a document; the text rules
(numbering, dates, số ký hiệu, capitalisation) and the layout finder work on it unchanged.
"""
from __future__ import annotations

import unicodedata

from .model import Document, Paragraph, Spacing


def document_from_text(text: str) -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs = []
    for index, line in enumerate(lines):
        nfc = unicodedata.normalize("NFC", line)
        paragraphs.append(Paragraph(index=index, text=nfc.rstrip(), alignment=None, spacing=Spacing(),
                                    not_nfc=nfc != line))
    while paragraphs and paragraphs[-1].is_empty:
        paragraphs.pop()
    return Document(paragraphs=paragraphs, formatted=False)
