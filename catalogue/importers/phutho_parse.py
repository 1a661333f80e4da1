"""One procedure of the Phú Thọ provincial police website as ``ParsedRecord``.

The page gives prose rather than tables: a processing time sentence, a fee paragraph, a papers
list with headings, a legal basis list, and a "Toàn trình / Một phần" online level. It names no
channel table and no procedure code. So the channels are built from what the page does say: the
direct channel always (the police receive the file at their office), the online channel when the
page states an online level; both carry the stated time, and fee lines that name one channel
("nộp hồ sơ trực tiếp thu 10.000 đồng", "qua cổng dịch vụ công trực tuyến thu 5.000 đồng") go to
that channel only. Cite the source as "Trang thông tin điện tử Công an tỉnh Phú Thọ".
"""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from catalogue.content import AgencyRef, Channel, Fee, ProcedureContent, ProcessingTime, Result
from catalogue.importers import money
from catalogue.importers.durations import durations_in
from catalogue.importers.dvcqg_parse import MAX_AGENCY_NAME, parse_levels
from catalogue.importers.legal_acts import parse_legal_lines
from catalogue.importers.phutho_papers import parse_papers
from catalogue.importers.records import ParsedRecord, SourceInfo
from catalogue.importers.steps import split_steps
from catalogue.importers.text_clean import (
    block_or_none, clean_block, clean_inline, inline_or_none, says_none,
)

ORIGIN = "phutho-police"
SOURCE_NAME = "Trang thông tin điện tử Công an tỉnh Phú Thọ"
ONLINE_LEVEL_BY_LABEL = {"toàn trình": "full", "một phần": "partial"}
# The page's navigation and footer follow the last section ("Nộp hồ sơ trực tuyến", menus …).
_PAGE_TAIL = re.compile(r"\n\s*Nộp hồ sơ trực tuyến\s*\n")
# Words by which a fee line names the one channel it applies to.
_CHANNEL_WORDS = {
    "direct": re.compile(r"trực tiếp", re.IGNORECASE),
    "online": re.compile(r"trực tuyến|cổng dịch vụ công|môi trường điện tử", re.IGNORECASE),
    "postal": re.compile(r"bưu chính", re.IGNORECASE),
}
_BULLET = re.compile(r"^[\s\-–+*•]+")
_AGENCY_LABEL = re.compile(
    r"(?:^|\s)(?:[a-zđ]\)\s*|\+\s*)?((?:Người|Cơ quan) (?:có thẩm quyền|trực tiếp thực hiện)[^:]{0,40}):\s*")
_RESULT_SPLIT = re.compile(r"(?:^|\s)[-–+]\s(?=[A-ZĐÀ-Ỹ])")


def read_procedures(path: str | Path) -> list[dict]:
    """The procedure records of the scrape file (its ``procedures`` list)."""
    with open(path, encoding="utf-8") as handle:
        return list(json.load(handle)["procedures"])


def parse_record(record: dict) -> ParsedRecord:
    """Structured content of one Phú Thọ police procedure, with warnings."""
    def field(key: str) -> str | None:
        value = record.get(key)
        return value if isinstance(value, str) else None

    warnings: list[str] = []
    online_level = ONLINE_LEVEL_BY_LABEL.get(clean_inline(field("service_level")).casefold())
    attachments = [a for a in record.get("attachments") or [] if isinstance(a, dict)]
    papers, notes, paper_warnings = parse_papers(field("documents"), attachments)
    levels, level_warnings = parse_levels(field("level"))
    time = _processing_time(field("processing_time"), warnings)
    channels = _channels(time, field("fee"), online_level)
    content = ProcedureContent(
        name=clean_inline(field("title")),
        sector=inline_or_none(field("category")),
        levels=levels,
        audience=[audience] if (audience := _audience(field("target_audience"))) else [],
        steps=split_steps(field("steps")),
        channels=channels,
        papers=papers,
        conditions=_conditions(field("requirements")),
        results=_results(field("result")),
        agencies=_agencies(field("agency")),
        legal_basis=parse_legal_lines(field("legal_basis")),
        online_level=online_level,
        online_url=inline_or_none(field("online_submission_url")) if online_level else None,
        notes="\n".join(notes) or None,
    )
    if not content.name:
        warnings.append("Tên thủ tục: trống")
    source = SourceInfo(origin=ORIGIN, detail_url=inline_or_none(field("source_url")),
                        site_id=inline_or_none(field("site_id")),
                        content_hash=inline_or_none(field("content_hash")))
    return ParsedRecord(code=None, content=content, source=source,
                        warnings=warnings + paper_warnings + level_warnings)


