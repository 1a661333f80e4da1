"""Long imports as job rows: any web worker can show how a job started by another one ended.

A job row is written when the work starts and again when it ends, each in its own short
transaction; the work itself runs in one unit of work of its own (all or nothing). Progress while it
runs is kept by the process doing the work (writing it to the database would contend with the
import's own write lock on SQLite), so a worker that did not start the job shows "running" without a
percentage. A row left "running" by a process that died is reported as interrupted after
``STALE_AFTER``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .clock import utcnow
from .errors import NotFound
from .models import Base, Id

STATUSES = ("running", "done", "failed")
STATUS_LABELS = {"running": "Đang chạy", "done": "Hoàn thành", "failed": "Thất bại"}
STALE_AFTER = dt.timedelta(hours=6)


class ImportJob(Base):
    """One import started from the web: what, by whom, and its outcome (report as JSON)."""
    __tablename__ = "import_job"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="running")
    total: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str | None] = mapped_column(Text)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    def effective_status(self, now: dt.datetime | None = None) -> str:
        """``interrupted`` for a row that has been running for longer than any import takes."""
        now = now or utcnow()
        created = self.created_at if self.created_at.tzinfo else self.created_at.replace(tzinfo=dt.timezone.utc)
        if self.status == "running" and now - created > STALE_AFTER:
            return "interrupted"
        return self.status


def start_job(session: Session, actor: str, kind: str, filename: str, total: int | None) -> ImportJob:
    job = ImportJob(kind=kind, filename=filename[:300], status="running", total=total, created_by=actor)
    session.add(job)
    session.flush()
    return job


def finish_job(session: Session, job_id: int, *, ok: bool, message: str,
               report: dict[str, Any] | None = None) -> None:
    job = get_job(session, job_id)
    job.status = "done" if ok else "failed"
    job.message = message
    job.report = report
    job.finished_at = utcnow()
    session.flush()


def get_job(session: Session, job_id: int) -> ImportJob:
    job = session.get(ImportJob, job_id)
    if job is None:
        raise NotFound(f"Không tìm thấy lượt nhập dữ liệu {job_id}.")
    return job


def recent_jobs(session: Session, limit: int = 20) -> list[ImportJob]:
    return list(session.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(limit)))
