"""Backup archives of the database and of kept files, and restoring them.

One ``.zip`` archive holds a ``manifest.json`` (format, schema revision, row counts, the SHA-256 of
every member) and:

* from SQLite, ``database/tthc.sqlite``: a consistent online copy made with SQLite's backup API
  (readers and writers go on meanwhile);
* from PostgreSQL (or SQLite with ``logical=True``), ``database/tables/<table>.jsonl``: every table
  read in one REPEATABLE READ snapshot and written as JSON lines (:mod:`catalogue.dump`);
* ``files/<area>/…``: folders the caller names (reviewers' kept uploads).

A search index is not archived: it is a cache of the database, and the caller rebuilds it from the
restored rows (a copy of the index files would be of another moment than the database snapshot).

Restoring checks every member's hash before touching anything, refuses a database (or folder) that
already holds data unless ``force``, refuses a revision this software does not know (a newer
release's backup) and upgrades an older one after loading it. On PostgreSQL the whole restore is one
transaction; on SQLite the archive is prepared in a side file and copied in with the backup API.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text

from . import dump, schema
from .db import make_engine
from .errors import CatalogueError

FORMAT = "tthc-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/tthc.sqlite"
TABLES_PREFIX = "database/tables/"
FILES_PREFIX = "files/"
SEEDED_TABLES = ("audit_head",)  # rows the migrations insert themselves
CHUNK = 1 << 20


class BackupError(CatalogueError):
    """A backup that cannot be written or restored; the message says why, in Vietnamese."""


@dataclass
class BackupSummary:
    path: Path
    schema_revision: str | None
    database: str  # "sqlite" (a database file) or "jsonl" (tables as JSON lines)
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


# -- writing --------------------------------------------------------------------------------------

def create_backup(engine: Engine, output: Path, *, areas: dict[str, Path] | None = None,
                  exclude_tables: set[str] | frozenset[str] = frozenset(), logical: bool = False) -> BackupSummary:
    """Write the archive to ``output`` (through a side file, so a failed run leaves no half archive)."""
    output = Path(output)
    partial = output.with_name(f".{output.name}.{uuid.uuid4().hex[:8]}.part")
    members: list[dict[str, Any]] = []
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            if engine.dialect.name == "sqlite" and not logical:
                summary = _write_sqlite_copy(engine, archive, members, output)
            else:
                summary = _write_tables(engine, archive, members, exclude_tables, output)
            for area, folder in sorted((areas or {}).items()):
                summary.files += _write_folder(archive, members, area, Path(folder))
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "source_dialect": engine.dialect.name, "schema_revision": summary.schema_revision,
                "database": summary.database, "tables": summary.tables,
                "areas": sorted(areas or {}), "members": members,
                "search_index": "not archived: rebuilt from the database on restore",
            }
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return summary


def _write_sqlite_copy(engine: Engine, archive: zipfile.ZipFile, members: list[dict[str, Any]],
                       output: Path) -> BackupSummary:
    with tempfile.TemporaryDirectory(prefix="tthc-backup-") as folder:
        copy = Path(folder) / "tthc.sqlite"
        raw = engine.raw_connection()
        try:
            target = sqlite3.connect(copy)
            try:
                raw.driver_connection.backup(target)  # one step: a consistent snapshot
                target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                target.close()
        finally:
            raw.close()
        copy_engine = make_engine(f"sqlite:///{copy}")
        try:
            with copy_engine.connect() as conn:
                revision = _revision(conn)
                counts = dump.row_counts(conn, dump.reflect(conn))
        finally:
            copy_engine.dispose()
        members.append(_add_file(archive, copy, SQLITE_MEMBER))
    return BackupSummary(output, revision, "sqlite", counts)


def _write_tables(engine: Engine, archive: zipfile.ZipFile, members: list[dict[str, Any]],
                  exclude_tables: set[str] | frozenset[str], output: Path) -> BackupSummary:
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET TRANSACTION READ ONLY"))
            revision = _revision(conn)
            metadata = dump.reflect(conn, exclude_tables)
            counts: dict[str, int] = {}
            for table in dump.plan(metadata).tables:
                name = f"{TABLES_PREFIX}{table.name}.jsonl"
                digest, size, rows = hashlib.sha256(), 0, 0
                with archive.open(name, "w", force_zip64=True) as out:
                    for line in dump.dump_rows(conn, table):
                        out.write(line)
                        digest.update(line)
                        size, rows = size + len(line), rows + 1
                members.append({"name": name, "sha256": digest.hexdigest(), "size": size, "table": table.name})
                counts[table.name] = rows
    return BackupSummary(output, revision, "jsonl", counts)


def _write_folder(archive: zipfile.ZipFile, members: list[dict[str, Any]], area: str, folder: Path) -> int:
    """Every file under ``folder`` except hidden staging entries (names starting with a dot)."""
    if not folder.is_dir():
        return 0
    count = 0
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in relative.parts):
            members.append(_add_file(archive, path, f"{FILES_PREFIX}{area}/{relative.as_posix()}"))
            count += 1
    return count


def _add_file(archive: zipfile.ZipFile, path: Path, name: str) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as source, archive.open(name, "w", force_zip64=True) as out:
        while chunk := source.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return {"name": name, "sha256": digest.hexdigest(), "size": size}


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


# -- reading --------------------------------------------------------------------------------------

def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a backup archive, after checking the format and every member's hash."""
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                manifest = json.loads(archive.read(MANIFEST))
            except KeyError:
                raise BackupError(f"Tệp {path.name} không phải bản sao lưu TTHC (không có {MANIFEST}).") from None
            if manifest.get("format") != FORMAT:
                raise BackupError(f"Tệp {path.name} không phải bản sao lưu TTHC.")
            if manifest.get("format_version") != FORMAT_VERSION:
                raise BackupError(f"Bản sao lưu dạng {manifest.get('format_version')}, phần mềm này đọc dạng "
                                  f"{FORMAT_VERSION}.")
            if manifest["database"] not in ("sqlite", "jsonl") or not isinstance(manifest["tables"], dict):
                raise TypeError("database kind or table counts")
            for member in manifest["members"]:
                _check_member(archive, member)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {path.name}: {exc}") from None
    except (KeyError, TypeError, AttributeError):
        raise BackupError(f"Tệp kê khai của {path.name} không đúng dạng bản sao lưu TTHC.") from None
    return manifest


