"""A self-contained HTML page for one or many review reports.

A reviewer opens the page without a server or network: the styles are inline, nothing is fetched.
Each document gets its status, its findings grouped by component of Phụ lục I, and its paragraphs
in reading order with the flagged ones marked. Flags are never colour alone: a flagged paragraph
has a border, a "⚑" mark, the words "Có vấn đề" and its findings written out next to it, so the
page reads the same in greyscale and to a screen reader.

Jinja2 renders with autoescaping on: document text and messages are untrusted and are always
escaped. The paragraph texts come from ``review.docx_stories`` (the shared walker), passed in by
the caller; without them the page still lists every finding.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from review.docx_stories import DocumentText
from review.labels import (
    COMPONENT_LABELS, component_label, location_label, part_label, property_label, severity_label,
)
from review.report import COMPONENTS, Finding, Location, Report

TEMPLATES = Path(__file__).parent / "templates"
_ENV = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters.update(
    component_label=component_label,
    property_label=property_label,
    severity_label=severity_label,
    part_label=part_label,
)
_ENV.globals["location_label"] = location_label


@dataclass
class ParagraphView:
    index: int
    text: str
    anchor: str
    findings: list[Finding] = field(default_factory=list)


@dataclass
class PartView:
    part: str
    paragraphs: list[ParagraphView]

    @property
    def flagged(self) -> int:
        return sum(1 for p in self.paragraphs if p.findings)


@dataclass
class DocumentView:
    number: int
    report: Report
    anchor: str
    groups: list[tuple[str, list[Finding]]]
    page_findings: list[Finding]
    parts: list[PartView]
    has_text: bool
    counts: Counter
    placed: dict[int, str] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.report.error is not None:
            return "unreadable"
        return "compliant" if self.report.compliant else "noncompliant"

    def paragraph_anchor(self, finding: Finding) -> str | None:
        """The id of the shown paragraph a finding is marked on, if any."""
        return self.placed.get(id(finding))


def _groups(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings by component, in the order of Phụ lục I (the order of ``COMPONENTS``)."""
    by_component: dict[str, list[Finding]] = {}
    for finding in findings:
        by_component.setdefault(finding.component, []).append(finding)
    order = {code: i for i, code in enumerate(COMPONENTS)}
    return sorted(by_component.items(), key=lambda item: order.get(item[0], len(order)))


def _target(parts: list[PartView], where: Location) -> ParagraphView | None:
    for part in parts:
        if part.part == where.part and 0 <= where.paragraph < len(part.paragraphs):
            return part.paragraphs[where.paragraph]
    return None


def _part_views(anchor: str, text: DocumentText) -> list[PartView]:
    views: list[PartView] = []
    for kind in ("body", "header", "footer"):
        texts = text.part(kind)
        if texts or kind == "body":
            paragraphs = [ParagraphView(i, t, f"{anchor}-{kind}-{i}") for i, t in enumerate(texts)]
            views.append(PartView(kind, paragraphs))
    return views


def _document_view(number: int, report: Report, text: DocumentText | None) -> DocumentView:
    anchor = f"tep-{number}"
    parts = _part_views(anchor, text) if text is not None else []
    page_findings: list[Finding] = []
    placed: dict[int, str] = {}
    for finding in report.findings:
        target = _target(parts, finding.location) if finding.location is not None else None
        if target is None:
            page_findings.append(finding)
        else:
            target.findings.append(finding)
            placed[id(finding)] = target.anchor
    return DocumentView(
        number=number,
        report=report,
        anchor=anchor,
        groups=_groups(report.findings),
        page_findings=page_findings,
        parts=parts,
        has_text=text is not None,
        counts=Counter(f.severity for f in report.findings),
        placed=placed,
    )


def render_html(
    reports: Iterable[Report],
    texts: Mapping[str, DocumentText] | None = None,
    title: str = "Báo cáo kiểm tra thể thức văn bản",
) -> str:
    """The HTML page for the reports; ``texts`` maps ``Report.file`` to the document's paragraphs."""
    texts = texts or {}
    documents = [_document_view(i, r, texts.get(r.file)) for i, r in enumerate(reports, start=1)]
    totals = Counter()
    for document in documents:
        totals.update(document.counts)
    summary = {
        "files": len(documents),
        "compliant": sum(1 for d in documents if d.status == "compliant"),
        "noncompliant": sum(1 for d in documents if d.status == "noncompliant"),
        "unreadable": sum(1 for d in documents if d.status == "unreadable"),
        "error": totals["error"],
        "warning": totals["warning"],
        "info": totals["info"],
    }
    profiles = sorted({d.report.profile for d in documents})
    template = _ENV.get_template("review_report.html")
    return template.render(
        title=title, documents=documents, summary=summary, profiles=profiles,
        component_labels=COMPONENT_LABELS,
    )
