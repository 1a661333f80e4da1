"""The terminal text of a review: each file's findings, then the batch summary.

A legal reviewer reads this first, so it says per file whether it complies and then, per
finding, where (part and paragraph), what rule, what is wrong and how to fix it; the summary gives
the figures a city reports ("589 văn bản, 59 không đạt") and where the findings cluster, by rule
and by component.
"""
from __future__ import annotations

from collections import Counter

from .report import COMPONENTS, Report

SEVERITY_NAMES = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "LƯU Ý"}
PART_NAMES = {"body": "thân văn bản", "header": "đầu trang", "footer": "chân trang"}


def _where(finding) -> str:
    loc = finding.location
    if loc is None:
        return "toàn văn bản"
    return f"{PART_NAMES.get(loc.part, loc.part)}, đoạn {loc.paragraph + 1}"


def render_report(report: Report) -> list[str]:
    lines = [f"== {report.file}"]
    if report.error is not None:
        lines.append(f"   Không đọc được: {report.error}")
        return lines
    kind = report.document_type or "không xác định"
    verdict = "ĐẠT" if report.compliant else "KHÔNG ĐẠT"
    lines.append(f"   Loại văn bản: {kind} · hồ sơ {report.profile} · {verdict} · {len(report.findings)} phát hiện")
    for f in report.findings:
        lines.append(f"   [{SEVERITY_NAMES.get(f.severity, f.severity)}] {f.rule} ({_where(f)}): {f.message}")
        detail = []
        if f.expected:
            detail.append(f"cần: {f.expected}")
        if f.actual:
            detail.append(f"hiện tại: {f.actual}")
        if detail:
            lines.append("      " + "; ".join(detail))
        if f.location is not None and f.location.text:
            lines.append(f"      \u201c{f.location.text}\u201d")
        if f.fix is not None:
            lines.append(f"      Cách sửa: {f.fix.description}" + (" (sửa tự động được)" if f.fix.safe else ""))
        lines.append(f"      Căn cứ: {f.reference}")
    return lines


def summary(reports: list[Report]) -> dict:
    """Batch figures: documents checked, unreadable, non-compliant; findings by rule and component."""
    by_rule: Counter[str] = Counter()
    by_component: Counter[str] = Counter()
    for report in reports:
        for f in report.findings:
            by_rule[f.rule] += 1
            by_component[f.component] += 1
    return {
        "documents": len(reports),
        "unreadable": sum(r.error is not None for r in reports),
        "non_compliant": sum(not r.compliant for r in reports),
        "findings": sum(by_rule.values()),
        "by_rule": dict(sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_component": dict(sorted(by_component.items(),
                                    key=lambda kv: (-kv[1], COMPONENTS.index(kv[0])))),
    }


def render_summary(reports: list[Report]) -> list[str]:
    s = summary(reports)
    lines = ["== Tổng hợp",
             f"   Đã kiểm tra {s['documents']} văn bản; {s['non_compliant']} không đạt"
             f" (trong đó {s['unreadable']} không đọc được); {s['findings']} phát hiện."]
    if s["by_rule"]:
        lines.append("   Theo quy tắc: " + ", ".join(f"{k} × {v}" for k, v in s["by_rule"].items()))
        lines.append("   Theo thành phần: " + ", ".join(f"{k} × {v}" for k, v in s["by_component"].items()))
    return lines


def render_text(reports: list[Report]) -> str:
    """The whole text: every report, then the summary."""
    lines: list[str] = []
    for report in reports:
        lines += render_report(report)
        lines.append("")
    lines += render_summary(reports)
    return "\n".join(lines) + "\n"
