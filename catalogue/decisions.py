"""The publication workflow of a quyết định công bố: draft, items, validate, preview, publish.

Services flush and never commit: the caller's unit of work commits, so publishing a decision is one
transaction (every edition, audit row and outbox row appears, or none does).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from . import audit
from .clock import utcnow
from .content import LEVEL_LABELS, PARTS, ProcedureContent
from .diff import Change, changed_parts as compute_changed_parts, diff_contents
from .content_store import edition_content
from .editions import append_edition, latest_edition, record_changes
from .errors import CatalogueError, ConflictError, NotFound, Problem, ValidationFailed
from .models import ITEM_KINDS, Decision, DecisionItem, Edition, Procedure, SearchOutbox
from .queries import find_procedure, status_as_of, valid_on
from .text import name_key

KIND_LABELS = {"new": "mới ban hành", "amended": "sửa đổi, bổ sung", "replaced": "thay thế",
               "abolished": "bãi bỏ"}
EDITABLE_FIELDS = ("number", "date", "issuer", "signer", "effective_date", "legal_bases", "title")


# -- drafting ------------------------------------------------------------------------------------

def get_decision(session: Session, ref: int | str, *, for_update: bool = False) -> Decision:
    """By internal id or by number (e.g. ``1523/QĐ-BCA-C06``)."""
    stmt = select(Decision).options(selectinload(Decision.items))
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        stmt = stmt.where(Decision.id == int(ref))
    else:
        stmt = stmt.where(Decision.number == ref.strip())
    if for_update:
        stmt = stmt.with_for_update()
    decision = session.scalar(stmt)
    if decision is None:
        raise NotFound(f"Không tìm thấy quyết định “{ref}”.")
    return decision


def create_draft(session: Session, actor: str, *, number: str, date: dt.date | None = None,
                 issuer: str | None = None, signer: str | None = None,
                 effective_date: dt.date | None = None, legal_bases: list[str] | None = None,
                 title: str | None = None, source: str | None = None,
                 source_sha256: str | None = None) -> Decision:
    number = (number or "").strip()
    if not number:
        raise CatalogueError("Thiếu số quyết định.")
    if session.scalar(select(Decision.id).where(Decision.number == number)) is not None:
        raise CatalogueError(f"Quyết định số {number} đã có trong hệ thống.")
    decision = Decision(number=number, date=date, issuer=issuer, signer=signer,
                        effective_date=effective_date, legal_bases=list(legal_bases or []),
                        title=title, source=source, source_sha256=source_sha256, status="draft",
                        created_by=actor, updated_by=actor)
    session.add(decision)
    session.flush()
    audit.record(session, actor, "decision.create", "decision", decision.id, None,
                 decision_summary(decision))
    return decision


def _require_draft(decision: Decision) -> None:
    if decision.status != "draft":
        raise CatalogueError(f"Quyết định {decision.number} đã công bố, không thể sửa.")


def _check_revision(decision: Decision, expected_revision: int | None) -> None:
    if expected_revision is not None and decision.revision != expected_revision:
        raise ConflictError(f"Quyết định {decision.number}", decision.updated_by, decision.updated_at)


def _editable_decision(session: Session, ref: int | str, expected_revision: int | None) -> Decision:
    """The draft, locked for this transaction, if nobody saved it since ``expected_revision``."""
    decision = get_decision(session, ref, for_update=True)
    _check_revision(decision, expected_revision)
    _require_draft(decision)
    return decision


def _editable_item(session: Session, item_id: int,
                   expected_revision: int | None) -> tuple[DecisionItem, Decision]:
    item = session.get(DecisionItem, item_id)
    if item is None:
        raise NotFound(f"Không tìm thấy dòng {item_id}.")
    return item, _editable_decision(session, item.decision_id, expected_revision)


def update_decision(session: Session, actor: str, ref: int | str, *, expected_revision: int | None,
                    **changes: Any) -> Decision:
    """Read-modify-write of a draft's metadata, refused when someone saved it in between."""
    decision = _editable_decision(session, ref, expected_revision)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise CatalogueError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    before = decision_summary(decision)
    for key, value in changes.items():
        setattr(decision, key, value)
    _touch(decision, actor)
    session.flush()
    audit.record(session, actor, "decision.update", "decision", decision.id, before,
                 decision_summary(decision))
    return decision


def _touch(decision: Decision, actor: str) -> None:
    decision.updated_at = utcnow()
    decision.updated_by = actor


