"""Database fixtures: a fresh SQLite file per test, and PostgreSQL when TEST_DATABASE_URL is set."""
from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
from sqlalchemy import text

from catalogue.content import Channel, Fee, Paper, ProcedureContent, ProcessingTime
from catalogue.db import Database
from catalogue.models import Base

BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("TEST_DATABASE_URL") else [])


def _postgres_database() -> Database:
    from sqlalchemy import create_engine

    admin_url = os.environ["TEST_DATABASE_URL"]
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    db = Database.from_url(url)
    db.info_drop = (admin_url, name)  # type: ignore[attr-defined]
    return db


def _drop_postgres(db: Database) -> None:
    from sqlalchemy import create_engine

    admin_url, name = db.info_drop  # type: ignore[attr-defined]
    db.dispose()
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    """An empty catalogue database with the models' schema."""
    if request.param == "sqlite":
        database = Database.from_url(f"sqlite:///{tmp_path / 'catalogue.sqlite'}")
        Base.metadata.create_all(database.engine)
        yield database
        database.dispose()
    else:
        database = _postgres_database()
        Base.metadata.create_all(database.engine)
        yield database
        _drop_postgres(database)


def make_content(name: str, *, sector: str = "Hộ tịch", levels=("commune",), days: int = 5,
                 fee: int | None = 50_000, papers: int = 3, steps: int = 3) -> ProcedureContent:
    """A procedure content with controllable time, fee, papers and steps."""
    return ProcedureContent(
        name=name, sector=sector, levels=list(levels), audience=["Công dân Việt Nam"],
        steps=[f"Bước {i + 1}: thực hiện" for i in range(steps)],
        channels=[Channel(kind="direct",
                          processing_time=ProcessingTime(value=__import__("decimal").Decimal(days),
                                                         unit="working_day", text=f"{days} ngày làm việc"),
                          fees=[Fee(kind="charge", amount=fee, text=f"Lệ phí {fee} đồng")] if fee else [])],
        papers=[Paper(name=f"Giấy tờ số {i + 1}", originals=1) for i in range(papers)],
    )


D = dt.date(2026, 4, 1)
