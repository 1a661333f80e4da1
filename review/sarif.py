"""Review reports as one SARIF 2.1.0 log, for code-scanning dashboards and editors.

SARIF is the interchange format those tools already read, so a document-review pipeline can show
its findings next to everything else. The mapping:

- one run for the whole batch; ``tool.driver.rules`` lists every rule that produced a finding, with
  the decree reference in the rule's ``properties.reference`` (and its ``fullDescription``);
- one ``result`` per finding: ``error``/``warning`` keep their level, ``info`` (a person has to
  check, e.g. the seal) becomes ``note`` with ``kind: review``;
- a .docx has no lines, so the paragraph is given as a logical location (``body/paragraph[12]``,
  named "đoạn 13") and in the location's ``properties`` (``part``, ``paragraph``), never as a text
  region that a viewer would misread as line 13; page-level findings carry only the file;
- every input file is an ``artifact``; a file that could not be read is an error-level
  ``toolExecutionNotification`` of ``invocations[0]`` (it has no results), and the invocation's
  ``exitCode`` is the CLI's exit status.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from review.labels import component_label, location_label, property_label
from review.report import Finding, Report, exit_status

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "tthc-review"
# The rules come from Nghị định 30/2020/NĐ-CP, published on the government's legal-document portal:
# the most stable public description of what the tool checks.
INFORMATION_URI = "https://vanban.chinhphu.vn/"
READ_ERROR_ID = "READ-ERROR"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
KINDS = {"error": "fail", "warning": "fail", "info": "review"}


def artifact_uri(file: str) -> str:
    """A URI reference for a path as the user gave it (relative stays relative, Vietnamese escaped)."""
    if PureWindowsPath(file).drive:
        return "file:///" + quote(PureWindowsPath(file).as_posix(), safe="/:")
    posix = file.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _tool_version() -> str | None:
    try:
        return metadata.version("tthc")
    except metadata.PackageNotFoundError:
        return None


def _rule_descriptor(finding: Finding, name: str | None) -> dict[str, Any]:
    title = f"{component_label(finding.component)}: {property_label(finding.property)}"
    return {
        "id": finding.rule,
        "name": name or title,
        "shortDescription": {"text": title},
        "fullDescription": {"text": f"Căn cứ: {finding.reference}" if finding.reference else title},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {
            "reference": finding.reference,
            "component": finding.component,
            "property": finding.property,
            "tags": [finding.component, finding.property],
        },
    }


def _message_text(finding: Finding) -> str:
    text = finding.message
    details = []
    if finding.expected:
        details.append(f"yêu cầu: {finding.expected}")
    if finding.actual:
        details.append(f"hiện tại: {finding.actual}")
    if details:
        text = f"{text} ({'; '.join(details)})"
    return text


def _location(finding: Finding, uri: str, artifact_index: int) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": uri, "index": artifact_index}},
    }
    where = finding.location
    if where is not None:
        location["logicalLocations"] = [{
            "name": location_label(where.part, where.paragraph),
            "fullyQualifiedName": f"{where.part}/paragraph[{where.paragraph}]",
            "kind": "element",
        }]
        if where.text:
            location["message"] = {"text": where.text}
        location["properties"] = {"part": where.part, "paragraph": where.paragraph}
    return location


def _result(finding: Finding, rule_index: int, uri: str, artifact_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "kind": KINDS[finding.severity],
        "message": {"text": _message_text(finding)},
        "locations": [_location(finding, uri, artifact_index)],
        "properties": {
            "severity": finding.severity,
            "component": finding.component,
            "property": finding.property,
            "expected": finding.expected,
            "actual": finding.actual,
            "reference": finding.reference,
        },
    }
    if finding.fix is not None:
        result["properties"]["fix"] = finding.fix.description
        result["properties"]["safeFix"] = finding.fix.safe
    return result


def to_sarif(reports: Iterable[Report], rule_names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The SARIF log (a JSON-ready dict) for a batch of reports.

    ``rule_names`` optionally maps rule codes to readable names (the rule registry's); without
    it a rule is named after its component and property in Vietnamese.
    """
    reports = list(reports)
    rule_names = rule_names or {}
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []

    for report in reports:
        uri = artifact_uri(report.file)
        if uri not in artifact_index:
            artifact_index[uri] = len(artifacts)
            artifacts.append({
                "location": {"uri": uri},
                "roles": ["analysisTarget"],
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "properties": {
                    "file": report.file,
                    "profile": report.profile,
                    "documentType": report.document_type,
                    "compliant": report.compliant,
                },
            })
        index = artifact_index[uri]
        if report.error is not None:
            notifications.append({
                "level": "error",
                "message": {"text": report.error},
                "descriptor": {"id": READ_ERROR_ID},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "index": index}}}],
            })
            continue
        for finding in report.findings:
            if finding.rule not in rule_index:
                rule_index[finding.rule] = len(rules)
                rules.append(_rule_descriptor(finding, rule_names.get(finding.rule)))
            results.append(_result(finding, rule_index[finding.rule], uri, index))

    driver: dict[str, Any] = {"name": TOOL_NAME, "informationUri": INFORMATION_URI, "rules": rules}
    version = _tool_version()
    if version:
        driver["version"] = version
    if notifications:
        driver["notifications"] = [{
            "id": READ_ERROR_ID,
            "name": "Không đọc được tệp",
            "shortDescription": {"text": "Tệp không đọc được hoặc không phải tệp .docx an toàn."},
        }]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "language": "vi",
        "invocations": [{
            "executionSuccessful": not notifications,
            "exitCode": exit_status(reports),
            "toolExecutionNotifications": notifications,
        }],
        "artifacts": artifacts,
        "results": results,
        "properties": {"profiles": sorted({r.profile for r in reports})},
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def dumps(reports: Iterable[Report], rule_names: Mapping[str, str] | None = None) -> str:
    """The SARIF log as pretty-printed JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(to_sarif(reports, rule_names), ensure_ascii=False, indent=2)
