"""A copy of the .docx with a Word comment at each finding.

Reviewers already work in Word: a comment in the margin next to the offending paragraph is the
most direct way to hand findings back to the drafter. Each comment names the rule code, the
severity, the message, what the decree expects, what was found, how to fix it and the decree
reference, so it stands on its own without the report.

Anchoring: a finding with a body location gets its comment on that paragraph (all of its runs).
Word cannot anchor comments inside headers and footers, so a header/footer finding is anchored on
the first body paragraph and its comment says where it belongs; page-level findings (no
location) and locations out of range are anchored there too. A paragraph with no run of its own
(empty, or text only inside hyperlinks) gets an empty run to hold the comment markers, the only
change made to the document's content.

The copy is written with python-docx, only for files that already passed the safe reader.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

from docx.document import Document
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from review.docx_stories import open_document, story_paragraphs
from review.labels import component_label, location_label, property_label, severity_label
from review.report import Finding

AUTHOR = "Kiểm tra thể thức"
INITIALS = "KTTT"


def comment_text(finding: Finding) -> str:
    """The comment for one finding; one line per item (python-docx makes each a paragraph)."""
    lines = [f"[{finding.rule}] {severity_label(finding.severity)}: {finding.message}"]
    lines.append(f"Thành phần: {component_label(finding.component)} — {property_label(finding.property)}")
    where = finding.location
    if where is not None and where.part != "body":
        excerpt = f": “{where.text}”" if where.text else ""
        lines.append(f"Vị trí: {location_label(where.part, where.paragraph)}{excerpt}")
    if finding.expected:
        lines.append(f"Yêu cầu: {finding.expected}")
    if finding.actual:
        lines.append(f"Hiện tại: {finding.actual}")
    if finding.fix is not None:
        how = "có thể tự sửa an toàn" if finding.fix.safe else "cần người sửa"
        lines.append(f"Cách sửa: {finding.fix.description} ({how})")
    if finding.reference:
        lines.append(f"Căn cứ: {finding.reference}")
    return "\n".join(_xml_safe(line) for line in lines)


def _xml_safe(text: str) -> str:
    """Blank out characters XML 1.0 cannot hold (a message may quote raw document text)."""
    return "".join(ch if ch == "\t" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff" else " " for ch in text)


def _anchor_runs(paragraph: Paragraph) -> list[Run]:
    runs = paragraph.runs
    return runs if runs else [paragraph.add_run("")]


def _first_body_paragraph(document: Document, body: list[etree._Element]) -> Paragraph:
    if body:
        return Paragraph(body[0], document._body)
    return document.add_paragraph()


def annotate_document(document: Document, findings: Iterable[Finding], author: str = AUTHOR) -> int:
    """Add one comment per finding to an open document; return how many were added."""
    stories = story_paragraphs(document)
    body = stories.body
    count = 0
    for finding in findings:
        where = finding.location
        if where is not None and where.part == "body" and 0 <= where.paragraph < len(body):
            paragraph = Paragraph(body[where.paragraph], document._body)
        else:
            paragraph = _first_body_paragraph(document, body)
            if not body:
                body = [paragraph._p]
        document.add_comment(_anchor_runs(paragraph), comment_text(finding), author=author, initials=INITIALS)
        count += 1
    return count


def annotate_docx(
    source: str | Path | IO[bytes],
    findings: Iterable[Finding],
    destination: str | Path | IO[bytes],
    author: str = AUTHOR,
) -> int:
    """Write a commented copy of ``source`` to ``destination``; return the number of comments."""
    document = open_document(source)
    count = annotate_document(document, findings, author)
    document.save(str(destination) if isinstance(destination, Path) else destination)
    return count

