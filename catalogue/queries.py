"""Reads: a procedure as of a date, the catalogue as of a date, history.

An edition is valid on day D when ``effective_from <= D < effective_to`` (open-ended when
``effective_to`` is null). A terminal edition (abolished, replaced) is valid too but not in force, so
"as of D" can say *why* a procedure is not in force.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from .clock import today
from .content_store import EDITION_LOAD
from .errors import NotFound
from .models import Agency, CodeAlias, Edition, EditionAgency, EditionLevel, Procedure, Sector


def valid_on(day: dt.date):
    return and_(Edition.effective_from <= day,
                or_(Edition.effective_to.is_(None), Edition.effective_to > day))


def find_procedure(session: Session, code: str) -> Procedure | None:
    """By current code, then by alias (a code that changed)."""
    code = code.strip()
    proc = session.scalar(select(Procedure).where(Procedure.code == code))
    if proc is None:
        proc = session.scalar(select(Procedure).join(CodeAlias).where(CodeAlias.code == code))
    return proc


def get_procedure(session: Session, procedure_id: int) -> Procedure:
    proc = session.get(Procedure, procedure_id)
    if proc is None:
        raise NotFound(f"Không tìm thấy thủ tục có mã nội bộ {procedure_id}.")
    return proc


def edition_as_of(session: Session, procedure_id: int, day: dt.date | None = None) -> Edition | None:
    day = day or today()
    return session.scalar(
        select(Edition).options(*EDITION_LOAD)
        .where(Edition.procedure_id == procedure_id, valid_on(day))
        .order_by(Edition.seq.desc()).limit(1)
    )


def status_as_of(edition: Edition | None) -> str:
    """'in_force', 'abolished', 'replaced' or 'not_yet' (no edition valid yet)."""
    if edition is None:
        return "not_yet"
    if edition.in_force:
        return "in_force"
    return "replaced" if edition.kind == "replaced" else "abolished"


def history(session: Session, procedure_id: int) -> list[Edition]:
    get_procedure(session, procedure_id)
    return list(session.scalars(
        select(Edition).options(*EDITION_LOAD).where(Edition.procedure_id == procedure_id)
        .order_by(Edition.seq)
    ))


@dataclass
class CatalogueFilter:
    as_of: dt.date | None = None
    sector: str | None = None  # slug or name
    level: str | None = None
    agency_id: int | None = None
    status: str = "in_force"  # in_force | abolished | replaced | all
    limit: int | None = None
    offset: int = 0


def _catalogue_query(flt: CatalogueFilter) -> Select:
    day = flt.as_of or today()
    stmt = select(Edition).where(valid_on(day))
    if flt.status == "in_force":
        stmt = stmt.where(Edition.in_force.is_(True))
    elif flt.status in ("abolished", "replaced"):
        stmt = stmt.where(Edition.in_force.is_(False), Edition.kind == flt.status)
    if flt.sector:
        stmt = stmt.join(Sector, Edition.sector_id == Sector.id).where(
            or_(Sector.slug == flt.sector, Sector.name == flt.sector))
    if flt.level:
        stmt = stmt.where(Edition.id.in_(select(EditionLevel.edition_id).where(EditionLevel.level == flt.level)))
    if flt.agency_id:
        stmt = stmt.where(Edition.id.in_(
            select(EditionAgency.edition_id).where(EditionAgency.agency_id == flt.agency_id)))
    return stmt


def catalogue_as_of(session: Session, flt: CatalogueFilter | None = None) -> list[Edition]:
    """The editions valid on a day (one per procedure), filtered, ordered by code then name."""
    flt = flt or CatalogueFilter()
    stmt = _catalogue_query(flt).options(*EDITION_LOAD).order_by(
        Edition.code.is_(None), Edition.code, Edition.name, Edition.id)
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit).offset(flt.offset)
    return list(session.scalars(stmt))


def count_catalogue(session: Session, flt: CatalogueFilter | None = None) -> int:
    flt = flt or CatalogueFilter()
    return session.scalar(select(func.count()).select_from(_catalogue_query(flt).subquery())) or 0


def agency_by_id(session: Session, agency_id: int) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"Không tìm thấy cơ quan {agency_id}.")
    return agency