def _check_member(archive: zipfile.ZipFile, member: dict[str, Any]) -> None:
    name = member["name"]
    parts = PurePosixPath(name).parts
    if name.startswith("/") or "\\" in name or ".." in parts:
        raise BackupError(f"Bản sao lưu chứa đường dẫn không hợp lệ: {name}.")
    digest = hashlib.sha256()
    try:
        with archive.open(name) as source:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
    except KeyError:
        raise BackupError(f"Bản sao lưu thiếu {name}.") from None
    if digest.hexdigest() != member["sha256"]:
        raise BackupError(f"Bản sao lưu bị hỏng hoặc bị sửa: mã băm của {name} không khớp.")


def _known_revision(revision: str | None) -> None:
    if revision is None:
        raise BackupError("Bản sao lưu không ghi phiên bản lược đồ.")
    try:
        found = ScriptDirectory.from_config(schema.alembic_config()).get_revision(revision)
    except CommandError:
        found = None
    if found is None:
        raise BackupError(f"Bản sao lưu ở phiên bản lược đồ {revision}, phần mềm này không biết phiên bản đó "
                          f"(mới nhất nó biết là {schema.head_revision()}): hãy khôi phục bằng phiên bản "
                          "phần mềm đã tạo bản sao lưu, hoặc mới hơn.")


# -- restoring ------------------------------------------------------------------------------------

