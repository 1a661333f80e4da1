"""The content editor's form gives back exactly the content it was filled with (no change on save)."""
from __future__ import annotations

import json

import pytest
from werkzeug.datastructures import MultiDict

from app.web.content_form import content_fields, parse_content
from app.web.forms import Fields
from catalogue.content import ProcedureContent
from catalogue.demo.loader import DEMO_FILE
from catalogue.diff import diff_contents
from catalogue.importers.dvcqg_parse import parse_record

from ..catalogue.test_dvcqg_parse import RECORD


def _contents() -> list[ProcedureContent]:
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    demo = [ProcedureContent.from_dict(p["content"]) for p in data["procedures"]]
    return demo + [parse_record(RECORD).content]


def _as_browser_sends(fields: MultiDict) -> MultiDict:
    """Textareas come back with CRLF line breaks."""
    return MultiDict([(k, v.replace("\n", "\r\n")) for k, v in fields.items(multi=True)])


@pytest.mark.parametrize("content", _contents(), ids=lambda c: c.name[:40])
def test_unchanged_form_gives_the_same_content(content):
    parsed, errors = parse_content(Fields(_as_browser_sends(content_fields(content))))
    assert errors == {}
    assert diff_contents(content, parsed) == []
    assert parsed.steps == content.steps and parsed.papers == content.papers
    assert parsed.legal_basis == content.legal_basis and parsed.agencies == content.agencies


def test_errors_are_named_by_the_field_of_the_row():
    fields = MultiDict({"name": "", "paper-3-name": "Đơn", "paper-3-copies": "-1", "agency-0-name": "UBND xã",
                        "agency-0-role": "boss", "channel-direct-enabled": "1", "channel-direct-fee-1-amount": "1,5",
                        "online_level": "all"})
    _content, errors = parse_content(Fields(fields))
    assert set(errors) == {"name", "paper-3-copies", "agency-0-role", "channel-direct-fee-1-amount", "online_level"}
