"""The vbqppl profile on the real laws and decrees of the shared data (skipped when absent)."""
from __future__ import annotations

import json

import pytest

from review.api import review_model
from review.plaintext import document_from_text


def to_text(data: dict) -> str:
    lines = []
    for chapter in data.get("chapters", []):
        for key in ("title", "subtitle"):
            if chapter.get(key):
                lines.append(chapter[key])
        for article in chapter.get("articles", []):
            lines.append(f"{article.get('number', '')}. {article.get('heading', '')}".strip())
            lines.extend(line for line in (article.get("body") or "").split("\n") if line.strip())
    return "\n".join(lines)


def test_structure_findings_are_warnings_with_known_codes(shared_data):
    folder = shared_data / "legal" / "vbqppl-103"
    if not folder.is_dir():
        pytest.skip("vbqppl-103 is absent")
    files = sorted(folder.glob("*.json"))
    assert len(files) >= 100
    reports = [review_model(document_from_text(to_text(json.loads(f.read_text(encoding="utf-8")))), f.name, "vbqppl")
               for f in files]
    findings = [f for r in reports for f in r.findings]
    assert all(f.severity == "warning" for f in findings)
    assert all(r.compliant for r in reports)
    # The laws number their articles continuously far more often than not.
    broken = sum(any(f.rule == "QPPL-001" for f in r.findings) for r in reports)
    assert broken < len(reports) / 2


def test_article_sequence_and_chapter_numerals():
    text = "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nNội dung.\nĐiều 3. Đối tượng\nNội dung.\nChương 2\nTHI HÀNH\n"
    rules = [f.rule for f in review_model(document_from_text(text), "x.txt", "vbqppl").findings]
    assert "QPPL-001" in rules and "QPPL-002" in rules
