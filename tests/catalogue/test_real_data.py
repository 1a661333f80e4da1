"""The catalogue on the real data of ../shared/data: import, a real annex, versioning of real procedures."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from catalogue import decisions as dec
from catalogue import queries
from catalogue.content import ProcessingTime
from catalogue.content_store import edition_content
from catalogue.db import Database
from catalogue.diff import diff_contents
from catalogue.importers.annex import import_annex
from catalogue.importers.dvcqg import import_dvcqg
from catalogue.importers.report import ImportFailed
from catalogue.models import AuditEntry, Base, Decision, Edition
from catalogue.stats import compute_stats
from catalogue.text import name_key

IMPORT_DAY = dt.date(2026, 1, 1)
D = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def imported(shared_data, tmp_path_factory):
    """The 2,642 procedures imported once into a SQLite file; tests work on copies."""
    path = tmp_path_factory.mktemp("real") / "catalogue.sqlite"
    db = Database.from_url(f"sqlite:///{path}")
    Base.metadata.create_all(db.engine)
    with db.unit_of_work("import") as uow:
        report = import_dvcqg(uow.session, "import", shared_data / "catalogue" / "dvcqg-2642.jsonl.gz",
                              effective_from=IMPORT_DAY)
    db.dispose()
    return path, report


def copy_of(imported, tmp_path) -> Database:
    target = tmp_path / "copy.sqlite"
    shutil.copy(imported[0], target)
    return Database.from_url(f"sqlite:///{target}")


def test_all_portal_procedures_import(imported, shared_data):
    _, report = imported
    with gzip.open(shared_data / "catalogue" / "dvcqg-2642.jsonl.gz", "rt", encoding="utf-8") as f:
        codes = {json.loads(line)["ma_thu_tuc"] for line in f if line.strip()}
    assert report.errors == []
    assert report.read == 2642 and report.created == len(codes)


def test_importing_again_changes_nothing(imported, shared_data, tmp_path):
    db = copy_of(imported, tmp_path)
    with db.unit_of_work("import") as uow:
        report = import_dvcqg(uow.session, "import", shared_data / "catalogue" / "dvcqg-2642.jsonl.gz",
                              effective_from=IMPORT_DAY + dt.timedelta(days=1))
    assert (report.created, report.updated, report.skipped) == (0, 0, report.read)


def _expected_qd1523_failures(shared_data):
    annex = json.loads((shared_data / "catalogue" / "qd1523-bca-changes.json").read_text(encoding="utf-8"))
    with gzip.open(shared_data / "catalogue" / "dvcqg-2642.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    codes = {r["ma_thu_tuc"] for r in records}
    names = {name_key(r["ten_thu_tuc"]): r["ma_thu_tuc"] for r in records}
    unknown_rows, duplicate_new_rows = set(), {}
    for number, row in enumerate(annex["rows"], start=1):
        if row["changeType"] == "NEW":
            if name_key(row["officialName"]) in names:
                duplicate_new_rows[number] = names[name_key(row["officialName"])]
        elif row["officialCode"] not in codes:
            unknown_rows.add(number)
    unknown_codes = {annex["rows"][n - 1]["officialCode"] for n in unknown_rows}
    return unknown_rows, unknown_codes, duplicate_new_rows


def test_qd1523_reports_exactly_the_rows_that_cannot_apply(imported, shared_data, tmp_path):
    db = copy_of(imported, tmp_path)
    unknown_rows, unknown_codes, duplicate_new = _expected_qd1523_failures(shared_data)
    assert len(unknown_codes) == 17 and list(duplicate_new.values()) == ["1.014980"]
    with db.read() as s:
        before = (s.scalar(select(func.count()).select_from(Decision)),
                  s.scalar(select(func.count()).select_from(AuditEntry)))
    with pytest.raises(ImportFailed) as failure:
        with db.unit_of_work("officer") as uow:
            import_annex(uow.session, "officer", shared_data / "catalogue" / "qd1523-bca-changes.json")
    errors = failure.value.report.errors
    assert {p.row for p in errors} == unknown_rows | set(duplicate_new)
    assert len(errors) == len(unknown_rows) + 1  # per-level duplicate rows are accepted
    new_error = next(p for p in errors if p.row in duplicate_new)
    assert "1.014980" in new_error.message
    assert all("Không tìm thấy thủ tục mã" in p.message for p in errors if p.row in unknown_rows)
    with db.read() as s:
        assert (s.scalar(select(func.count()).select_from(Decision)),
                s.scalar(select(func.count()).select_from(AuditEntry))) == before


def _simplify(content):
    """Fewer papers, a shorter time (same unit) and a lower fee."""
    changed = type(content).from_dict(content.to_dict())
    changed.papers = changed.papers[:-1]
    for channel in changed.channels:
        t = channel.processing_time
        if t and t.value is not None and t.value > 1:
            channel.processing_time = ProcessingTime(value=t.value - 1, unit=t.unit, text="")
        for fee in channel.fees:
            if fee.amount:
                fee.amount = fee.amount // 2
    return changed


def test_versioning_real_procedures(imported, tmp_path):
    db = copy_of(imported, tmp_path)
    with db.read() as s:
        candidates = [e for e in queries.catalogue_as_of(s, queries.CatalogueFilter(as_of=IMPORT_DAY, limit=400))
                      if len(e.papers) >= 2 and any(c.time_value and c.time_value > 1 for c in e.channels)
                      and any(f.amount for c in e.channels for f in c.fees)]
        assert len(candidates) >= 12, "the real data should have procedures with papers, time and fee"
        amended = candidates[:12]
        others = queries.catalogue_as_of(s, queries.CatalogueFilter(as_of=IMPORT_DAY, limit=40, offset=400))
        abolished, replaced = others[:5], others[5:8]
        old = {e.code: edition_content(e) for e in amended + abolished + replaced}
    with db.unit_of_work("officer") as uow:
        session = uow.session
        d = dec.create_draft(session, "officer", number="99/QĐ-BTEST", date=D - dt.timedelta(days=20),
                             effective_date=D, signer="Người ký thử")
        row = 0
        for e in amended:
            row += 1
            dec.add_item(session, "officer", d, dec.ItemInput(
                kind="amended", code=e.code, changed_parts=["papers", "processing_time", "fees"],
                content=_simplify(old[e.code]), row_number=row))
        for e in abolished:
            row += 1
            dec.add_item(session, "officer", d, dec.ItemInput(kind="abolished", code=e.code, row_number=row))
        for n, e in enumerate(replaced):
            row += 1
            dec.add_item(session, "officer", d, dec.ItemInput(
                kind="replaced", code=e.code, name=old[e.code].name + " (hợp nhất)",
                successor_code=f"8.00000{n}", row_number=row))
        new_content = type(old[amended[0].code]).from_dict(old[amended[0].code].to_dict())
        new_content.name = "Thủ tục thử nghiệm mới ban hành"
        row += 1
        dec.add_item(session, "officer", d, dec.ItemInput(kind="new", content=new_content, row_number=row))
        result = dec.publish(session, "officer", d.id)
        assert len(result.editions) == len(amended) + len(abolished) + len(replaced) + 1

    with db.read() as s:
        def codes(day):
            return {e.code for e in queries.catalogue_as_of(s, queries.CatalogueFilter(as_of=day))}

        before, after = codes(D - dt.timedelta(days=1)), codes(D)
        gone = {e.code for e in abolished + replaced}
        assert gone <= before and not (gone & after)
        assert {f"8.00000{n}" for n in range(3)} <= after and not ({f"8.00000{n}" for n in range(3)} & before)
        for e in amended:
            proc = queries.find_procedure(s, e.code)
            prior = edition_content(queries.edition_as_of(s, proc.id, D - dt.timedelta(days=1)))
            now = edition_content(queries.edition_as_of(s, proc.id, D))
            assert prior.to_dict() == old[e.code].to_dict()
            assert len(now.papers) == len(prior.papers) - 1
            parts = {c.part for c in diff_contents(prior, now)}
            assert {"papers", "processing_time", "fees"} <= parts
            assert [h.kind for h in queries.history(s, proc.id)] == ["new", "amended"]
        stats = compute_stats(s, start=D, end=D).total
        assert (stats.new, stats.amended, stats.replaced, stats.abolished) == (1, 12, 3, 5)
        assert stats.simplified == 12
        assert stats.papers_cut == 12
        expected_fee_cut = sum(max(0, (old[e.code].total_fee() or 0) - (_simplify(old[e.code]).total_fee() or 0))
                               for e in amended)
        assert stats.fees_cut == expected_fee_cut > 0
        expected_days = sum(old[e.code].processing_days().get("working_day", Decimal(0))
                            - _simplify(old[e.code]).processing_days().get("working_day", Decimal(0))
                            for e in amended if "working_day" in old[e.code].processing_days())
        assert stats.time_cut.get("working_day", Decimal(0)) == expected_days
        assert s.scalar(select(func.count()).select_from(Edition).where(Edition.decision_id == d.id)) == \
            len(amended) + len(abolished) + 2 * len(replaced) + 1
