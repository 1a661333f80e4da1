"""What every rule is and what it gets to look at.

A rule is a class with a permanent ``code``, a readable Vietnamese ``name``, the decree
``reference`` it enforces, a default ``severity`` and the ``component`` it is about; its docstring
shows a bad and a good example (a test keeps that true). ``check`` reads the neutral model and the
layout through a ``Context`` and emits findings; it never sees XML. Severity is the profile's
choice, so the same rule is an error under ``nd30`` and a warning under ``vbqppl``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ..layout import Layout
from ..model import Document, Paragraph
from ..report import Finding, Fix, Location
from ..text import excerpt

if TYPE_CHECKING:
    from ..profiles import Profile

DECREE = "Nghị định 30/2020/NĐ-CP"
PL1 = f"{DECREE}, Phụ lục I, Phần I"
PL2 = f"{DECREE}, Phụ lục II"
PL3 = f"{DECREE}, Phụ lục III"


class Rule:
    """Base of every rule; subclasses set the class attributes and implement ``check``."""
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    reference: ClassVar[str] = ""
    severity: ClassVar[str] = "error"
    component: ClassVar[str] = "other"
    #: The rule reads formatting (fonts, sizes, page setup): it is skipped for plain text.
    needs_formatting: ClassVar[bool] = False

    def check(self, ctx: Context) -> None:
        """Emit this rule's findings through ``ctx.emit``."""
        raise NotImplementedError


@dataclass
class Context:
    """One review in progress: the document, where its components are, the profile's choices."""
    document: Document
    layout: Layout
    profile: Profile
    findings: list[Finding] = field(default_factory=list)
    rule: Rule | None = None

    def param(self, name: str, default=None):
        return self.profile.params.get(name, default)

    def emit(self, prop: str, message: str, *, paragraph: Paragraph | None = None,
             component: str | None = None, expected: object = "", actual: object = "",
             fix: str | None = None, safe: bool = False) -> None:
        """Record a finding of the running rule."""
        rule = self.rule
        assert rule is not None
        location = None
        if paragraph is not None:
            location = Location(paragraph.part, paragraph.index, excerpt(paragraph.text))
        self.findings.append(Finding(
            rule=rule.code,
            severity=self.profile.severity_of(rule),
            component=component or rule.component,
            property=prop,
            message=message,
            reference=rule.reference,
            expected=_text(expected),
            actual=_text(actual),
            location=location,
            fix=Fix(fix, safe) if fix else None,
        ))


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)