@dataclass
class ItemInput:
    """An annex row as an officer or an importer gives it."""
    kind: str
    code: str | None = None
    name: str | None = None
    sector: str | None = None
    level: str | None = None
    agency: str | None = None
    changed_parts: list[str] = field(default_factory=list)
    content: ProcedureContent | None = None
    successor_code: str | None = None
    successor_row: int | None = None  # row number of a "new" item of the same decision
    note: str | None = None
    row_number: int | None = None


def add_item(session: Session, actor: str, decision: Decision, item: ItemInput, *,
             expected_revision: int | None = None) -> DecisionItem:
    _check_revision(decision, expected_revision)
    _require_draft(decision)
    if item.kind not in ITEM_KINDS:
        raise CatalogueError(f"Loại thay đổi không hợp lệ: “{item.kind}”.")
    bad_parts = [p for p in item.changed_parts if p not in PARTS]
    if bad_parts:
        raise CatalogueError(f"Bộ phận thay đổi không hợp lệ: {', '.join(bad_parts)}.")
    row = DecisionItem(
        position=len(decision.items), row_number=item.row_number, kind=item.kind,
        code=(item.code or "").strip() or None,
        name=item.name or (item.content.name if item.content else None),
        sector=item.sector or (item.content.sector if item.content else None),
        level=item.level, agency=item.agency, changed_parts=list(item.changed_parts),
        content=item.content.to_dict() if item.content else None,
        successor_code=item.successor_code, note=item.note,
    )
    decision.items.append(row)
    if item.successor_row is not None:
        session.flush()
        target = next((i for i in decision.items if i.row_number == item.successor_row), None)
        if target is None:
            raise CatalogueError(f"Dòng {item.row_number}: không có dòng {item.successor_row} để thay thế.")
        row.successor_item_id = target.id
    _touch(decision, actor)
    session.flush()
    audit.record(session, actor, "decision.item.add", "decision_item", row.id, None,
                 {"decision": decision.number, "kind": row.kind, "code": row.code, "name": row.name,
                  "level": row.level})
    return row


def update_item(session: Session, actor: str, item_id: int, *, expected_revision: int | None,
                content: ProcedureContent | None = None, **changes: Any) -> DecisionItem:
    """Edit one row of a draft (e.g. the new content of an amended procedure)."""
    item, decision = _editable_item(session, item_id, expected_revision)
    before = {"content": item.content, **{k: getattr(item, k) for k in changes}}
    for key, value in changes.items():
        if key not in ("kind", "code", "name", "sector", "level", "agency", "changed_parts",
                       "successor_code", "successor_item_id", "note"):
            raise CatalogueError(f"Không sửa được trường: {key}.")
        setattr(item, key, value)
    if content is not None:
        item.content = content.to_dict()
        item.name = content.name
    _touch(decision, actor)
    session.flush()
    audit.record(session, actor, "decision.item.update", "decision_item", item.id, before,
                 {"content": item.content, **{k: getattr(item, k) for k in changes}})
    return item


def remove_item(session: Session, actor: str, item_id: int, *, expected_revision: int | None) -> None:
    item, decision = _editable_item(session, item_id, expected_revision)
    decision.items.remove(item)
    _touch(decision, actor)
    session.flush()
    audit.record(session, actor, "decision.item.remove", "decision_item", item_id,
                 {"kind": item.kind, "code": item.code, "name": item.name}, None)


def delete_draft(session: Session, actor: str, ref: int | str, *, expected_revision: int | None) -> None:
    decision = _editable_decision(session, ref, expected_revision)
    audit.record(session, actor, "decision.delete", "decision", decision.id,
                 decision_summary(decision), None)
    session.delete(decision)
    session.flush()


def decision_summary(decision: Decision) -> dict[str, Any]:
    return {
        "number": decision.number, "status": decision.status,
        "date": decision.date.isoformat() if decision.date else None,
        "effective_date": decision.effective_date.isoformat() if decision.effective_date else None,
        "issuer": decision.issuer, "signer": decision.signer, "items": len(decision.items),
    }


# -- validation -----------------------------------------------------------------------------------

@dataclass
class _Target:
    """The procedure an item acts on, resolved once for validation and publishing."""
    key: str
    procedure: Procedure | None
    items: list[DecisionItem]


def _row(item: DecisionItem) -> int:
    return item.row_number if item.row_number is not None else item.position + 1