def restore_backup(engine: Engine, path: Path, *, areas: dict[str, Path] | None = None,
                   exclude_tables: set[str] | frozenset[str] = frozenset(), force: bool = False) -> BackupSummary:
    """Restore the archive into ``engine``'s database and the ``areas`` folders, then upgrade."""
    path = Path(path)
    manifest = read_manifest(path)
    revision = manifest["schema_revision"]
    _known_revision(revision)
    areas = {name: Path(folder) for name, folder in (areas or {}).items()}
    if not force:
        _refuse_if_not_empty(engine, exclude_tables, areas, manifest)
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory(prefix="tthc-restore-") as work:
        if engine.dialect.name == "sqlite":
            counts = _restore_sqlite(engine, archive, manifest, Path(work))
        else:
            counts = _restore_server(engine, archive, manifest, exclude_tables, Path(work))
        files = _restore_areas(archive, manifest, areas)
    return BackupSummary(path, revision, manifest["database"], counts, files)


def _refuse_if_not_empty(engine: Engine, exclude_tables: set[str] | frozenset[str], areas: dict[str, Path],
                         manifest: dict[str, Any]) -> None:
    with engine.connect() as conn:
        filled = dump.holds_data(conn, dump.reflect(conn, exclude_tables), SEEDED_TABLES)
    if filled:
        raise BackupError(f"Cơ sở dữ liệu đích đã có dữ liệu (bảng {', '.join(filled[:5])}"
                          f"{'…' if len(filled) > 5 else ''}): thêm --force để ghi đè.")
    for name in manifest.get("areas", []):
        folder = areas.get(name)
        if folder is not None and folder.is_dir() and any(folder.iterdir()):
            raise BackupError(f"Thư mục {folder} đã có dữ liệu: thêm --force để ghi đè.")


def _upgrade(conn: Connection, revision: str) -> None:
    config = schema.alembic_config(conn.engine)
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def _rows_source(archive: zipfile.ZipFile, manifest: dict[str, Any], work: Path):
    """A function giving the rows of a table from the archive, whichever form it holds them in."""
    if manifest["database"] == "jsonl":
        members = {m["table"]: m["name"] for m in manifest["members"] if "table" in m}

        def rows_of(table) -> Iterator[dict[str, Any]]:
            if table.name not in members:
                return iter(())
            return _lines(archive, members[table.name])
        return rows_of, None

    source_file = _extract(archive, SQLITE_MEMBER, work / "source.sqlite")
    source = make_engine(f"sqlite:///{source_file}")
    conn = source.connect()
    tables = dump.reflect(conn).tables

    def rows_of(table) -> Iterator[dict[str, Any]]:
        if table.name not in tables:
            return iter(())
        return (dict(row._mapping) for row in conn.execute(tables[table.name].select()))

    def close() -> None:
        conn.close()
        source.dispose()
    return rows_of, close


def _lines(archive: zipfile.ZipFile, name: str) -> Iterator[dict[str, Any]]:
    with archive.open(name) as stream:
        yield from dump.json_rows(stream)


def _extract(archive: zipfile.ZipFile, name: str, target: Path) -> Path:
    with archive.open(name) as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, CHUNK)
    return target


def _restore_sqlite(engine: Engine, archive: zipfile.ZipFile, manifest: dict[str, Any], work: Path) -> dict[str, int]:
    """Prepare the database in a side file, copy it over the target with the backup API, upgrade.

    Returns the row counts of the prepared file (at the archive's revision).
    """
    prepared = work / "restored.sqlite"
    if manifest["database"] == "sqlite":
        _extract(archive, SQLITE_MEMBER, prepared)
    side = make_engine(f"sqlite:///{prepared}")
    try:
        if manifest["database"] != "sqlite":
            _load_into(side, archive, manifest, work)
        with side.connect() as conn:
            counts = dump.row_counts(conn, dump.reflect(conn))
    finally:
        side.dispose()
    _check_counts(manifest, counts)
    source = sqlite3.connect(prepared)
    source.execute("PRAGMA journal_mode=DELETE")  # the copy must not depend on a side -wal file
    raw = engine.raw_connection()
    try:
        source.backup(raw.driver_connection)
    finally:
        raw.close()
        source.close()
    engine.dispose()  # pooled connections must not keep the old schema
    schema.upgrade(engine)
    return counts


