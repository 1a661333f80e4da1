"""``tthc backup`` and ``tthc restore``: a restored instance serves what the original served.

The original is the demo instance with its index drained and one kept review upload; it is backed
up through the command line and restored into a new instance folder (and, with TEST_DATABASE_URL,
into a new PostgreSQL database, from SQLite and from PostgreSQL). The two must hold the same rows,
answer the API the same way and find the same procedures for a few searches.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select, text

from app import create_app
from app.cli import Context, main
from catalogue import audit, dump, schema
from catalogue.models import Base

QUERIES = ("đăng ký kết hôn", "dang ky khai sinh", "CCCD", "cấp giấy phép lái xe", "sổ đỏ")
PG_URL = os.environ.get("TEST_DATABASE_URL")
ON_POSTGRES = pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL (a PostgreSQL server)")


@pytest.fixture
def pg_databases():
    """Fresh PostgreSQL databases on demand, dropped afterwards."""
    created: list[str] = []
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT") if PG_URL else None

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return PG_URL.rsplit("/", 1)[0] + "/" + name

    yield make
    if admin is not None:
        with admin.connect() as conn:
            for name in created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Instance:
    """An instance folder with its settings, driven through the command line and the web app."""

    def __init__(self, folder: Path, database_url: str = "", search_backend: str = "whoosh") -> None:
        self.folder = folder
        self.env = {"TTHC_INSTANCE": str(folder), "DATABASE_URL": database_url, "SEARCH_BACKEND": search_backend,
                    "SEARCH_INDEX_DIR": "", "TTHC_ENV": "", "SECRET_KEY": "", "FLASK_DEBUG": ""}

    def run(self, *args: str):
        """One command, whose app (and its database connections) is closed afterwards."""
        context = Context()
        try:
            return CliRunner().invoke(main, list(args), env=self.env, obj=context, catch_exceptions=False)
        finally:
            if context._app is not None:
                context._app.extensions["tthc"].close()

    def app(self):
        settings = {"TTHC_INSTANCE": str(self.folder), "SEARCH_BACKEND": self.env["SEARCH_BACKEND"]}
        if self.env["DATABASE_URL"]:
            settings["DATABASE_URL"] = self.env["DATABASE_URL"]
        return create_app(settings)


def _original(tmp_path: Path, database_url: str = "", search_backend: str = "whoosh") -> Instance:
    source = Instance(tmp_path / "original", database_url, search_backend)
    assert source.run("demo", "load").exit_code == 0
    assert source.run("search", "sync").exit_code == 0
    kept = source.folder / "reviews" / "a1b2c3" / "0123456789abcdef01234567"
    kept.mkdir(parents=True)
    (kept / "batch.json").write_text('{"id": "0123456789abcdef01234567"}', encoding="utf-8")
    (kept / "1.bin").write_bytes(b"PK\x03\x04" + "bản nháp".encode())
    return source


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Instance:
    """The SQLite demo instance; backing it up changes nothing, so the tests share it."""
    return _original(tmp_path_factory.mktemp("backup"))


def _rows(app) -> dict[str, list]:
    """Every row of every catalogue table, with values in one form whatever the database."""
    def value(v):
        if isinstance(v, Decimal):
            return str(v.normalize())
        return dump.encode(v)

    snapshot = {}
    with app.extensions["tthc"].db.read() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns))
            snapshot[table.name] = [tuple(value(v) for v in row) for row in rows]
    return snapshot


def _served(app) -> dict:
    """What visitors get: the catalogue list, each procedure's history, and search hits."""
    client = app.test_client()
    listing = client.get("/api/v1/procedures?status=all&per_page=100").get_json()
    served = {"list": listing, "history": {}, "search": {}}
    for item in listing["items"]:
        pid = item["procedure_id"]
        served["history"][pid] = client.get(f"/api/v1/procedures/{pid}/history").get_json()
    for query in QUERIES:
        found = client.get("/api/v1/search", query_string={"q": query, "per_page": 20}).get_json()
        # The rebuilt index ranks the same procedures first; scores differ in the last digits (a
        # drained Whoosh index has other segment statistics) and PostgreSQL returns ties in storage
        # order, so the tail is compared as a set.
        hits = [(h["id"], h["name"]) for h in found["hits"]]
        served["search"][query] = (found["total"], hits[:3], sorted(hits))
    assert client.get(f"/thu-tuc/{next(iter(served['history']))}").status_code == 200
    return served


def _compare(source: Instance, target: Instance) -> None:
    original, restored = source.app(), target.app()
    try:
        assert _rows(restored) == _rows(original)
        served = _served(original)
        assert all(total for total, _top, _hits in served["search"].values())
        assert _served(restored) == served
    finally:
        original.extensions["tthc"].close()
        restored.extensions["tthc"].close()
    kept = "reviews/a1b2c3/0123456789abcdef01234567/1.bin"
    assert (target.folder / kept).read_bytes() == (source.folder / kept).read_bytes()


def _restore_and_check(source: Instance, target: Instance, archive: Path, *backup_options: str) -> None:
    made = source.run("backup", "--output", str(archive), *backup_options)
    assert made.exit_code == 0, made.output
    assert "Đã sao lưu" in made.output
    restored = target.run("restore", str(archive))
    assert restored.exit_code == 0, restored.output
    assert "Đã dựng lại chỉ mục tìm kiếm" in restored.output
    _compare(source, target)
    checked = target.run("check")
    assert checked.exit_code == 0, checked.output
    verified = target.run("audit", "verify")
    assert verified.exit_code == 0 and "nguyên vẹn" in verified.output