def _item_label(item: DecisionItem) -> str:
    return f"mã {item.code}" if item.code else f"“{item.name or ''}”"


def _existing_names(session: Session, day: dt.date) -> dict[str, tuple[str | None, int]]:
    rows = session.execute(
        select(Edition.name, Edition.code, Edition.procedure_id)
        .where(valid_on(day), Edition.in_force.is_(True))
    )
    return {name_key(n): (c, pid) for n, c, pid in rows}


def validate(session: Session, decision: Decision) -> list[Problem]:
    problems, _ = _resolve(session, decision)
    return problems


def _resolve(session: Session, decision: Decision) -> tuple[list[Problem], list[_Target]]:
    problems: list[Problem] = []
    if decision.status != "draft":
        problems.append(Problem("Quyết định đã được công bố."))
    if decision.effective_date is None:
        problems.append(Problem("Chưa có ngày hiệu lực.", field="effective_date"))
    if decision.date is None:
        problems.append(Problem("Chưa có ngày ký quyết định.", field="date", severity="warning"))
    elif decision.effective_date and decision.effective_date < decision.date:
        problems.append(Problem(
            f"Ngày hiệu lực {decision.effective_date:%d/%m/%Y} trước ngày ký {decision.date:%d/%m/%Y}.",
            field="effective_date"))
    if not decision.signer:
        problems.append(Problem("Chưa có người ký.", field="signer", severity="warning"))
    if not decision.items:
        problems.append(Problem("Quyết định chưa có thủ tục nào."))
    day = decision.effective_date
    targets: dict[str, _Target] = {}
    seen_levels: dict[tuple[str, str | None], DecisionItem] = {}
    existing_names = _existing_names(session, day) if day else {}
    new_rows = {i.id for i in decision.items if i.kind == "new"}

    for item in decision.items:
        row = _row(item)
        if item.kind == "new":
            key = f"code:{item.code}" if item.code else f"name:{name_key(item.name or '')}"
            proc = None
            if not (item.name or item.content):
                problems.append(Problem("Thủ tục mới thiếu tên.", row=row, field="name"))
            elif item.code and find_procedure(session, item.code) is not None:
                problems.append(Problem(f"Thủ tục mới có mã {item.code} đã có trong danh mục.", row=row,
                                        field="code"))
            elif not item.code and item.name and name_key(item.name) in existing_names:
                code, _pid = existing_names[name_key(item.name)]
                problems.append(Problem(
                    f"Thủ tục mới “{item.name}” đã có trong danh mục"
                    + (f" với mã {code}." if code else "."), row=row, field="name"))
        else:
            if not item.code:
                problems.append(Problem(f"Thủ tục {KIND_LABELS[item.kind]} thiếu mã thủ tục.", row=row,
                                        field="code"))
                continue
            proc = find_procedure(session, item.code)
            key = f"proc:{proc.id}" if proc else f"code:{item.code}"
            if proc is None:
                problems.append(Problem(f"Không tìm thấy thủ tục mã {item.code} trong danh mục.",
                                        row=row, field="code"))
            elif day is not None:
                problems += _check_in_force(session, proc, item, day)
            if item.kind == "replaced" and not (item.successor_item_id or item.successor_code
                                                or item.content or item.name):
                problems.append(Problem("Thủ tục bị thay thế chưa có thủ tục thay thế.", row=row,
                                        field="successor"))
            if item.successor_item_id and item.successor_item_id not in new_rows:
                problems.append(Problem("Thủ tục thay thế phải là một thủ tục mới của quyết định này.",
                                        row=row, field="successor"))
            if item.kind == "amended" and not item.content:
                problems.append(Problem(
                    f"Chưa nhập nội dung sửa đổi của thủ tục {_item_label(item)}; "
                    "phiên bản mới sẽ giữ nội dung cũ.", row=row, field="content", severity="warning"))
        level_key = (key, item.level)
        if level_key in seen_levels:
            first = seen_levels[level_key]
            level = f" ở {LEVEL_LABELS.get(item.level, item.level).lower()}" if item.level else ""
            problems.append(Problem(
                f"Thủ tục {_item_label(item)}{level} xuất hiện hai lần (dòng {_row(first)} và {row}).",
                row=row))
        else:
            seen_levels[level_key] = item
        target = targets.setdefault(key, _Target(key, proc, []))
        if target.items and target.items[0].kind != item.kind:
            problems.append(Problem(
                f"Thủ tục {_item_label(item)} vừa là “{KIND_LABELS[target.items[0].kind]}” (dòng "
                f"{_row(target.items[0])}) vừa là “{KIND_LABELS[item.kind]}”.", row=row))
        target.items.append(item)
        if item.content:
            try:
                ProcedureContent.from_dict(item.content)
            except (TypeError, ValueError, KeyError) as exc:
                problems.append(Problem(f"Nội dung thủ tục không hợp lệ: {exc}", row=row, field="content"))
    return problems, list(targets.values())


