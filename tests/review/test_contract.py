"""The JSON report contract of DESIGN §6, pinned on real reviews through ``tthc review --format json``.

Other tools and an independent corpus read this format: keys, their order and the vocabularies
must not drift.
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from review.cli import review
from review.report import COMPONENTS, PROPERTIES

from .corpus.builder import build_docx
from .corpus.cases import CLEAN, PLANTED

REPORT_KEYS = ["file", "document_type", "profile", "compliant", "error", "findings"]
FINDING_KEYS = ["rule", "severity", "component", "property", "message", "expected", "actual", "location",
                "reference", "fix"]


def run_json(*paths):
    result = CliRunner().invoke(review, [*map(str, paths), "--format", "json"], catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


def test_reports_follow_the_contract(tmp_path):
    files = []
    for name, spec, _expected in PLANTED[:25]:
        path = tmp_path / f"{name}.docx"
        path.write_bytes(build_docx(spec))
        files.append(path)
    clean = tmp_path / "clean.docx"
    clean.write_bytes(build_docx(CLEAN[0][1]))
    status, reports = run_json(clean, *files)
    assert status == 1
    assert [r["file"] for r in reports] == [str(p) for p in [clean, *files]]
    seen_findings = 0
    for report in reports:
        assert list(report) == REPORT_KEYS
        assert report["profile"] == "nd30" and report["error"] is None
        assert report["compliant"] == (not any(f["severity"] == "error" for f in report["findings"]))
        for finding in report["findings"]:
            seen_findings += 1
            assert list(finding) == FINDING_KEYS
            assert finding["rule"].startswith(("ND30-", "QPPL-"))
            assert finding["severity"] in ("error", "warning", "info")
            assert finding["component"] in COMPONENTS and finding["property"] in PROPERTIES
            assert finding["message"] and finding["reference"].startswith("Nghị định 30/2020/NĐ-CP")
            if finding["location"] is not None:
                assert list(finding["location"]) == ["part", "paragraph", "text"]
                assert finding["location"]["part"] in ("body", "header", "footer")
                assert isinstance(finding["location"]["paragraph"], int) and finding["location"]["paragraph"] >= 0
            if finding["fix"] is not None:
                assert list(finding["fix"]) == ["description", "safe"] and isinstance(finding["fix"]["safe"], bool)
    assert seen_findings >= 25
    assert reports[0]["compliant"] is True and reports[0]["document_type"] == "Quyết định"


def test_an_unreadable_file_has_an_error_and_no_findings(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    status, (report,) = run_json(bad)
    assert status == 2
    assert list(report) == REPORT_KEYS
    assert report["error"] and report["findings"] == [] and report["compliant"] is False
