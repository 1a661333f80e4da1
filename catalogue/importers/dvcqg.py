"""Import the national portal's procedures (JSON Lines, optionally gzip-compressed).

The whole file is read and parsed before anything is written: a malformed line fails the import
with its line number and the database is left as it was. New procedures are written in batches
(one flush per batch, not per row) inside the caller's single transaction; a procedure that already
exists gets a new edition only when its content changed.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import today
from ..editions import append_edition, record_changes
from ..errors import CatalogueError, Problem
from ..models import CodeAlias, Procedure
from ..procedures import upsert_procedure
from .dvcqg_parse import ParsedRecord, parse_record
from .report import ImportFailed, ImportReport

BATCH = 500
MAX_LINE_BYTES = 5 * 1024 * 1024


@contextlib.contextmanager
def open_lines(path: Path) -> Iterator[Iterator[str]]:
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    raw = gzip.open(path, "rb") if gzipped else path.open("rb")
    try:
        yield io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    finally:
        raw.close()


def read_records(path: Path, report: ImportReport) -> list[tuple[int, ParsedRecord]]:
    """Parse every line; problems are collected in the report with their line numbers."""
    parsed: list[tuple[int, ParsedRecord]] = []
    seen: dict[str, int] = {}
    try:
        with open_lines(path) as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                report.read += 1
                record = _load_line(line, number, report)
                if record is None:
                    continue
                code = str(record.get("ma_thu_tuc") or "").strip()
                if not code:
                    report.errors.append(Problem("Thiếu mã thủ tục (ma_thu_tuc).", row=number, field="ma_thu_tuc"))
                    continue
                if not str(record.get("ten_thu_tuc") or "").strip():
                    report.errors.append(Problem("Thiếu tên thủ tục (ten_thu_tuc).", row=number, field="ten_thu_tuc"))
                    continue
                if code in seen:
                    report.skipped += 1
                    report.warnings.append(Problem(f"Mã {code} đã có ở dòng {seen[code]}; bỏ qua dòng này.",
                                                   row=number, field="ma_thu_tuc", severity="warning"))
                    continue
                seen[code] = number
                result = parse_record(record)
                report.warnings += [Problem(w, row=number, severity="warning") for w in result.warnings]
                parsed.append((number, result))
    except (UnicodeDecodeError, EOFError, OSError, gzip.BadGzipFile) as exc:
        raise CatalogueError(f"Không đọc được tệp {path.name}: {exc}.") from exc
    return parsed


def _load_line(line: str, number: int, report: ImportReport) -> dict | None:
    if len(line) > MAX_LINE_BYTES:
        report.errors.append(Problem("Dòng quá dài.", row=number))
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        report.errors.append(Problem(f"JSON không hợp lệ ({exc.msg}, cột {exc.colno}).", row=number))
        return None
    if not isinstance(record, dict):
        report.errors.append(Problem("Dòng không phải một đối tượng JSON.", row=number))
        return None
    return record


def import_dvcqg(session: Session, actor: str, path: Path, *, effective_from: dt.date | None = None,
                 progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import all records or none; returns the report or raises :class:`ImportFailed`."""
    report = ImportReport(source=path.name)
    records = read_records(path, report)
    if report.errors:
        raise ImportFailed(report)
    day = effective_from or today()
    existing = set(session.scalars(select(Procedure.code).where(Procedure.code.is_not(None))))
    existing |= set(session.scalars(select(CodeAlias.code)))
    pending = []
    for _number, record in records:
        source = _source(record)
        if record.code in existing:
            outcome, _ = upsert_procedure(session, actor, record.content, code=record.code,
                                          effective_from=day, source=source)
            report.updated += outcome == "updated"
            report.skipped += outcome == "unchanged"
        else:
            procedure = Procedure(code=record.code, status="in_force", updated_by=actor)
            session.add(procedure)
            edition = append_edition(session, procedure, record.content, kind="new", effective_from=day,
                                     actor=actor, source=source, previous=None)
            pending.append((procedure, None, edition))
            report.created += 1
            if len(pending) >= BATCH:
                record_changes(session, actor, "procedure.import", pending)
                pending = []
        if progress:
            progress(1)
    if pending:
        record_changes(session, actor, "procedure.import", pending)
    return report


def _source(record: ParsedRecord) -> str:
    parts = ["Cổng Dịch vụ công quốc gia"]
    if record.source.so_quyet_dinh:
        parts.append(f"QĐ {record.source.so_quyet_dinh}")
    if record.source.detail_url:
        parts.append(record.source.detail_url)
    return " · ".join(parts)[:500]