def _check_in_force(session: Session, proc: Procedure, item: DecisionItem, day: dt.date) -> list[Problem]:
    row = _row(item)
    latest = latest_edition(session, proc)
    if latest is not None and latest.effective_from >= day:
        return [Problem(
            f"Thủ tục mã {item.code} đã có phiên bản hiệu lực từ {latest.effective_from:%d/%m/%Y}, "
            f"không sớm hơn ngày hiệu lực của quyết định.", row=row, field="code")]
    current = session.scalar(select(Edition).where(Edition.procedure_id == proc.id, valid_on(day))
                             .order_by(Edition.seq.desc()).limit(1))
    status = status_as_of(current)
    if status == "in_force":
        return []
    if status == "not_yet":
        return [Problem(f"Thủ tục mã {item.code} chưa có hiệu lực vào ngày {day:%d/%m/%Y}.", row=row,
                        field="code")]
    word = "bị thay thế" if status == "replaced" else "bị bãi bỏ"
    return [Problem(f"Thủ tục mã {item.code} đã {word} từ ngày {current.effective_from:%d/%m/%Y}.",
                    row=row, field="code")]


# -- preview and publish --------------------------------------------------------------------------

@dataclass
class TouchedProcedure:
    """What publishing will do to one procedure: its kind, levels and field-by-field changes."""
    kind: str
    procedure_id: int | None
    code: str | None
    name: str
    levels: list[str]
    rows: list[int]
    changes: list[Change]
    before: ProcedureContent | None = None
    after: ProcedureContent | None = None


def _new_content(target: _Target, previous: ProcedureContent | None) -> ProcedureContent:
    """The content the new edition will carry."""
    first = target.items[0]
    with_content = next((i for i in target.items if i.content), None)
    if with_content is not None:
        content = ProcedureContent.from_dict(with_content.content)
    elif previous is not None:
        content = ProcedureContent.from_dict(previous.to_dict())
        if first.name and first.kind != "abolished":
            content.name = first.name
    else:
        content = ProcedureContent(name=first.name or "", sector=first.sector)
    levels = [i.level for i in target.items if i.level]
    if first.kind == "new" and levels and not content.levels:
        content.levels = list(dict.fromkeys(levels))
    return content


def preview(session: Session, decision: Decision) -> list[TouchedProcedure]:
    """The diff of every procedure the decision touches, without writing anything."""
    _problems, targets = _resolve(session, decision)
    touched = []
    for target in targets:
        first = target.items[0]
        previous = None
        if target.procedure is not None:
            latest = latest_edition(session, target.procedure)
            previous = edition_content(latest) if latest else None
        after = _new_content(target, previous)
        if first.kind == "abolished" or previous is None:
            changes = []
        else:
            changes = diff_contents(previous, after)
        touched.append(TouchedProcedure(
            kind=first.kind, procedure_id=target.procedure.id if target.procedure else None,
            code=first.code, name=first.name or after.name,
            levels=[i.level for i in target.items if i.level], rows=[_row(i) for i in target.items],
            changes=changes, before=previous, after=None if first.kind == "abolished" else after,
        ))
    return touched


@dataclass
class PublishResult:
    decision: Decision
    editions: list[Edition]
    warnings: list[Problem]


