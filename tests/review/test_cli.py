"""``tthc review``: formats, exit status, fixed and commented copies, safe output names."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from click.testing import CliRunner

from review import cli
from review.outputs import OutputNamer, safe_stem
from review.report import Report
from tests.review.outputs_support import (
    SO_KY_HIEU, TEN_LOAI, build_sample, sample_findings, sample_report, unreadable_report,
)

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json").read_text("utf-8"))


@pytest.fixture()
def reviewed(monkeypatch):
    """Make ``review`` answer with hand-made reports: ``reviewed[path] = Report``."""
    answers: dict[str, list[Report]] = {}

    def fake_review(paths, profile):
        assert profile in ("nd30", "vbqppl")
        return [report for path in paths for report in answers[path]]

    monkeypatch.setattr(cli, "_review", fake_review)
    monkeypatch.setattr(cli, "_review_bytes", lambda data, name, profile: Report(file=name, profile=profile))
    return answers


def invoke(*args: str):
    return CliRunner().invoke(cli.review, list(args), catch_exceptions=False)


@pytest.fixture()
def sample(tmp_path, reviewed):
    path = build_sample(tmp_path / "Quyết định 12.docx")
    reviewed[str(path)] = [sample_report(path)]
    return path


def test_json_is_one_list_in_the_contract_shape(sample):
    result = invoke(str(sample), "--format", "json")
    assert result.exit_code == 1
    (report,) = json.loads(result.stdout)
    assert list(report) == ["file", "document_type", "profile", "compliant", "error", "findings"]
    assert report["file"] == str(sample) and report["compliant"] is False
    assert {f["rule"] for f in report["findings"]} == {f.rule for f in sample_findings()}


def test_default_format_is_text(sample):
    result = invoke(str(sample))
    assert result.stdout.startswith(f"== {sample}")
    assert "ND30-SKH-002" in result.stdout


def test_exit_status_two_when_a_file_is_unreadable(tmp_path, reviewed, sample):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    reviewed[str(bad)] = [unreadable_report(str(bad))]
    assert invoke(str(sample), str(bad), "--format", "json").exit_code == 2


def test_exit_status_zero_when_clean(tmp_path, reviewed):
    path = build_sample(tmp_path / "sach.docx")
    reviewed[str(path)] = [Report(file=str(path), profile="nd30")]
    assert invoke(str(path), "--format", "json").exit_code == 0


def test_sarif_output_is_valid(sample):
    result = invoke(str(sample), "--format", "sarif")
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    assert len(log["runs"][0]["results"]) == len(sample_findings())


def test_html_for_several_files_is_one_page_written_to_output(tmp_path, reviewed, sample):
    other = build_sample(tmp_path / "b.docx")
    reviewed[str(other)] = [Report(file=str(other), profile="nd30")]
    out = tmp_path / "bao-cao" / "ket-qua.html"
    result = invoke(str(sample), str(other), "--format", "html", "--output", str(out))
    assert result.stdout == ""
    html = out.read_text("utf-8")
    assert html.count("<html") == 1
    assert 'id="tep-1-body-2"' in html and 'id="tep-2-body-2"' in html
    assert "Số: 5/QĐ-SNV" in html


def test_output_may_not_overwrite_an_input(sample):
    result = CliRunner().invoke(cli.review, [str(sample), "--output", str(sample)])
    assert result.exit_code == 2
    assert "không được trùng" in result.output


def test_fix_and_annotate_write_copies_next_to_nothing_they_overwrite(tmp_path, sample):
    original = sample.read_bytes()
    fixed_dir, notes_dir = tmp_path / "da-sua", tmp_path / "nhan-xet"
    result = invoke(str(sample), "--format", "json", "--fix", str(fixed_dir), "--annotate", str(notes_dir))
    assert result.exit_code == 1
    assert sample.read_bytes() == original
    fixed = fixed_dir / "Quyết định 12-da-sua.docx"
    noted = notes_dir / "Quyết định 12-nhan-xet.docx"
    assert fixed.is_file() and noted.is_file()
    paragraphs = [p.text for p in docx.Document(str(fixed)).paragraphs]
    assert "QUYẾT ĐỊNH" in paragraphs
    assert len(list(docx.Document(str(noted)).comments)) == len(sample_findings())
    assert "6 sửa tự động" in result.stderr and "8 nhận xét" in result.stderr
    json.loads(result.stdout)  # the report on stdout is untouched by the progress messages

    again = invoke(str(sample), "--format", "json", "--fix", str(fixed_dir))
    assert again.exit_code == 1
    assert (fixed_dir / "Quyết định 12-da-sua-2.docx").is_file()


def test_copies_into_the_input_folder_never_replace_an_input(tmp_path, reviewed):
    path = build_sample(tmp_path / "a.docx")
    decoy = tmp_path / "a-da-sua.docx"
    build_sample(decoy)
    reviewed[str(path)] = [sample_report(path)]
    reviewed[str(decoy)] = [Report(file=str(decoy), profile="nd30")]
    before = decoy.read_bytes()
    invoke(str(path), str(decoy), "--format", "json", "--fix", str(tmp_path))
    assert decoy.read_bytes() == before
    assert (tmp_path / "a-da-sua-2.docx").is_file()


def test_zip_batch_members_get_copies(tmp_path, reviewed):
    member = build_sample(tmp_path / "src.docx")
    batch = tmp_path / "lo.zip"
    with zipfile.ZipFile(batch, "w") as archive:
        archive.write(member, "thư mục/Công văn 3.docx")
        archive.writestr("ghi-chu.txt", "Văn bản thuần")
    name = f"{batch}/thư mục/Công văn 3.docx"
    reviewed[str(batch)] = [sample_report(name), Report(file=f"{batch}/ghi-chu.txt", profile="nd30")]
    out = tmp_path / "ra"
    result = invoke(str(batch), "--format", "json", "--annotate", str(out))
    assert (out / "Công văn 3-nhan-xet.docx").is_file()
    assert "Bỏ qua" in result.stderr and "ghi-chu.txt" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["Công văn 3-nhan-xet.docx"]


def test_unreadable_files_get_no_copies(tmp_path, reviewed):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    reviewed[str(bad)] = [unreadable_report(str(bad))]
    out = tmp_path / "ra"
    result = invoke(str(bad), "--format", "json", "--fix", str(out))
    assert result.exit_code == 2
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(("given", "stem"), [
    ("Quyết định 12.docx", "Quyết định 12"),
    ("../../etc/passwd.docx", "passwd"),
    ("lo.zip/a/b/c:d*e?.docx", "c_d_e"),
    (".docx", "van-ban"),
    ("...hidden.docx", "hidden"),
    ("CON.docx", "_CON"),
    ("x" * 200 + ".docx", "x" * 80),
    ("Quye\u0302\u0301t.docx", "Quyết"),
])
def test_safe_stems(given, stem):
    assert safe_stem(given) == stem


def test_output_namer_skips_inputs_and_names_used_in_the_run(tmp_path):
    namer = OutputNamer(tmp_path, protected=[tmp_path / "a-da-sua.docx"])
    assert namer.path_for("a.docx", "da-sua").name == "a-da-sua-2.docx"
    assert namer.path_for("x/a.docx", "da-sua").name == "a-da-sua-3.docx"


def test_the_located_paragraphs_are_the_ones_fixed(sample, tmp_path):
    out = tmp_path / "ra"
    invoke(str(sample), "--format", "json", "--fix", str(out))
    (fixed,) = out.iterdir()
    body = [p.text for p in docx.Document(str(fixed)).paragraphs]
    assert body[0] == "QUYẾT ĐỊNH"  # paragraph TEN_LOAI comes after the header table's cells
    cells = docx.Document(str(fixed)).tables[0].cell(0, 0).paragraphs
    assert cells[SO_KY_HIEU].text == "Số: 05/QĐ-SNV"
    assert TEN_LOAI > SO_KY_HIEU


def test_an_unknown_profile_is_a_usage_error(sample):
    result = CliRunner().invoke(cli.review, [str(sample), "--profile", "khong-co"])
    assert result.exit_code == 2 and "khong-co" in result.output


def test_a_missing_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli.review, [str(tmp_path / "khong-co.docx")])
    assert result.exit_code == 2
