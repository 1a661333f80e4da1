"""The importers' parsers over the real scrapes in ../shared/data (skipped when it is absent)."""
from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import pytest

from catalogue.content import ProcedureContent
from catalogue.importers import dvcqg_parse, phutho_parse
from catalogue.importers.coverage import coverage, states_time

pytestmark = pytest.mark.shared_data

ROOT = Path(__file__).resolve().parents[2]
INVISIBLE = "\u00a0\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
WARNING_FIELDS = ("Tên thủ tục", "Cách thức thực hiện", "Thành phần hồ sơ", "Căn cứ pháp lý",
                  "Kết quả thực hiện", "Cấp thực hiện", "Thời hạn giải quyết", "Cơ quan")


def _parse_all(records, parse):
    parsed, failures = [], []
    for record in records:
        try:
            parsed.append(parse(record))
        except Exception as error:  # every failure is collected, so one run shows them all
            failures.append((record.get("ma_thu_tuc") or record.get("title"), repr(error)))
    return parsed, failures


@pytest.fixture(scope="module")
def dvcqg(shared_data):
    records = list(dvcqg_parse.read_records(shared_data / "catalogue" / "dvcqg-2642.jsonl.gz"))
    parsed, failures = _parse_all(records, dvcqg_parse.parse_record)
    return records, parsed, failures


@pytest.fixture(scope="module")
def phutho(shared_data):
    records = phutho_parse.read_procedures(shared_data / "catalogue" / "phutho-police-157.json")
    parsed, failures = _parse_all(records, phutho_parse.parse_record)
    return records, parsed, failures


def test_all_national_records_parse(dvcqg):
    records, parsed, failures = dvcqg
    assert len(records) == 2642
    assert failures == []
    assert len({p.code for p in parsed}) == len(parsed)


def test_papers_coverage(dvcqg):
    _, parsed, _ = dvcqg
    with_papers = sum(1 for p in parsed if p.content.papers)
    assert with_papers / len(parsed) >= 0.95


def test_processing_time_coverage_where_the_channel_states_one(dvcqg):
    records, parsed, _ = dvcqg
    stating = [p for r, p in zip(records, parsed) if states_time(r)]
    timed = [p for p in stating
             if any(c.processing_time and c.processing_time.value is not None for c in p.content.channels)]
    assert len(stating) > 2000
    assert len(timed) / len(stating) >= 0.95


def test_text_is_clean_nfc_and_warnings_name_their_field(dvcqg, phutho):
    for parsed in dvcqg[1] + phutho[1]:
        for text in _strings(parsed.content.to_dict()):
            assert unicodedata.is_normalized("NFC", text), text[:80]
            assert not any(mark in text for mark in INVISIBLE), text[:80]
        for warning in parsed.warnings:
            assert unicodedata.is_normalized("NFC", warning)
            assert warning.startswith(WARNING_FIELDS), warning


def test_values_fit_what_they_stand_for(dvcqg, phutho):
    for parsed in dvcqg[1] + phutho[1]:
        content = parsed.content
        assert all(len(a.name) <= 300 for a in content.agencies)  # a name, not a paragraph
        assert all(len(r.code) <= 40 for r in content.results if r.code)
        assert all(len(a.number) <= 60 for a in content.legal_basis if a.number)
        assert all(f.amount is None or f.amount == 0 or f.amount >= 1000
                   for c in content.channels for f in c.fees)


def test_parsed_content_round_trips_through_json_form(dvcqg, phutho):
    for parsed in dvcqg[1] + phutho[1]:
        assert ProcedureContent.from_dict(parsed.content.to_dict()) == parsed.content


def test_all_phutho_records_parse(phutho):
    records, parsed, failures = phutho
    assert len(records) == 157
    assert failures == []
    assert sum(1 for p in parsed if p.content.papers) / len(parsed) >= 0.9
    assert {p.content.online_level for p in parsed} == {"full", "partial", None}


def test_field_coverage_document_is_up_to_date(dvcqg, phutho):
    spec = importlib.util.spec_from_file_location("field_coverage", ROOT / "bench" / "field_coverage.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    records, parsed, _ = dvcqg
    rows = coverage((r, p.content) for r, p in zip(records, parsed))
    phutho_contents = [p.content for p in phutho[1]]
    expected = bench.render(rows, len(records), bench.phutho_table(phutho_contents), len(phutho_contents))
    actual = (ROOT / "docs" / "field-coverage.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/field-coverage.md is stale: run .venv/bin/python bench/field_coverage.py"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
