"""``tthc check`` before a deployment, and ``tthc audit verify``: exit 0 when all is well, else 1 with
the reasons in Vietnamese."""
from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from app.cli import Context, main
from catalogue import schema


@pytest.fixture
def instance(tmp_path):
    folder = tmp_path / "instance"
    env = {"TTHC_INSTANCE": str(folder), "DATABASE_URL": "", "SEARCH_BACKEND": "", "SEARCH_INDEX_DIR": "",
           "TTHC_ENV": "", "SECRET_KEY": "", "FLASK_DEBUG": ""}

    def run(*args, **overrides):
        context = Context()
        try:
            return CliRunner().invoke(main, list(args), env={**env, **overrides}, obj=context,
                                      catch_exceptions=False)
        finally:
            if context._app is not None:
                context._app.extensions["tthc"].close()

    assert run("demo", "load").exit_code == 0
    run.engine = lambda: create_engine(f"sqlite:///{folder / 'tthc.sqlite'}")
    return run


def _sql(instance, statement: str) -> None:
    engine = instance.engine()
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def test_a_synced_instance_passes(instance):
    assert instance("search", "sync").exit_code == 0
    result = instance("check")
    assert result.exit_code == 0, result.output
    assert "Cấu hình: đạt" in result.output and f"phiên bản {schema.head_revision()}" in result.output
    assert "Chỉ mục tìm kiếm: đạt (khớp cơ sở dữ liệu)" in result.output
    assert "Tất cả kiểm tra đều đạt." in result.output


def test_changes_still_in_the_outbox_are_in_flight_not_wrong(instance):
    result = instance("check")  # the demo's changes are waiting for a worker, written seconds ago
    assert result.exit_code == 0, result.output
    assert "thay đổi đang chờ đưa vào chỉ mục" in result.output


def test_an_outbox_nobody_drains_fails(instance):
    old = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S")
    _sql(instance, f"UPDATE search_outbox SET created_at = '{old}'")
    result = instance("check")
    assert result.exit_code == 1
    assert "Chỉ mục tìm kiếm: LỖI" in result.output and "tthc search worker" in result.output
    assert "cũ nhất đã 120 phút" in result.output


def test_an_index_that_lags_without_a_pending_change_fails(instance):
    assert instance("search", "sync").exit_code == 0
    _sql(instance, "UPDATE procedure SET revision = revision + 1 WHERE id = 3")  # changed behind the outbox
    result = instance("check")
    assert result.exit_code == 1
    assert "Chỉ mục lệch cơ sở dữ liệu ở 1 thủ tục" in result.output and "Thủ tục 3" in result.output
    assert "tthc search reindex" in result.output
    assert instance("search", "reindex").exit_code == 0
    assert instance("check").exit_code == 0


def test_a_database_behind_the_migrations_fails_without_checking_the_index(instance):
    engine = instance.engine()
    config = schema.alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    engine.dispose()
    result = instance("check")
    assert result.exit_code == 1
    assert f"ở phiên bản 0002, phần mềm cần {schema.head_revision()}: chạy `tthc db upgrade`" in result.output
    assert "Chỉ mục tìm kiếm" not in result.output


@pytest.mark.parametrize("overrides, reason", [
    ({"TTHC_ENV": "production"}, "SECRET_KEY riêng"),
    ({"TTHC_ENV": "production", "SECRET_KEY": "một-khóa-bí-mật-đủ-dài-cho-production", "FLASK_DEBUG": "1"},
     "khi bật debug"),
    ({"TTHC_ENV": "thu-nghiem"}, "TTHC_ENV không hợp lệ"),
])
def test_production_refuses_debug_and_the_default_secret(instance, overrides, reason):
    result = instance("check", **overrides)
    assert result.exit_code == 1
    assert "Cấu hình: LỖI" in result.output and reason in result.output


def test_production_with_its_own_secret_passes(instance):
    assert instance("search", "sync").exit_code == 0
    result = instance("check", TTHC_ENV="production", SECRET_KEY="một-khóa-bí-mật-đủ-dài-cho-production")
    assert result.exit_code == 0, result.output
    assert "môi trường production" in result.output and "chỉ phục vụ được từ một máy" in result.output


def test_the_postgres_search_backend_needs_a_postgres_database(instance):
    result = instance("check", SEARCH_BACKEND="postgres")
    assert result.exit_code == 1
    assert "SEARCH_BACKEND=postgres cần DATABASE_URL là một cơ sở dữ liệu PostgreSQL" in result.output


def test_audit_verify_confirms_the_chain_then_names_the_first_tampered_row(instance):
    result = instance("audit", "verify")
    assert result.exit_code == 0, result.output
    assert "Nhật ký nguyên vẹn:" in result.output and "mục cuối" in result.output
    _sql(instance, "DROP TRIGGER audit_entry_no_update")
    _sql(instance, "UPDATE audit_entry SET actor = 'kẻ gian' WHERE id = 5")
    tampered = instance("audit", "verify")
    assert tampered.exit_code == 1
    assert "nhật ký không còn nguyên vẹn (mục 5)" in tampered.output
    assert "4 mục trước đó khớp chuỗi" in tampered.output
