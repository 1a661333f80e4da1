"""The publication workflow: validation, preview, atomic publish, as-of reads, history and stats."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from catalogue import decisions as dec
from catalogue import procedures, queries
from catalogue.content_store import edition_content
from catalogue.diff import diff_contents
from catalogue.errors import CatalogueError, ConflictError, ValidationFailed
from catalogue.models import AuditEntry, Edition, ImmutableEditionError, SearchOutbox
from catalogue.stats import compute_stats

from .conftest import D, make_content

BASE = dt.date(2025, 7, 1)


@pytest.fixture
def seeded(db):
    with db.unit_of_work("seed") as uow:
        for i in range(6):
            procedures.create_procedure(uow.session, "seed", make_content(f"Thủ tục số {i}"),
                                        code=f"1.00000{i}", effective_from=BASE)
    return db


def _draft(session, number="10/QĐ-UBND", effective=D, date=dt.date(2026, 3, 10)):
    return dec.create_draft(session, "officer", number=number, date=date, effective_date=effective,
                            signer="Nguyễn Văn A", issuer="UBND tỉnh")


def _problems(session, decision):
    return [p for p in dec.validate(session, decision) if p.severity == "error"]


def test_validation_names_rows_and_reasons(seeded):
    with seeded.unit_of_work("officer") as uow:
        s = uow.session
        d = _draft(s, effective=dt.date(2026, 3, 1))  # before the signing date
        dec.add_item(s, "officer", d, dec.ItemInput(kind="amended", code="9.999999", row_number=4))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="new", code="1.000001", name="Trùng mã", row_number=5))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="new", name="Thủ tục số 2", row_number=6))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="abolished", code="1.000003", level="province", row_number=7))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="abolished", code="1.000003", level="province", row_number=8))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="abolished", code="1.000004", level="province", row_number=9))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="abolished", code="1.000004", level="commune", row_number=10))
        problems = _problems(s, d)
    by_row = {p.row: p.message for p in problems}
    assert "Ngày hiệu lực" in next(p.message for p in problems if p.row is None)
    assert "Không tìm thấy thủ tục mã 9.999999" in by_row[4]
    assert "1.000001 đã có" in by_row[5]
    assert "đã có trong danh mục với mã 1.000002" in by_row[6]
    assert "xuất hiện hai lần (dòng 7 và 8)" in by_row[8]
    assert 9 not in by_row and 10 not in by_row  # one row per level is how annexes are written


def test_publish_applies_every_kind_from_the_effective_date(seeded):
    with seeded.unit_of_work("officer") as uow:
        s = uow.session
        d = _draft(s)
        dec.add_item(s, "officer", d, dec.ItemInput(kind="new", name="Thủ tục mới", content=make_content("Thủ tục mới"), row_number=1))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="amended", code="1.000000", changed_parts=["papers", "processing_time", "fees"],
                                                    content=make_content("Thủ tục số 0", days=3, papers=2, fee=20_000), row_number=2))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="abolished", code="1.000001", row_number=3))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="replaced", code="1.000002", successor_row=1, row_number=4))
        assert _problems(s, d) == []
        touched = {t.code or t.name: t for t in dec.preview(s, d)}
        assert {c.part for c in touched["1.000000"].changes} == {"papers", "processing_time", "fees"}
        dec.publish(s, "officer", d.id)

    with seeded.read() as s:
        before = {e.code for e in queries.catalogue_as_of(s, queries.CatalogueFilter(as_of=D - dt.timedelta(days=1)))}
        after = {e.code or e.name for e in queries.catalogue_as_of(s, queries.CatalogueFilter(as_of=D))}
        assert before == {f"1.00000{i}" for i in range(6)}
        assert after == {"1.000000", "1.000003", "1.000004", "1.000005", "Thủ tục mới"}
        old = queries.edition_as_of(s, 1, D - dt.timedelta(days=1))
        new = queries.edition_as_of(s, 1, D)
        assert len(edition_content(old).papers) == 3 and len(edition_content(new).papers) == 2
        history = queries.history(s, 1)
        assert [(e.kind, e.effective_from, e.effective_to) for e in history] == [
            ("new", BASE, D), ("amended", D, None)]
        changes = diff_contents(edition_content(history[0]), edition_content(history[1]))
        assert ("papers", "removed") in {(c.part, c.kind) for c in changes}
        replaced = queries.edition_as_of(s, 3, D)
        assert queries.status_as_of(replaced) == "replaced" and replaced.successor_id is not None
        assert queries.status_as_of(queries.edition_as_of(s, 2, D)) == "abolished"
        stats = compute_stats(s).total
        # the new procedure is the successor of the replaced one, so it is not counted as new
        assert (stats.new, stats.amended, stats.replaced, stats.abolished) == (0, 1, 1, 1)
        assert stats.simplified == 1
        assert stats.time_cut["working_day"] == 2 and stats.papers_cut == 1 and stats.fees_cut == 30_000
        # one audit row per touched procedure + the decision's create and publish rows
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "decision.publish")) == 5
        assert s.scalar(select(func.count()).select_from(SearchOutbox)) == 6 + 4


def test_new_successor_is_not_counted_as_new(seeded):
    with seeded.unit_of_work("officer") as uow:
        s = uow.session
        d = _draft(s)
        dec.add_item(s, "officer", d, dec.ItemInput(kind="new", name="Độc lập", content=make_content("Độc lập"), row_number=1))
        dec.add_item(s, "officer", d, dec.ItemInput(kind="replaced", code="1.000002", name="Thủ tục gộp", successor_code="1.100000", row_number=2))
        dec.publish(s, "officer", d.id)
    with seeded.read() as s:
        total = compute_stats(s).total
        assert (total.new, total.replaced) == (1, 1)
        successor = queries.find_procedure(s, "1.100000")
        assert successor.predecessor_id == queries.find_procedure(s, "1.000002").id
        assert queries.edition_as_of(s, successor.id, D).name == "Thủ tục gộp"


def test_abolishing_an_abolished_procedure_is_refused_and_writes_nothing(seeded):
    with seeded.unit_of_work("officer") as uow:
        d = _draft(uow.session)
        dec.add_item(uow.session, "officer", d, dec.ItemInput(kind="abolished", code="1.000005", row_number=1))
        dec.publish(uow.session, "officer", d.id)
    with seeded.unit_of_work("officer") as uow:
        d = _draft(uow.session, number="11/QĐ-UBND", effective=D + dt.timedelta(days=30),
                   date=D + dt.timedelta(days=20))
        dec.add_item(uow.session, "officer", d, dec.ItemInput(kind="abolished", code="1.000005", row_number=1))
        d_id = d.id
    with seeded.read() as s:
        editions_before = s.scalar(select(func.count()).select_from(Edition))
        audits_before = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(ValidationFailed) as failure:
        with seeded.unit_of_work("officer") as uow:
            dec.publish(uow.session, "officer", d_id)
    assert "đã bị bãi bỏ từ ngày 01/04/2026" in failure.value.problems[0].message
    assert failure.value.problems[0].row == 1
    with seeded.read() as s:
        assert s.scalar(select(func.count()).select_from(Edition)) == editions_before
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits_before
        assert dec.get_decision(s, d_id).status == "draft"


def test_publish_is_atomic_when_it_fails_half_way(seeded, monkeypatch):
    with seeded.unit_of_work("officer") as uow:
        d = _draft(uow.session)
        for i in range(4):
            dec.add_item(uow.session, "officer", d, dec.ItemInput(
                kind="amended", code=f"1.00000{i}", content=make_content(f"Thủ tục số {i}", days=2), row_number=i + 1))
        d_id = d.id
    with seeded.read() as s:
        counts = (s.scalar(select(func.count()).select_from(Edition)),
                  s.scalar(select(func.count()).select_from(AuditEntry)))

    original = dec._publish_target
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("mất kết nối giữa chừng")
        return original(*args, **kwargs)

    monkeypatch.setattr(dec, "_publish_target", failing)
    with pytest.raises(RuntimeError):
        with seeded.unit_of_work("officer") as uow:
            dec.publish(uow.session, "officer", d_id)
    with seeded.read() as s:
        assert (s.scalar(select(func.count()).select_from(Edition)),
                s.scalar(select(func.count()).select_from(AuditEntry))) == counts
        assert dec.get_decision(s, d_id).status == "draft"
        assert queries.edition_as_of(s, 1, D).kind == "new"


def test_stale_edit_names_who_and_when(seeded):
    with seeded.unit_of_work("a") as uow:
        d = _draft(uow.session)
        d_id, revision = d.id, d.revision
    with seeded.unit_of_work("chi.lan@example.vn") as uow:
        dec.update_decision(uow.session, "chi.lan@example.vn", d_id, expected_revision=revision, signer="B")
    with pytest.raises(ConflictError) as conflict:
        with seeded.unit_of_work("an.nguyen@example.vn") as uow:
            dec.update_decision(uow.session, "an.nguyen@example.vn", d_id, expected_revision=revision, signer="C")
    assert "chi.lan@example.vn" in str(conflict.value) and "ngày" in str(conflict.value)
    with seeded.read() as s:
        assert dec.get_decision(s, d_id).signer == "B"


def test_published_decisions_and_editions_are_frozen(seeded):
    with seeded.unit_of_work("officer") as uow:
        d = _draft(uow.session)
        dec.add_item(uow.session, "officer", d, dec.ItemInput(kind="abolished", code="1.000000", row_number=1))
        dec.publish(uow.session, "officer", d.id)
        d_id = d.id
    with pytest.raises(CatalogueError):
        with seeded.unit_of_work("officer") as uow:
            dec.update_decision(uow.session, "officer", d_id, expected_revision=None, signer="X")
    with pytest.raises(ImmutableEditionError):
        with seeded.unit_of_work("officer") as uow:
            edition = uow.session.scalar(select(Edition).where(Edition.procedure_id == 1, Edition.seq == 1))
            edition.name = "Sửa lén"


def test_amended_without_content_is_a_warning_and_keeps_the_content(seeded):
    with seeded.unit_of_work("officer") as uow:
        d = _draft(uow.session)
        dec.add_item(uow.session, "officer", d, dec.ItemInput(kind="amended", code="1.000000", row_number=1))
        problems = dec.validate(uow.session, d)
        assert [p.severity for p in problems] == ["warning"]
        dec.publish(uow.session, "officer", d.id)
    with seeded.read() as s:
        old, new = queries.history(s, 1)
        assert diff_contents(edition_content(old), edition_content(new)) == []
