"""The review report: findings and per-file reports in the JSON contract of the design (§6).

Every output format (JSON, text, HTML, SARIF, Word comments, fixes) reads these objects, so the
contract is written down once, here. ``to_dict`` gives exactly the published JSON shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
COMPONENTS = (
    "page", "quoc_hieu", "tieu_ngu", "co_quan_chu_quan", "co_quan_ban_hanh", "so_ky_hieu",
    "dia_danh_thoi_gian", "ten_loai", "trich_yeu", "kinh_gui", "noi_dung", "chuc_vu", "ho_ten",
    "noi_nhan", "so_trang", "dau", "phu_luc", "other",
)
PROPERTIES = (
    "presence", "text", "case", "font", "size", "bold", "italic", "underline", "color",
    "alignment", "indent", "spacing", "margin", "paper_size", "orientation", "line", "position",
)
PARTS = ("body", "header", "footer")


@dataclass(frozen=True)
class Location:
    """Where a finding sits: the Word part and the 0-based paragraph index in reading order."""
    part: str
    paragraph: int
    text: str = ""

    def __post_init__(self) -> None:
        if self.part not in PARTS:
            raise ValueError(f"unknown part {self.part!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"part": self.part, "paragraph": self.paragraph, "text": self.text}


@dataclass(frozen=True)
class Fix:
    description: str
    safe: bool

    def to_dict(self) -> dict[str, Any]:
        return {"description": self.description, "safe": self.safe}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    component: str
    property: str
    message: str
    reference: str
    expected: str = ""
    actual: str = ""
    location: Location | None = None
    fix: Fix | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.component not in COMPONENTS:
            raise ValueError(f"unknown component {self.component!r}")
        if self.property not in PROPERTIES:
            raise ValueError(f"unknown property {self.property!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "component": self.component,
            "property": self.property,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "location": self.location.to_dict() if self.location else None,
            "reference": self.reference,
            "fix": self.fix.to_dict() if self.fix else None,
        }


@dataclass
class Report:
    """The review of one input file. ``error`` is set (in Vietnamese) when it could not be read."""
    file: str
    profile: str
    document_type: str | None = None
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        return self.error is None and not any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "document_type": self.document_type,
            "profile": self.profile,
            "compliant": self.compliant,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
        }


def exit_status(reports: list[Report]) -> int:
    """CLI exit status: 2 if any file was unreadable, else 1 if any error finding, else 0."""
    if any(r.error is not None for r in reports):
        return 2
    if any(not r.compliant for r in reports):
        return 1
    return 0
