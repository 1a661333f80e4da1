"""``GET /healthz``: 200 when the database answers at the migrations' head, 503 with reasons otherwise,
and cheap enough for a load balancer to call every few seconds."""
from __future__ import annotations

from alembic import command
from sqlalchemy import event

from app import create_app
from catalogue import schema

from .staff_support import make_app


def test_a_ready_instance_answers_ok(tmp_path):
    app = make_app(tmp_path)
    try:
        response = app.test_client().get("/healthz")
        assert response.status_code == 200
        assert response.get_json() == {"status": "ok"}
        assert response.headers["Cache-Control"] == "no-store"
        assert "Set-Cookie" not in response.headers
    finally:
        app.extensions["tthc"].close()


def test_one_cheap_query_and_no_index(tmp_path):
    app = make_app(tmp_path)
    statements: list[str] = []
    engine = app.extensions["tthc"].db.engine
    listener = lambda _c, _cur, statement, *_a: statements.append(statement)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        for _ in range(3):
            assert app.test_client().get("/healthz").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
        app.extensions["tthc"].close()
    queries = [s for s in statements if s != "BEGIN"]
    # per probe: does the version table exist, and which revision does it hold
    assert len(queries) == 6 and all("alembic_version" in q for q in queries)
    assert app.extensions["tthc"]._search is None  # the search index was never opened


def test_a_database_behind_the_migrations_is_unavailable(tmp_path):
    app = make_app(tmp_path)
    try:
        engine = app.extensions["tthc"].db.engine
        config = schema.alembic_config(engine)
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
        response = app.test_client().get("/healthz")
        assert response.status_code == 503
        body = response.get_json()
        assert body["status"] == 503 and body["error"] == "unavailable"
        assert body["errors"][0]["field"] == "database"
        assert "tthc db upgrade" in body["errors"][0]["messages"][0]
    finally:
        app.extensions["tthc"].close()


def test_an_empty_database_is_unavailable(tmp_path):
    app = create_app({"TTHC_INSTANCE": str(tmp_path), "TTHC_ENV": "testing"})
    try:
        response = app.test_client().get("/healthz")
        assert response.status_code == 503
        assert "chưa có lược đồ" in response.get_json()["errors"][0]["messages"][0]
    finally:
        app.extensions["tthc"].close()


def test_an_unreachable_database_is_unavailable(tmp_path):
    app = create_app({"TTHC_INSTANCE": str(tmp_path), "TTHC_ENV": "testing",
                      "DATABASE_URL": "postgresql+psycopg://tthc@127.0.0.1:1/tthc?connect_timeout=2"})
    try:
        response = app.test_client().get("/healthz")
        assert response.status_code == 503
        assert "Cơ sở dữ liệu không trả lời" in response.get_json()["errors"][0]["messages"][0]
    finally:
        app.extensions["tthc"].close()
