"""What ``tthc check`` and ``GET /healthz`` verify before an instance takes traffic.

``tthc check`` runs in a deployment step and may take a few seconds: the configuration, the schema
revision against the migrations, and whether the search index holds what the database says
(revision mismatches, and changes waiting in the outbox for longer than a worker would take).
``/healthz`` answers load balancers every few seconds, so it only asks the database one cheap
question (the schema revision), never the index.

A procedure whose index entry lags behind while its change is still in the outbox is in flight,
not wrong; only a backlog older than ``INDEX_BACKLOG_MAX_SECONDS`` (default five minutes) means no
worker is draining it.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from catalogue import schema, search_sync
from catalogue.clock import utcnow
from catalogue.models import SearchOutbox

from .config import ConfigError
from .config import check as check_config

DEFAULT_BACKLOG_SECONDS = 300
EXAMPLES = 3  # mismatching procedures named in a message


@dataclass
class CheckResult:
    """One area of the check: problems make ``tthc check`` fail, notes are for the reader."""
    name: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def configuration(config: dict[str, Any]) -> CheckResult:
    result = CheckResult("Cấu hình")
    try:
        check_config(config)
    except ConfigError as exc:
        result.problems.append(str(exc))
    url = str(config.get("DATABASE_URL", ""))
    on_postgres = url.startswith("postgresql")
    if config.get("SEARCH_BACKEND") == "postgres" and not on_postgres:
        result.problems.append("SEARCH_BACKEND=postgres cần DATABASE_URL là một cơ sở dữ liệu PostgreSQL.")
    instance = Path(config["TTHC_INSTANCE"])
    existing = next((p for p in (instance, *instance.parents) if p.exists()), None)
    if existing is None or not os.access(existing, os.W_OK):
        result.problems.append(f"Không ghi được vào thư mục instance {instance} (tệp tải lên, chỉ mục Whoosh).")
    database = "PostgreSQL" if on_postgres else "SQLite"
    result.notes.append(f"môi trường {config.get('TTHC_ENV')}, {database}, tìm kiếm {config.get('SEARCH_BACKEND')}")
    if config.get("TTHC_ENV") == "production" and not on_postgres:
        result.notes.append("SQLite và chỉ mục Whoosh chỉ phục vụ được từ một máy; nhiều máy cần PostgreSQL.")
    return result


@functools.cache
def head_revision() -> str | None:
    """The migrations' head, read from disk once per process (it cannot change while running)."""
    return schema.head_revision()


def schema_problems(engine: Any) -> list[str]:
    """Empty when the database answers and its schema is at the migrations' head."""
    try:
        current = schema.current_revision(engine)
    except SQLAlchemyError as exc:
        return [f"Cơ sở dữ liệu không trả lời: {_first_line(exc)}"]
    head = head_revision()
    if current is None:
        return ["Cơ sở dữ liệu chưa có lược đồ: chạy `tthc db upgrade`."]
    if current != head:
        return [f"Lược đồ cơ sở dữ liệu ở phiên bản {current}, phần mềm cần {head}: chạy `tthc db upgrade`."]
    return []


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def database_schema(engine: Any) -> CheckResult:
    result = CheckResult("Lược đồ cơ sở dữ liệu", problems=schema_problems(engine))
    if result.ok:
        result.notes.append(f"phiên bản {head_revision()}")
    return result


def search_index(db: Any, open_search: Any, max_age: float = DEFAULT_BACKLOG_SECONDS,
                 now: dt.datetime | None = None) -> CheckResult:
    """Revision mismatches not explained by a recent outbox row, and an outbox nobody drains."""
    result = CheckResult("Chỉ mục tìm kiếm")
    try:
        mismatches = search_sync.check(db, open_search())
        with db.read() as session:
            pending = set(session.scalars(select(SearchOutbox.procedure_id).distinct()))
            backlog, oldest = session.execute(select(func.count(), func.min(SearchOutbox.created_at))).one()
    except (SQLAlchemyError, OSError) as exc:
        result.problems.append(f"Không đọc được chỉ mục tìm kiếm: {_first_line(exc)}")
        return result
    unexplained = [m for m in mismatches if m.procedure_id not in pending]
    if unexplained:
        examples = " ".join(m.describe() for m in unexplained[:EXAMPLES])
        result.problems.append(f"Chỉ mục lệch cơ sở dữ liệu ở {len(unexplained)} thủ tục ({examples}) "
                               "Chạy `tthc search reindex`.")
    if backlog:
        if oldest.tzinfo is None:  # SQLite gives back UTC without a zone
            oldest = oldest.replace(tzinfo=dt.timezone.utc)
        age = ((now or utcnow()) - oldest).total_seconds()
        if age > max_age:
            result.problems.append(
                f"{backlog} thay đổi chờ đưa vào chỉ mục, cũ nhất đã {int(age // 60)} phút: không có tiến trình "
                "nào cập nhật chỉ mục (`tthc search worker`, hoặc `tthc serve` ở bản một máy). "
                "Chạy `tthc search sync` và kiểm tra tiến trình đó.")
        else:
            result.notes.append(f"{backlog} thay đổi đang chờ đưa vào chỉ mục ({len(mismatches)} thủ tục)")
    if result.ok and not result.notes:
        result.notes.append("khớp cơ sở dữ liệu")
    return result


def run_all(config: dict[str, Any], services: Any) -> list[CheckResult]:
    """Every check of ``tthc check``; the index is checked only on a database at the right revision."""
    results = [configuration(config), database_schema(services.db.engine)]
    if results[-1].ok:
        max_age = float(config.get("INDEX_BACKLOG_MAX_SECONDS", DEFAULT_BACKLOG_SECONDS))
        results.append(search_index(services.db, lambda: services.search, max_age))
    return results
