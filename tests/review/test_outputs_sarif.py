"""SARIF output: valid against the SARIF 2.1.0 subset schema, and faithful to the reports."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.review.outputs_support import DIEU_1, finding, sample_report, unreadable_report
from review import sarif

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json").read_text("utf-8"))


def validate(log: dict) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_itself_is_a_valid_draft7_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


def test_the_subset_schema_rejects_what_sarif_forbids():
    log = sarif.to_sarif([sample_report("a.docx")])
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError):
        validate(log)
    log = sarif.to_sarif([sample_report("a.docx")])
    del log["runs"][0]["tool"]["driver"]["name"]
    with pytest.raises(AssertionError):
        validate(log)


def test_a_batch_with_findings_and_an_unreadable_file_is_valid_sarif():
    log = sarif.to_sarif([sample_report("hồ sơ/Quyết định 12.docx"), unreadable_report("hong.docx")])
    validate(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1


def test_rules_are_listed_once_with_the_decree_reference():
    report = sample_report("a.docx")
    report.findings.append(finding("ND30-ND-005", "noi_dung", "size", paragraph=DIEU_1 + 1, expected="13–14 pt"))
    driver = sarif.to_sarif([report, sample_report("b.docx")])["runs"][0]["tool"]["driver"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids)) == len({f.rule for f in report.findings})
    size_rule = driver["rules"][ids.index("ND30-ND-005")]
    assert size_rule["properties"]["reference"].startswith("Nghị định 30/2020/NĐ-CP")
    assert size_rule["shortDescription"]["text"] == "Nội dung văn bản: cỡ chữ"
    assert driver["name"] == "tthc-review" and driver["informationUri"].startswith("https://")


def test_rule_names_can_come_from_the_registry():
    log = sarif.to_sarif([sample_report("a.docx")], rule_names={"ND30-PAGE-001": "PageSizeA4"})
    names = {r["id"]: r["name"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert names["ND30-PAGE-001"] == "PageSizeA4"


def test_results_carry_level_message_and_the_paragraph_as_a_logical_location():
    report = sample_report("a.docx")
    run = sarif.to_sarif([report])["runs"][0]
    results = run["results"]
    assert len(results) == len(report.findings)
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["ND30-PAGE-001"] == "error"
    assert levels["ND30-PAGE-003"] == "warning"
    assert levels["ND30-DAU-001"] == "note"
    by_rule = {r["ruleId"]: r for r in results}
    font = by_rule["ND30-ND-004"]
    assert "Times New Roman" in font["message"]["text"] and "Arial" in font["message"]["text"]
    location = font["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "a.docx"
    assert location["logicalLocations"][0]["fullyQualifiedName"] == f"body/paragraph[{DIEU_1}]"
    assert location["logicalLocations"][0]["name"] == f"đoạn {DIEU_1 + 1}"
    assert location["properties"] == {"part": "body", "paragraph": DIEU_1}
    page = by_rule["ND30-PAGE-001"]["locations"][0]
    assert "logicalLocations" not in page
    assert by_rule["ND30-ST-001"]["locations"][0]["properties"]["part"] == "header"
    for result in results:
        rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]


def test_unreadable_files_are_tool_execution_notifications():
    run = sarif.to_sarif([unreadable_report("hong.docx"), sample_report("a.docx")])["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 2
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("Tệp không phải .docx")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "hong.docx"
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["hong.docx", "a.docx"]
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1 for r in run["results"])


def test_a_clean_batch_succeeds_with_no_results():
    run = sarif.to_sarif([sample_report("a.docx", findings=[])])["runs"][0]
    validate({"version": "2.1.0", "runs": [run]})
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    assert run["invocations"][0] == {"executionSuccessful": True, "exitCode": 0, "toolExecutionNotifications": []}


@pytest.mark.parametrize(("given", "uri"), [
    ("a.docx", "a.docx"),
    ("hồ sơ/Quyết định 12.docx", "h%E1%BB%93%20s%C6%A1/Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2012.docx"),
    ("/srv/in/a b.docx", "file:///srv/in/a%20b.docx"),
    ("C:\\in\\a.docx", "file:///C:/in/a.docx"),
    ("batch.zip/x/a.docx", "batch.zip/x/a.docx"),
])
def test_artifact_uris_are_uri_references(given, uri):
    assert sarif.artifact_uri(given) == uri


def test_the_same_file_twice_is_one_artifact():
    run = sarif.to_sarif([sample_report("a.docx"), sample_report("a.docx")])["runs"][0]
    assert len(run["artifacts"]) == 1
    validate({"version": "2.1.0", "runs": [run]})


def test_dumps_keeps_vietnamese_readable():
    text = sarif.dumps([sample_report("a.docx")])
    assert "Nghị định 30/2020/NĐ-CP" in text
    assert json.loads(text)["runs"][0]["language"] == "vi"
