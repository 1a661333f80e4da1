"""Upgrading an empty database gives exactly the models' schema (SQLite and PostgreSQL)."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from catalogue import schema
from catalogue.models import Base


def _upgrade_fresh(db):
    # the fixture created the tables from the models; start again from nothing
    Base.metadata.drop_all(db.engine)
    assert inspect(db.engine).get_table_names() == []
    schema.upgrade(db.engine)


def test_upgrade_gives_models_schema(db):
    _upgrade_fresh(db)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []
    assert schema.current_revision(db.engine) == schema.head_revision()


def test_upgrade_is_idempotent(db):
    _upgrade_fresh(db)
    schema.upgrade(db.engine)
    assert schema.current_revision(db.engine) == schema.head_revision()


def test_downgrade_to_base_removes_everything(db):
    from alembic import command

    _upgrade_fresh(db)
    cfg = schema.alembic_config(db.engine)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
