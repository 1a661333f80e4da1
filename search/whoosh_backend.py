"""The embedded search backend: a Whoosh index in a folder.

Layout: ``<path>/CURRENT`` names the live index folder (``<path>/index-…``). A rebuild writes a new
folder while searches and updates keep using the live one, then copies over whatever was written
to the live index meanwhile and switches ``CURRENT`` atomically (``os.replace``).

Writers: one at a time, across threads (a lock) and processes (Whoosh's write lock, waited for).
The revision check runs under that lock on the index as it is, so two writers can never let an
older revision win. Readers never wait: each search uses an immutable snapshot of the latest
committed generation, plus per-snapshot arrays of the facet and date columns, from which filters
and facet counts are computed without touching Whoosh's (slow) grouping code.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from whoosh import index as whoosh_index

from search import lexicon as lexicon_module
from search.interface import EditionDocument, SearchQuery, SearchResults
from search.query import plan as make_plan
from search.whoosh_schema import MARKER, edition_fields, marker_fields, schema
from search.whoosh_snapshot import Snapshot

CURRENT = "CURRENT"
WRITE_TIMEOUT = 60.0  # seconds to wait for another process's writer


class WhooshBackend:
    """Search backend over a Whoosh index in ``path`` (created when missing)."""

    def __init__(self, path: str | os.PathLike, lexicon: lexicon_module.Lexicon | None = None):
        self.root = Path(path)
        self.root.mkdir(parents=True, exist_ok=True)
        self.lexicon = lexicon if lexicon is not None else lexicon_module.load()
        self._write_lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._indexes: dict[str, whoosh_index.FileIndex] = {}
        self._segment_columns: dict = {}  # shared by snapshots: a commit only adds a segment
        if self._current_name() is None:
            self._switch(self._create_index())

    # --- folders -------------------------------------------------------------------------------

    def _current_name(self) -> str | None:
        try:
            return (self.root / CURRENT).read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _create_index(self) -> str:
        name = f"index-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        (self.root / name).mkdir()
        whoosh_index.create_in(str(self.root / name), schema())
        return name

    def _switch(self, name: str) -> None:
        temporary = self.root / f"{CURRENT}.{uuid.uuid4().hex}"
        temporary.write_text(name, encoding="utf-8")
        os.replace(temporary, self.root / CURRENT)

    def _index(self, name: str) -> whoosh_index.FileIndex:
        if name not in self._indexes:
            self._indexes[name] = whoosh_index.open_dir(str(self.root / name))
        return self._indexes[name]

    def _remove_stale(self, keep: set[str]) -> None:
        """Delete index folders other than ``keep`` (the live one and the one just replaced,
        which searches that started before the switch may still be reading)."""
        for entry in self.root.glob("index-*"):
            if entry.name not in keep and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
                self._indexes.pop(entry.name, None)

    # --- reading -------------------------------------------------------------------------------

    @contextmanager
    def _snapshot_in_use(self):
        """The snapshot of the latest generation, counted as in use until the block ends.

        It is entered under the lock that replaces it, so a newer snapshot can never close it
        between the moment a search picks it and the moment the search starts using it.
        """
        name = self._current_name()
        replaced = None
        with self._read_lock:
            snap = self._snapshot
            if snap is None or snap.name != name or snap.generation != self._index(name).latest_generation():
                replaced, snap = snap, Snapshot(name, self._index(name), self._segment_columns)
                self._snapshot = snap
            snap.enter()
        if replaced is not None:
            replaced.release()
        try:
            yield snap
        finally:
            snap.leave()

    def search(self, query: SearchQuery) -> SearchResults:
        query = query.checked()
        plan = make_plan(query.text, self.lexicon)
        with self._snapshot_in_use() as snap:
            return snap.answer(query, plan, self.lexicon)

    def indexed_revisions(self) -> dict[int, int]:
        with self._snapshot_in_use() as snap:
            return snap.revisions()

    # --- writing -------------------------------------------------------------------------------

    @contextmanager
    def _writer(self):
        """The writer of the live index, held with both locks; retried if a rebuild switched."""
        with self._write_lock:
            while True:
                name = self._current_name()
                writer = self._index(name).writer(timeout=WRITE_TIMEOUT)
                if self._current_name() == name:
                    break
                writer.cancel()
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise

    @staticmethod
    def _held(searcher, procedure_id: int) -> int | None:
        """The revision the index holds for a procedure (also after its deletion), or None."""
        docnum = searcher.document_number(key=f"p:{procedure_id}")
        return None if docnum is None else searcher.stored_fields(docnum)["revision"]

    def _apply(self, procedure_id: int, revision: int, fields: list[dict] | None) -> bool:
        """Replace (``fields``) or delete (None) one procedure unless a newer revision is held."""
        with self._writer() as writer:
            with writer.searcher() as searcher:
                held = self._held(searcher, procedure_id)
            if held is not None and held > revision:
                writer.cancel()
                return False
            writer.delete_by_term("procedure", str(procedure_id))
            for doc_fields in fields or ():
                writer.add_document(**doc_fields)
            writer.add_document(**marker_fields(procedure_id, revision, deleted=fields is None))
            writer.commit()
        return True

    def replace_procedure(self, procedure_id: int, revision: int, docs: list[EditionDocument]) -> bool:
        _check_docs(procedure_id, docs)
        fields = [edition_fields(doc) for doc in docs]  # analysis outside the lock
        return self._apply(procedure_id, revision, fields)

    def delete_procedure(self, procedure_id: int, revision: int) -> bool:
        return self._apply(procedure_id, revision, None)

    def rebuild(self, items: Iterable[tuple[int, int, list[EditionDocument]]]) -> int:
        """Index ``items`` into a new folder, then switch to it; searches go on meanwhile.

        Procedures written to the live index after the rebuild started are carried over when
        their revision is at least the rebuilt one, so a concurrent update is never lost.
        """
        started = time.time()
        name = self._create_index()
        new_index = self._index(name)
        count = 0
        writer = new_index.writer(limitmb=256)
        try:
            for procedure_id, revision, docs in items:
                _check_docs(procedure_id, docs)
                for doc in docs:
                    writer.add_document(**edition_fields(doc))
                writer.add_document(**marker_fields(procedure_id, revision, deleted=False))
                count += 1
            writer.commit()
        except BaseException:
            writer.cancel()
            shutil.rmtree(self.root / name, ignore_errors=True)
            self._indexes.pop(name, None)
            raise
        with self._writer() as live_writer:
            old = self._current_name()
            self._carry_over(live_writer, new_index, started)
            self._switch(name)
            live_writer.cancel()
        self._remove_stale({name, old})
        return count

    def _carry_over(self, live_writer, new_index, since: float) -> None:
        """Copy procedures written to the live index since ``since`` into the new index."""
        changed = []
        with live_writer.searcher() as live:
            for marker in live.documents(kind=MARKER):
                if marker["written_at"] < since:
                    continue
                pid = marker["procedure_id"]
                docs = None
                if marker.get("deleted") != "1":
                    docs = [EditionDocument.from_dict(json.loads(f["data"]))
                            for f in live.documents(procedure=str(pid)) if "data" in f]
                changed.append((pid, marker["revision"], docs))
        if not changed:
            return
        writer = new_index.writer()
        with writer.searcher() as fresh:
            held = {pid: self._held(fresh, pid) for pid, _, _ in changed}
        for pid, revision, docs in changed:
            if held[pid] is not None and held[pid] > revision:
                continue
            writer.delete_by_term("procedure", str(pid))
            for doc in docs or ():
                writer.add_document(**edition_fields(doc))
            writer.add_document(**marker_fields(pid, revision, deleted=docs is None))
        writer.commit()

    def close(self) -> None:
        with self._read_lock:
            if self._snapshot is not None:
                self._snapshot.release()
                self._snapshot = None
        for ix in self._indexes.values():
            ix.close()
        self._indexes.clear()


def _check_docs(procedure_id: int, docs: list[EditionDocument]) -> None:
    for doc in docs:
        if doc.procedure_id != procedure_id:
            raise ValueError(f"edition {doc.edition_id} belongs to procedure {doc.procedure_id}, not {procedure_id}")