def _load_into(engine: Engine, archive: zipfile.ZipFile, manifest: dict[str, Any], work: Path) -> None:
    with engine.begin() as conn:
        _upgrade(conn, manifest["schema_revision"])
        _load_tables(conn, archive, manifest, work, frozenset())


def _load_tables(conn: Connection, archive: zipfile.ZipFile, manifest: dict[str, Any], work: Path,
                 exclude_tables: set[str] | frozenset[str]) -> dict[str, int]:
    rows_of, close = _rows_source(archive, manifest, work)
    try:
        return dump.load(conn, dump.plan(dump.reflect(conn, exclude_tables)), rows_of)
    finally:
        if close is not None:
            close()


def _restore_server(engine: Engine, archive: zipfile.ZipFile, manifest: dict[str, Any],
                    exclude_tables: set[str] | frozenset[str], work: Path) -> dict[str, int]:
    """PostgreSQL: drop, migrate to the archive's revision, load, upgrade, all in one transaction.

    The old tables go first even without ``force`` (they were found empty then): a database that
    ``tthc db upgrade`` already brought to a newer revision could not be migrated back to the
    archive's. Returns the rows loaded per table.
    """
    with engine.begin() as conn:
        _drop_tables(conn, exclude_tables)
        _upgrade(conn, manifest["schema_revision"])
        counts = _load_tables(conn, archive, manifest, work, exclude_tables)
        _check_counts(manifest, counts)
        _upgrade(conn, "head")
    return counts


def _check_counts(manifest: dict[str, Any], counts: dict[str, int]) -> None:
    expected = manifest["tables"]
    wrong = sorted(name for name, rows in expected.items() if counts.get(name) != rows)
    if wrong:
        raise BackupError(f"Số dòng sau khi khôi phục khác bản sao lưu ở bảng {', '.join(wrong)}.")


def _drop_tables(conn: Connection, exclude_tables: set[str] | frozenset[str]) -> None:
    quote = conn.dialect.identifier_preparer.quote
    names = sorted(dump.reflect(conn, exclude_tables).tables) + ["alembic_version"]
    for name in names:
        conn.execute(text(f"DROP TABLE IF EXISTS {quote(name)} CASCADE"))


def _restore_areas(archive: zipfile.ZipFile, manifest: dict[str, Any], areas: dict[str, Path]) -> int:
    """Each archived folder replaces its target folder whole (built beside it, then swapped in)."""
    count = 0
    for name in manifest.get("areas", []):
        folder = areas.get(name)
        if folder is None:
            continue
        prefix = f"{FILES_PREFIX}{name}/"
        staging = folder.with_name(f".{folder.name}.restoring-{uuid.uuid4().hex[:8]}")
        staging.mkdir(parents=True)
        for member in manifest["members"]:
            if member["name"].startswith(prefix):
                target = staging / PurePosixPath(member["name"][len(prefix):])
                target.parent.mkdir(parents=True, exist_ok=True)
                _extract(archive, member["name"], target)
                count += 1
        old = folder.with_name(f".{folder.name}.replaced-{uuid.uuid4().hex[:8]}")
        if folder.exists():
            os.replace(folder, old)
        os.replace(staging, folder)
        shutil.rmtree(old, ignore_errors=True)
    return count


def describe(summary: BackupSummary) -> str:
    """One Vietnamese line about what an archive holds."""
    kind = "tệp SQLite" if summary.database == "sqlite" else "các bảng dạng JSON Lines"
    return (f"{len(summary.tables)} bảng, {summary.rows} dòng ({kind}), {summary.files} tệp tải lên, "
            f"phiên bản lược đồ {summary.schema_revision}")