def _processing_time(text: str | None, warnings: list[str]) -> ProcessingTime | None:
    """The first "<number> <unit>" of the sentence; the whole sentence is kept as its text."""
    sentence = inline_or_none(text)
    if sentence is None:
        return None
    found = durations_in(sentence)
    if not found:
        return ProcessingTime(text=sentence)
    if len(set(found)) > 1:
        warnings.append(f"Thời hạn giải quyết: nêu nhiều thời hạn; lấy thời hạn đầu tiên "
                        f"«{sentence[:80]}»")
    value, unit = found[0]
    return ProcessingTime(value=value, unit=unit, text=sentence)


def _channels(time: ProcessingTime | None, fee_text: str | None,
              online_level: str | None) -> list[Channel]:
    kinds = ["direct"] + (["online"] if online_level else [])
    return [Channel(kind=kind, processing_time=dataclasses.replace(time) if time else None,
                    fees=_fees_for(kind, fee_text)) for kind in kinds]


def _fees_for(kind: str, text: str | None) -> list[Fee]:
    """The fee of one channel: lines that name only another channel are left out."""
    whole = block_or_none(text)
    if whole is None:
        return []
    if money.states_no_fee(whole):
        return [Fee(kind=money.fee_kind(whole), amount=0, text=clean_inline(whole))]
    lines = [_BULLET.sub("", line) for line in whole.split("\n") if line.strip()]
    own = _CHANNEL_WORDS[kind]
    others = [words for other, words in _CHANNEL_WORDS.items() if other != kind]
    mine = [line for line in lines
            if own.search(line) or not any(words.search(line) for words in others)]
    text_of_mine = " ".join(mine) if mine else clean_inline(whole)
    amounts = money.amounts_in(text_of_mine)
    amount = amounts[0] if len(amounts) == 1 else None
    return [Fee(kind=money.fee_kind(whole), amount=amount, text=text_of_mine)]


def _agencies(text: str | None) -> list[AgencyRef]:
    """"a) Người có thẩm quyền …: X. b) Cơ quan trực tiếp thực hiện: Y." gives X as competent and Y
    as executing; otherwise each ";"-separated name is an executing agency."""
    value = inline_or_none(text)
    if value is None:
        return []
    labels = list(_AGENCY_LABEL.finditer(value))
    if labels:
        pairs = [("executing" if "trực tiếp" in m.group(1) else "competent",
                  value[m.end():labels[i + 1].start() if i + 1 < len(labels) else len(value)])
                 for i, m in enumerate(labels)]
    else:
        pairs = [("executing", name) for name in value.split(";")]
    agencies = []
    for role, name in pairs:
        name = name.strip().rstrip(".;,").strip()
        if name and len(name) <= MAX_AGENCY_NAME:
            agencies.append(AgencyRef(name=name, role=role))
    return agencies


def _audience(text: str | None) -> str | None:
    """The page's one-line audience ("Cơ quan, tổ chức, doanh nghiệp"), kept whole."""
    value = inline_or_none(text)
    return value.rstrip(".").strip() or None if value else None


def _conditions(text: str | None) -> str | None:
    body = clean_block(text)
    tail = _PAGE_TAIL.search("\n" + body + "\n")
    if tail:
        body = ("\n" + body + "\n")[:tail.start()].strip()
    if not body or says_none(body):
        return None
    return body


def _results(text: str | None) -> list[Result]:
    body = inline_or_none(text)
    if body is None:
        return []
    pieces = [p.strip(" ;") for p in _RESULT_SPLIT.split(body)]
    return [Result(name=p) for p in pieces if p]
