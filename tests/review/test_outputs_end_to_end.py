"""End to end with the real rules: planted violations → fixed copy passes; comments name the rules."""
from __future__ import annotations

import json
import zipfile

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from review import cli
from review.api import review_paths
from review.fix import fix_docx
from review.report import Finding
from tests.review.outputs_support import DIA_DANH, SO_KY_HIEU, TEN_LOAI, build_sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def key(finding: Finding) -> tuple:
    where = finding.location
    return finding.rule, finding.component, finding.property, where and (where.part, where.paragraph)


def safe(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.fix is not None and f.fix.safe]


@pytest.fixture()
def planted(tmp_path):
    """The sample has US Letter paper, Word's margins, 11 pt Cambria, "Số: 5", "ngày 5", a lower-case
    tên loại and no bold where the decree wants it: many safe findings, and some unsafe ones."""
    path = build_sample(tmp_path / "Quyết định 5.docx")
    (report,) = review_paths([str(path)])
    assert report.error is None
    rules = {f.rule for f in safe(report.findings)}
    assert {"ND30-101", "ND30-103", "ND30-104", "ND30-223", "ND30-232", "ND30-242"} <= rules
    return path, report


def test_one_pass_fixes_every_reported_safe_finding(planted, tmp_path):
    path, report = planted
    target = tmp_path / "fixed.docx"
    result = fix_docx(path, report.findings, target)
    assert result.skipped == []
    (again,) = review_paths([str(target)])
    fixed = {key(f) for f in safe(report.findings)}
    assert not [f for f in again.findings if key(f) in fixed]


def test_the_cli_fixed_copy_passes_every_safe_rule(planted, tmp_path):
    path, report = planted
    out = tmp_path / "da-sua"
    result = CliRunner().invoke(cli.review_command, [str(path), "--format", "json", "--fix", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 1
    (copy,) = out.iterdir()
    assert copy.name == "Quyết định 5-da-sua.docx"
    (again,) = review_paths([str(copy)])
    assert safe(again.findings) == []
    remaining = {f.rule for f in again.findings}
    assert remaining <= {f.rule for f in report.findings if not (f.fix and f.fix.safe)}
    text = [p.text for p in docx.Document(str(copy)).tables[0]._cells[0].paragraphs]
    assert text[SO_KY_HIEU] == "Số: 05/QĐ-SNV"
    body = [p.text for p in docx.Document(str(copy)).paragraphs]
    assert body[TEN_LOAI - 6] == "QUYẾT ĐỊNH"
    dates = [p.text for p in docx.Document(str(copy)).tables[0]._cells[1].paragraphs]
    assert dates[DIA_DANH - 3] == "Bắc Ninh, ngày 05 tháng 3 năm 2024"
    assert json.loads(result.stdout)[0]["file"] == str(path)


def test_the_annotated_copy_has_a_comment_per_finding_naming_the_rule(planted, tmp_path):
    path, report = planted
    out = tmp_path / "nhan-xet"
    CliRunner().invoke(cli.review_command, [str(path), "--annotate", str(out)], catch_exceptions=False)
    (copy,) = out.iterdir()
    with zipfile.ZipFile(copy) as archive:
        comments = etree.fromstring(archive.read("word/comments.xml")).findall(f"{W}comment")
    assert len(comments) == len(report.findings)
    for comment, found in zip(comments, report.findings):
        text = "".join(t.text or "" for t in comment.iter(f"{W}t"))
        assert text.startswith(f"[{found.rule}]")
    assert len(list(docx.Document(str(copy)).comments)) == len(report.findings)


def test_html_and_sarif_of_a_real_review(planted, tmp_path):
    path, report = planted
    runner = CliRunner()
    html = runner.invoke(cli.review_command, [str(path), "--format", "html"], catch_exceptions=False).stdout
    assert f'id="tep-1-body-{SO_KY_HIEU}"' in html and "ND30-223" in html
    log = json.loads(runner.invoke(cli.review_command, [str(path), "--format", "sarif"]).stdout)
    names = {r["id"]: r["name"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert names["ND30-104"] == "Phông chữ Times New Roman"
    assert len(log["runs"][0]["results"]) == len(report.findings)


def test_a_batch_zip_end_to_end(planted, tmp_path):
    path, report = planted
    batch = tmp_path / "lo.zip"
    with zipfile.ZipFile(batch, "w") as archive:
        archive.write(path, "a/Quyết định 5.docx")
        archive.writestr("b/hong.docx", b"not a docx")
    out = tmp_path / "ra"
    result = CliRunner().invoke(cli.review_command, [str(batch), "--format", "json", "--fix", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 2
    reports = json.loads(result.stdout)
    assert [r["file"] for r in reports] == [f"{batch}/a/Quyết định 5.docx", f"{batch}/b/hong.docx"]
    assert reports[1]["error"]
    assert [p.name for p in out.iterdir()] == ["Quyết định 5-da-sua.docx"]
