"""Profiles: which rules run, at which severity, with which tolerances.

- ``nd30`` (default) applies Nghị định 30/2020/NĐ-CP as written: sizes exactly in the decree's
  ranges, margins to a tenth of a millimetre (the rounding of Word's centimetres), first-line
  indent 1 cm or 1,27 cm.
- ``nd30-practice`` keeps the same rules with the tolerances reviewers commonly accept, each
  written down here: sizes ±0,5 pt (Word's half points such as 13,5), margins ±1 mm, indents
  ±0,05 cm (1,25 cm), the en dash in the tiêu ngữ, "tháng 08" (ND30-233 off) and, as warnings, the
  paragraph spacing and line spacing of the body, which many templates set tighter.
- ``vbqppl`` checks the structure of legal normative texts on plain text: numbering of điều,
  khoản, điểm and chương, titles, citations. The rules for these texts live in Luật Ban hành văn
  bản quy phạm pháp luật and Nghị định 78/2025/NĐ-CP, which are not among the primary texts kept
  with the project, so every finding of this profile is a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .rules import ALL_RULES, RULES_BY_CODE, Rule

STRUCTURE_RULES = ("ND30-268", "ND30-269", "ND30-270", "ND30-271", "ND30-272", "ND30-402", "ND30-403",
                   "QPPL-001", "QPPL-002", "QPPL-003")
ND30_RULES = tuple(rule.code for rule in ALL_RULES if rule.code.startswith("ND30-"))


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    codes: tuple[str, ...]
    severities: dict[str, str] = field(default_factory=dict)
    params: dict[str, object] = field(default_factory=dict)
    default_severity: str | None = None

    def rules(self) -> list[Rule]:
        return [RULES_BY_CODE[code]() for code in self.codes]

    def severity_of(self, rule: Rule) -> str:
        if rule.code in self.severities:
            return self.severities[rule.code]
        if self.default_severity:
            return self.default_severity
        return rule.severity


PROFILES: dict[str, Profile] = {
    "nd30": Profile(
        name="nd30",
        description="Nghị định 30/2020/NĐ-CP đúng như văn bản quy định.",
        codes=ND30_RULES,
        params={"size_tolerance": 0.0, "margin_tolerance_mm": 0.1, "paper_tolerance_mm": 0.5,
                "indent_tolerance_cm": 0.01, "allow_en_dash": False},
    ),
    "nd30-practice": Profile(
        name="nd30-practice",
        description="Nghị định 30/2020/NĐ-CP với các dung sai thường được chấp nhận trong thực tế.",
        codes=tuple(code for code in ND30_RULES if code != "ND30-233"),
        severities={"ND30-264": "warning", "ND30-265": "warning", "ND30-213": "info"},
        params={"size_tolerance": 0.5, "margin_tolerance_mm": 1.0, "paper_tolerance_mm": 1.0,
                "indent_tolerance_cm": 0.05, "allow_en_dash": True},
    ),
    "vbqppl": Profile(
        name="vbqppl",
        description="Cấu trúc văn bản quy phạm pháp luật (điều, khoản, điểm, chương, viện dẫn).",
        codes=STRUCTURE_RULES,
        default_severity="warning",
        params={"size_tolerance": 0.0},
    ),
}
DEFAULT_PROFILE = "nd30"


def get_profile(name: str | None) -> Profile:
    """The profile called ``name`` (``None`` → the default); unknown names raise ``KeyError``."""
    key = name or DEFAULT_PROFILE
    if key not in PROFILES:
        raise KeyError(f"không có hồ sơ kiểm tra \u201c{key}\u201d (có: {', '.join(PROFILES)})")
    return PROFILES[key]