def publish(session: Session, actor: str, ref: int | str, *,
            expected_revision: int | None = None) -> PublishResult:
    """Validate and apply every item; raises :class:`ValidationFailed` and writes nothing on errors."""
    decision = get_decision(session, ref, for_update=True)
    _check_revision(decision, expected_revision)
    problems, targets = _resolve(session, decision)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(problems)
    day = decision.effective_date
    editions: list[Edition] = []
    changes: list[tuple[Procedure, Edition | None, Edition]] = []
    created_by_item: dict[int, Procedure] = {}

    # New procedures first, so a replacement can point at its successor.
    ordered = sorted(targets, key=lambda t: t.items[0].kind != "new")
    for target in ordered:
        changes.append(_publish_target(session, actor, decision, target, day, created_by_item))
        editions.append(changes[-1][2])
    decision.status = "published"
    decision.published_at = utcnow()
    decision.published_by = actor
    _touch(decision, actor)
    record_changes(session, actor, "decision.publish", changes)
    audit.record(session, actor, "decision.publish", "decision", decision.id,
                 {"status": "draft"}, decision_summary(decision))
    session.flush()
    return PublishResult(decision, editions, [p for p in problems if p.severity == "warning"])


def _publish_target(session: Session, actor: str, decision: Decision, target: _Target, day: dt.date,
                    created_by_item: dict[int, Procedure]) -> tuple[Procedure, Edition | None, Edition]:
    first = target.items[0]
    parts = list(dict.fromkeys(p for i in target.items for p in (i.changed_parts or [])))
    if first.kind == "new":
        procedure = Procedure(code=first.code, status="in_force", updated_by=actor)
        session.add(procedure)
        session.flush()
        content = _new_content(target, None)
        edition = append_edition(session, procedure, content, kind="new", effective_from=day,
                                 actor=actor, decision_id=decision.id, changed_parts=parts,
                                 previous=None)
        for item in target.items:
            item.procedure_id = procedure.id
            created_by_item[item.id] = procedure
        return procedure, None, edition

    procedure = target.procedure
    previous = latest_edition(session, procedure)
    old_content = edition_content(previous)
    for item in target.items:
        item.procedure_id = procedure.id
    if first.kind == "amended":
        content = _new_content(target, old_content)
        edition = append_edition(session, procedure, content, kind="amended", effective_from=day,
                                 actor=actor, decision_id=decision.id,
                                 changed_parts=parts or compute_changed_parts(old_content, content),
                                 previous=previous)
        return procedure, previous, edition
    if first.kind == "abolished":
        edition = append_edition(session, procedure, old_content, kind="abolished", effective_from=day,
                                 actor=actor, decision_id=decision.id, changed_parts=parts,
                                 in_force=False, previous=previous)
        return procedure, previous, edition
    # replaced: the old procedure ends; its successor is a new item, an existing one, or created here
    successor = _successor(session, actor, decision, target, day, old_content, created_by_item)
    edition = append_edition(session, procedure, old_content, kind="replaced", effective_from=day,
                             actor=actor, decision_id=decision.id, changed_parts=parts, in_force=False,
                             successor=successor, previous=previous)
    return procedure, previous, edition


def _successor(session: Session, actor: str, decision: Decision, target: _Target, day: dt.date,
               old_content: ProcedureContent, created_by_item: dict[int, Procedure]) -> Procedure:
    item = next((i for i in target.items if i.successor_item_id or i.successor_code), target.items[0])
    existing = find_procedure(session, item.successor_code) if item.successor_code else None
    if item.successor_item_id:
        successor = created_by_item[item.successor_item_id]
    elif existing is not None:
        successor = existing
        _link_existing_successor(session, actor, existing, target.procedure)
        return successor
    else:
        successor = Procedure(code=item.successor_code, status="in_force", updated_by=actor)
        session.add(successor)
        session.flush()
        content = _new_content(target, old_content)
        new_edition = append_edition(session, successor, content, kind="new", effective_from=day,
                                     actor=actor, decision_id=decision.id,
                                     changed_parts=compute_changed_parts(old_content, content),
                                     previous=None)
        record_changes(session, actor, "decision.publish", [(successor, None, new_edition)])
    successor.predecessor_id = target.procedure.id
    return successor


def _link_existing_successor(session: Session, actor: str, successor: Procedure, predecessor: Procedure) -> None:
    """An existing procedure that becomes the successor changes too: its own audit and outbox rows."""
    previous = successor.predecessor_id
    if previous == predecessor.id:
        return
    successor.predecessor_id = predecessor.id
    session.flush()
    audit.record(session, actor, "decision.publish", "procedure", successor.id,
                 {"predecessor_id": previous}, {"predecessor_id": predecessor.id})
    session.add(SearchOutbox(procedure_id=successor.id, revision=successor.revision))


def group_rows_by_kind(decision: Decision) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in decision.items:
        counts[item.kind] += 1
    return dict(counts)