@pytest.mark.parametrize("options", [(), ("--logical",)], ids=["sqlite-file", "json-lines"])
def test_a_restored_sqlite_instance_serves_the_same_catalogue(tmp_path, original, options):
    _restore_and_check(original, Instance(tmp_path / "restored"), tmp_path / "backup.zip", *options)
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["schema_revision"] == schema.head_revision()
    assert manifest["database"] == ("jsonl" if options else "sqlite")
    assert manifest["tables"]["procedure"] > 30


@ON_POSTGRES
def test_a_restored_postgres_instance_serves_the_same_catalogue(tmp_path, pg_databases):
    source = _original(tmp_path, pg_databases(), "postgres")
    target = Instance(tmp_path / "restored", pg_databases(), "postgres")
    _restore_and_check(source, target, tmp_path / "backup.zip")


@ON_POSTGRES
def test_a_sqlite_backup_moves_to_postgres_and_back(tmp_path, original, pg_databases):
    on_postgres = Instance(tmp_path / "on-postgres", pg_databases())
    _restore_and_check(original, on_postgres, tmp_path / "from-sqlite.zip")
    back = Instance(tmp_path / "back-on-sqlite")
    _restore_and_check(on_postgres, back, tmp_path / "from-postgres.zip")


def test_restore_refuses_an_instance_that_holds_data_unless_forced(tmp_path, original):
    source = original
    archive = tmp_path / "backup.zip"
    assert source.run("backup", "-o", str(archive)).exit_code == 0
    target = Instance(tmp_path / "busy")
    assert target.run("demo", "load").exit_code == 0
    refused = target.run("restore", str(archive))
    assert refused.exit_code == 1 and "đã có dữ liệu" in refused.output and "--force" in refused.output
    forced = target.run("restore", "--force", str(archive))
    assert forced.exit_code == 0, forced.output
    _compare(source, target)


def test_restore_refuses_an_upload_folder_that_holds_files(tmp_path, original):
    source = original
    archive = tmp_path / "backup.zip"
    assert source.run("backup", "-o", str(archive)).exit_code == 0
    target = Instance(tmp_path / "target")
    (target.folder / "reviews" / "someone").mkdir(parents=True)
    refused = target.run("restore", str(archive))
    assert refused.exit_code == 1 and "reviews" in refused.output


def _rewrite(archive: Path, changed: dict[str, bytes]) -> None:
    """Replace members of the archive, keeping the others (and the manifest unless given)."""
    with zipfile.ZipFile(archive) as old:
        members = {info.filename: old.read(info.filename) for info in old.infolist()}
    members.update(changed)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)


def test_restore_refuses_a_tampered_archive_and_an_unknown_revision(tmp_path, original):
    source = original
    archive = tmp_path / "backup.zip"
    assert source.run("backup", "--logical", "-o", str(archive)).exit_code == 0
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        procedures = zf.read("database/tables/procedure.jsonl")
    target = Instance(tmp_path / "target")

    _rewrite(archive, {"database/tables/procedure.jsonl": procedures.replace(b'"in_force"', b'"abolished"', 1)})
    tampered = target.run("restore", str(archive))
    assert tampered.exit_code == 1 and "mã băm của database/tables/procedure.jsonl không khớp" in tampered.output

    _rewrite(archive, {"database/tables/procedure.jsonl": procedures,
                       "manifest.json": json.dumps({**manifest, "schema_revision": "9999"}).encode()})
    newer = target.run("restore", str(archive))
    assert newer.exit_code == 1 and "phiên bản lược đồ 9999" in newer.output
    assert not (target.folder / "reviews").exists()


@pytest.mark.parametrize("options, target_kind", [
    ((), "sqlite"), (("--logical",), "sqlite"),
    pytest.param(("--logical",), "postgres", marks=ON_POSTGRES),
], ids=["sqlite-file", "json-lines", "json-lines-into-postgres"])
def test_a_backup_of_an_older_schema_is_upgraded_on_restore(tmp_path, pg_databases, options, target_kind):
    """A database at revision 0002 (before the audit chain) restores at the head, its trail chained,
    even into a database that ``tthc db upgrade`` already brought to the head."""
    old = Instance(tmp_path / "old")
    old.folder.mkdir()
    engine = create_engine(f"sqlite:///{old.folder / 'tthc.sqlite'}")
    schema.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_entry (at, actor, action, object_type, object_id, before, after) "
                          "VALUES (:at, 'cũ', 'user.create', 'user', 1, 'null', :after)"),
                     [{"at": dt.datetime(2026, 1, 1, 8, 0, i), "after": json.dumps({"email": f"{i}@a.vn"})}
                      for i in range(3)])
    engine.dispose()
    archive = tmp_path / "old.zip"
    made = old.run("backup", "-o", str(archive), *options)
    assert made.exit_code == 0 and "phiên bản lược đồ 0002" in made.output
    target = Instance(tmp_path / "new", pg_databases() if target_kind == "postgres" else "")
    assert target.run("db", "upgrade").exit_code == 0
    restored = target.run("restore", str(archive))
    assert restored.exit_code == 0, restored.output
    app = target.app()
    try:
        engine = app.extensions["tthc"].db.engine
        assert schema.current_revision(engine) == schema.head_revision()
        report = audit.verify_database(engine)
        assert report.intact and report.count == 3
    finally:
        app.extensions["tthc"].close()
