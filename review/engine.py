"""Run a profile's rules over one document model and order the findings for reading.

Findings come out page-level first, then in reading order (body, headers, footers), so every
output shows them as a reader meets them in the document.
"""
from __future__ import annotations

from .layout import Layout, find_layout
from .model import Document
from .profiles import Profile
from .report import Finding
from .rules import Context

_PART_ORDER = {"body": 0, "header": 1, "footer": 2}


def run_rules(document: Document, profile: Profile) -> tuple[Layout, list[Finding]]:
    layout = find_layout(document)
    ctx = Context(document, layout, profile)
    for rule in profile.rules():
        if rule.needs_formatting and not document.formatted:
            continue
        ctx.rule = rule
        rule.check(ctx)
    return layout, sorted(ctx.findings, key=_order)


def _order(finding: Finding) -> tuple:
    if finding.location is None:
        return (0, 0, 0, finding.rule)
    return (1, _PART_ORDER.get(finding.location.part, 3), finding.location.paragraph, finding.rule)
