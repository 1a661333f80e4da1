"""The catalogue's tables (DESIGN §4): procedures with append-only editions, decisions, audit.

Valid time (``effective_from``/``effective_to`` of an edition) is kept apart from system time
(``created_at``), so "the catalogue as of a date" is a range query and history is never rewritten.
An edition's content is stored as structured rows (channels, fees, papers, legal acts …), not as
flattened text, so diffs and statistics compare real values.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    DDL, JSON, BigInteger, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, MetaData,
    Numeric, String, Text, UniqueConstraint, event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from .clock import utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

EDITION_KINDS = ("new", "amended", "replaced", "abolished", "corrected")
ITEM_KINDS = ("new", "amended", "replaced", "abolished")
PROCEDURE_STATUSES = ("in_force", "abolished", "replaced")
DECISION_STATUSES = ("draft", "published")

# A surrogate key type that is BIGINT on PostgreSQL but INTEGER PRIMARY KEY (rowid) on SQLite.
Id = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Sector(Base):
    """Lĩnh vực."""
    __tablename__ = "sector"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    slug: Mapped[str] = mapped_column(String(300), unique=True)


class Agency(Base):
    """Cơ quan (thực hiện, có thẩm quyền, tiếp nhận …); roles live on the edition link."""
    __tablename__ = "agency"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(500), unique=True)
    slug: Mapped[str] = mapped_column(String(500), unique=True)


class Procedure(Base):
    """Stable identity of a thủ tục hành chính across all its editions."""
    __tablename__ = "procedure"
    __table_args__ = (
        CheckConstraint("status IN ('in_force', 'abolished', 'replaced')", name="status"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="in_force")
    current_edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("edition.id", use_alter=True, name="fk_procedure_current_edition"), nullable=True
    )
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("procedure.id"), nullable=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(200))

    current_edition: Mapped["Edition | None"] = relationship(
        foreign_keys=[current_edition_id], post_update=True
    )
    editions: Mapped[list["Edition"]] = relationship(
        back_populates="procedure", foreign_keys="Edition.procedure_id", order_by="Edition.seq"
    )
    aliases: Mapped[list["CodeAlias"]] = relationship(back_populates="procedure")

    __mapper_args__ = {"version_id_col": revision}


class CodeAlias(Base):
    """An earlier or variant code of a procedure (mã cũ, mã biến thể)."""
    __tablename__ = "code_alias"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    procedure: Mapped[Procedure] = relationship(back_populates="aliases")


class Decision(Base):
    """Quyết định công bố: a draft until published, then frozen."""
    __tablename__ = "decision"
    __table_args__ = (CheckConstraint("status IN ('draft', 'published')", name="status"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    number: Mapped[str] = mapped_column(String(100), unique=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(String(300))
    signer: Mapped[str | None] = mapped_column(String(300))
    effective_date: Mapped[dt.date | None] = mapped_column(Date)
    legal_bases: Mapped[list[str]] = mapped_column(JSON, default=list)
    title: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    source: Mapped[str | None] = mapped_column(String(500))
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(200))
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str | None] = mapped_column(String(200))

    items: Mapped[list["DecisionItem"]] = relationship(
        back_populates="decision", order_by="DecisionItem.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": revision}


class DecisionItem(Base):
    """One annex row: a procedure at one level, with its kind of change.

    Real annexes list a procedure once per level, so the same procedure may have several items in
    one decision; publishing merges them into one edition. ``content`` holds the full new content of
    a new, amended or replaced procedure while the decision is a draft (JSON of ProcedureContent).
    """
    __tablename__ = "decision_item"
    __table_args__ = (
        CheckConstraint("kind IN ('new', 'amended', 'replaced', 'abolished')", name="kind"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    row_number: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(String(300))
    level: Mapped[str | None] = mapped_column(String(20))
    agency: Mapped[str | None] = mapped_column(String(500))
    changed_parts: Mapped[list[str]] = mapped_column(JSON, default=list)
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedure.id"))
    successor_item_id: Mapped[int | None] = mapped_column(ForeignKey("decision_item.id"))
    successor_code: Mapped[str | None] = mapped_column(String(40))
    content: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)

    decision: Mapped[Decision] = relationship(back_populates="items")
    procedure: Mapped[Procedure | None] = relationship()


class Edition(Base):
    """One published state of a procedure. Append-only: only ``effective_to`` may be set, once."""
    __tablename__ = "edition"
    __table_args__ = (
        UniqueConstraint("procedure_id", "seq"),
        CheckConstraint(
            "kind IN ('new', 'amended', 'replaced', 'abolished', 'corrected')", name="kind"
        ),
        CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="range"),
        Index("ix_edition_validity", "effective_from", "effective_to"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    in_force: Mapped[bool] = mapped_column(Boolean, default=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    effective_to: Mapped[dt.date | None] = mapped_column(Date)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    changed_parts: Mapped[list[str]] = mapped_column(JSON, default=list)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("procedure.id"))
    source: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(200))

    # content
    code: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sector.id"), index=True)
    procedure_type: Mapped[str | None] = mapped_column(String(300))
    conditions: Mapped[str | None] = mapped_column(Text)
    online_level: Mapped[str | None] = mapped_column(String(20))
    online_url: Mapped[str | None] = mapped_column(String(1000))
    notes: Mapped[str | None] = mapped_column(Text)

    procedure: Mapped[Procedure] = relationship(back_populates="editions", foreign_keys=[procedure_id])
    decision: Mapped[Decision | None] = relationship()
    sector: Mapped[Sector | None] = relationship()
    levels: Mapped[list["EditionLevel"]] = relationship(order_by="EditionLevel.level")
    audience: Mapped[list["EditionAudience"]] = relationship(order_by="EditionAudience.position")
    steps: Mapped[list["EditionStep"]] = relationship(order_by="EditionStep.position")
    channels: Mapped[list["EditionChannel"]] = relationship(order_by="EditionChannel.position")
    papers: Mapped[list["EditionPaper"]] = relationship(order_by="EditionPaper.position")
    results: Mapped[list["EditionResult"]] = relationship(order_by="EditionResult.position")
    agencies: Mapped[list["EditionAgency"]] = relationship(order_by="EditionAgency.position")
    legal_acts: Mapped[list["EditionLegalAct"]] = relationship(order_by="EditionLegalAct.position")


class _EditionChild:
    """Columns shared by the rows that make up an edition's content."""
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("edition.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class EditionLevel(Base):
    __tablename__ = "edition_level"
    __table_args__ = (UniqueConstraint("edition_id", "level"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("edition.id"), index=True)
    level: Mapped[str] = mapped_column(String(20), index=True)


class EditionAudience(_EditionChild, Base):
    __tablename__ = "edition_audience"
    name: Mapped[str] = mapped_column(Text)


class EditionStep(_EditionChild, Base):
    __tablename__ = "edition_step"
    text: Mapped[str] = mapped_column(Text)


class EditionChannel(_EditionChild, Base):
    __tablename__ = "edition_channel"
    kind: Mapped[str] = mapped_column(String(20))
    time_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    time_unit: Mapped[str | None] = mapped_column(String(20))
    time_text: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    fees: Mapped[list["EditionFee"]] = relationship(order_by="EditionFee.position")


class EditionFee(Base):
    __tablename__ = "edition_fee"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("edition_channel.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str | None] = mapped_column(String(20))
    amount: Mapped[int | None] = mapped_column(BigInteger)
    text: Mapped[str | None] = mapped_column(Text)


class EditionPaper(_EditionChild, Base):
    __tablename__ = "edition_paper"
    name: Mapped[str] = mapped_column(Text)
    group: Mapped[str] = mapped_column(String(20), default="submit")
    form: Mapped[str | None] = mapped_column(Text)
    originals: Mapped[int | None] = mapped_column(Integer)
    copies: Mapped[int | None] = mapped_column(Integer)
    quantity_text: Mapped[str | None] = mapped_column(Text)
    case: Mapped[str | None] = mapped_column(Text)


class EditionResult(_EditionChild, Base):
    __tablename__ = "edition_result"
    name: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(100))


class EditionAgency(_EditionChild, Base):
    __tablename__ = "edition_agency"
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(Text)
    agency: Mapped[Agency] = relationship()


class EditionLegalAct(_EditionChild, Base):
    __tablename__ = "edition_legal_act"
    number: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    article: Mapped[str | None] = mapped_column(Text)


AUDIT_GENESIS = "0" * 64  # the ``prev_hash`` of the first audit row


def audit_timestamp(value: dt.datetime) -> str:
    """A timestamp as the chain hashes it: UTC, ISO 8601, microseconds.

    SQLite hands back naive datetimes (stored as UTC) and PostgreSQL aware ones in the session's
    time zone; both must hash the same.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def audit_canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spacing: one text per value, whatever the database returns."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def audit_row_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """``sha256(prev_hash + canonical JSON of the row's fields)``, the link of the audit chain.

    ``fields`` holds ``id, at, actor, action, object_type, object_id, before, after`` as stored;
    the migration that introduced the chain and every writer and verifier use this one function.
    """
    canonical = dict(fields, at=audit_timestamp(fields["at"]))
    return hashlib.sha256((prev_hash + audit_canonical_json(canonical)).encode("utf-8")).hexdigest()


class AuditEntry(Base):
    """Append-only record of every write: who, when, what, on which object, before and after.

    Rows form a hash chain in ``id`` order (``prev_hash`` is the previous row's ``hash``), so a
    changed or deleted row shows; triggers on both databases refuse UPDATE and DELETE outright.
    ``catalogue.audit`` writes them at commit, in commit order.
    """
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_object", "object_type", "object_id"),
        Index("ix_audit_entry_actor", "actor"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[int | None] = mapped_column(BigInteger)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    CHAINED_FIELDS = ("id", "at", "actor", "action", "object_type", "object_id", "before", "after")

    def chain_hash(self) -> str:
        return audit_row_hash(self.prev_hash, {name: getattr(self, name) for name in self.CHAINED_FIELDS})


class AuditHead(Base):
    """The end of the audit chain: one row that every committing audit writer locks and moves on.

    Locking it (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite writers are already serialised by
    ``BEGIN IMMEDIATE``) makes concurrent transactions chain in commit order, and comparing it with
    the last row shows rows deleted from the end of the table.
    """
    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


AUDIT_HEAD_ID = 1
AUDIT_REFUSAL = "audit_entry chỉ được ghi thêm: không sửa, không xóa"

# Migration 0003 runs these statements, and so does ``create_all`` (tests, benchmarks): one source.
AUDIT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "sqlite": (
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        f"BEGIN SELECT RAISE(ABORT, '{AUDIT_REFUSAL}'); END",
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        f"BEGIN SELECT RAISE(ABORT, '{AUDIT_REFUSAL}'); END",
    ),
    "postgresql": (
        "CREATE OR REPLACE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{AUDIT_REFUSAL}'; END $$",
        "CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change()",
        "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change()",
    ),
}
AUDIT_HEAD_ROW = (f"INSERT INTO audit_head (id, last_id, last_hash) "
                  f"VALUES ({AUDIT_HEAD_ID}, 0, '{AUDIT_GENESIS}')")

for _dialect, _statements in AUDIT_TRIGGERS.items():
    for _statement in _statements:
        event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect))
event.listen(AuditHead.__table__, "after_create", DDL(AUDIT_HEAD_ROW))


class SearchOutbox(Base):
    """A procedure whose index documents must be rewritten; written with the change, drained later."""
    __tablename__ = "search_outbox"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(BigInteger, index=True)
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ImmutableEditionError(RuntimeError):
    """Raised when code tries to change a published edition (append-only history)."""


_EDITION_CONTENT_TABLES = (
    EditionLevel, EditionAudience, EditionStep, EditionChannel, EditionFee, EditionPaper,
    EditionResult, EditionAgency, EditionLegalAct,
)


@event.listens_for(Session, "before_flush")
def _guard_history(session: Session, flush_context: Any, instances: Any) -> None:
    """Editions and their rows are append-only; audit rows are never changed."""
    from sqlalchemy import inspect

    for obj in session.dirty:
        if isinstance(obj, Edition):
            state = inspect(obj)
            for attr in state.mapper.column_attrs:
                hist = state.attrs[attr.key].history
                if not hist.has_changes():
                    continue
                if attr.key == "effective_to" and hist.deleted in ([None], ()):
                    continue
                raise ImmutableEditionError(f"edition {obj.id}: {attr.key} cannot change")
        elif isinstance(obj, (AuditEntry, *_EDITION_CONTENT_TABLES)) and session.is_modified(obj):
            raise ImmutableEditionError(f"{type(obj).__name__} rows cannot change")
    for obj in session.deleted:
        if isinstance(obj, (Edition, AuditEntry, *_EDITION_CONTENT_TABLES)):
            raise ImmutableEditionError(f"{type(obj).__name__} rows cannot be deleted")


# Tables defined next to their services register on the same metadata, so migrations and
# ``Base.metadata.create_all`` see the whole schema whichever module is imported first.
from . import accounts, jobs  # noqa: E402,F401
