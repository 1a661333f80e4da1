"""Where reviewed batches live between the upload and the downloads: short for anyone, longer for reviewers.

Why keep anything: a result page offers downloads (commented copy, fixed copy, JSON, SARIF) that
are built from the uploaded bytes, and a page that redirects after the upload (so a reload does not
post the files again) needs the report somewhere. The choices:

- **Anonymous visitors**: the batch (bytes and report) goes to ``<instance>/review-tmp/<id>/`` and
  is deleted ``REVIEW_TMP_MINUTES`` (30) after the upload, or at once with the page's "Xóa ngay"
  button. The whole area is bounded by ``REVIEW_TMP_MAX_BYTES`` (512 MiB): when a new batch would
  not fit, its report is still kept (small) but not its bytes, and the page says the copies cannot
  be offered. The alternative, sending every output inside the one response, would make each
  result page as large as all its copies and rebuild fixed copies nobody asked for.
- **Reviewers** (role reviewer or admin): batches go to ``<instance>/reviews/user-<id>/<id>/`` and
  are kept ``REVIEW_RETENTION_DAYS`` (30) as their history, bounded by ``REVIEW_USER_MAX_BYTES`` per
  account. Each batch folder holds a small ``summary.json``; the folder of an account *is* its
  index, so several web workers never race on one shared index file.

A batch is reached only through a token signed with the app's secret that names the batch and its
owner, and that expires with the batch (``itsdangerous``): ids are random, a forged or stale token
never touches the file system, and a reviewer's token opens nothing for another account. Names
given by clients are never used as paths (documents are stored as ``<number>.bin``).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

from review.report import Report

from .review_service import Reviewed, report_from_dict, text_from_dict, text_to_dict

MiB = 1024 * 1024
BATCH_ID = re.compile(r"^[0-9a-f]{24}$")
OWNER = re.compile(r"^user-[0-9]+$")
PURGE_EVERY = 60.0


@dataclass
class StoredDocument:
    number: int
    name: str
    report: Report
    text: Any  # DocumentText | None
    stored: bool


@dataclass
class Batch:
    id: str
    owner: str | None
    created: float
    profile: str
    documents: list[StoredDocument]
    path: Path
    token: str = ""

    @property
    def totals(self) -> dict[str, Any]:
        return batch_totals([d.report for d in self.documents])

    def document(self, number: int) -> StoredDocument | None:
        return next((d for d in self.documents if d.number == number), None)


@dataclass
class BatchSummary:
    id: str
    token: str
    created: float
    profile: str
    names: list[str]
    totals: dict[str, Any] = field(default_factory=dict)


def batch_totals(reports: list[Report]) -> dict[str, Any]:
    """Checked, compliant, non-compliant, unreadable; findings by severity; documents per rule."""
    by_rule: Counter = Counter()
    findings_by_rule: Counter = Counter()
    severities: Counter = Counter()
    for report in reports:
        by_rule.update({f.rule for f in report.findings if f.severity == "error"})
        findings_by_rule.update(f.rule for f in report.findings)
        severities.update(f.severity for f in report.findings)
    return {
        "checked": len(reports),
        "compliant": sum(1 for r in reports if r.compliant),
        "noncompliant": sum(1 for r in reports if r.error is None and not r.compliant),
        "unreadable": sum(1 for r in reports if r.error is not None),
        "errors": severities["error"], "warnings": severities["warning"], "infos": severities["info"],
        "rules": [{"rule": rule, "documents": by_rule[rule], "findings": count}
                  for rule, count in sorted(findings_by_rule.items(), key=lambda i: (-by_rule[i[0]], -i[1], i[0]))],
    }


class BatchStore:
    def __init__(self, instance: Path, secret: str, *, tmp_minutes: int = 30, retention_days: int = 30,
                 tmp_max_bytes: int = 512 * MiB, user_max_bytes: int = 1024 * MiB) -> None:
        self.tmp_root = instance / "review-tmp"
        self.user_root = instance / "reviews"
        self.tmp_seconds = tmp_minutes * 60
        self.user_seconds = retention_days * 86400
        self.tmp_max_bytes = tmp_max_bytes
        self.user_max_bytes = user_max_bytes
        self._signer = URLSafeTimedSerializer(secret, salt="tthc-review-batch")
        self._lock = threading.Lock()
        self._last_purge = 0.0

    # -- paths and tokens -----------------------------------------------------------------------
    def _root(self, owner: str | None) -> Path:
        return self.user_root / owner if owner else self.tmp_root

    def retention(self, owner: str | None) -> int:
        return self.user_seconds if owner else self.tmp_seconds

    def token(self, batch_id: str, owner: str | None) -> str:
        return self._signer.dumps({"b": batch_id, "o": owner or ""})

    def _parse(self, token: str) -> tuple[str, str | None] | None:
        try:
            data = self._signer.loads(token, max_age=self.user_seconds)
        except BadSignature:  # includes SignatureExpired
            return None
        if not isinstance(data, dict):
            return None
        batch_id, owner = data.get("b"), data.get("o") or None
        if not isinstance(batch_id, str) or not BATCH_ID.match(batch_id):
            return None
        if owner is not None and (not isinstance(owner, str) or not OWNER.match(owner)):
            return None
        return batch_id, owner

    # -- writing --------------------------------------------------------------------------------
    def create(self, owner: str | None, profile: str, reviewed: list[Reviewed]) -> Batch:
        """Store a reviewed batch; bytes are kept only while the area's size bound allows."""
        self.purge()
        batch_id = secrets.token_hex(12)
        root = self._root(owner)
        root.mkdir(parents=True, exist_ok=True)
        incoming = sum(len(r.data) for r in reviewed if r.data)
        keep_bytes = self._used(root if owner else self.tmp_root) + incoming <= (
            self.user_max_bytes if owner else self.tmp_max_bytes)
        staging = root / f".{batch_id}.tmp"
        staging.mkdir()
        documents = []
        for number, item in enumerate(reviewed, start=1):
            stored = keep_bytes and item.data is not None
            if stored:
                (staging / f"{number}.bin").write_bytes(item.data)
            documents.append({"number": number, "name": item.name, "report": item.report.to_dict(),
                              "text": text_to_dict(item.text), "stored": stored})
        created = time.time()
        batch = {"id": batch_id, "owner": owner, "created": created, "profile": profile, "documents": documents}
        (staging / "batch.json").write_text(json.dumps(batch, ensure_ascii=False), encoding="utf-8")
        summary = {"id": batch_id, "created": created, "profile": profile, "names": [r.name for r in reviewed],
                   "totals": batch_totals([r.report for r in reviewed])}
        (staging / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
        os.replace(staging, root / batch_id)
        return self._load(root / batch_id, owner, self.token(batch_id, owner))

    def delete(self, batch: Batch) -> None:
        shutil.rmtree(batch.path, ignore_errors=True)

    # -- reading --------------------------------------------------------------------------------
    def open(self, token: str, owner: str | None) -> Batch | None:
        """The batch a token names, if it is still kept and belongs to ``owner`` (None: anyone's temp)."""
        parsed = self._parse(token)
        if parsed is None:
            return None
        batch_id, token_owner = parsed
        if token_owner is not None and token_owner != owner:
            return None
        path = self._root(token_owner) / batch_id
        batch = self._load(path, token_owner, token)
        if batch is None or time.time() - batch.created > self.retention(token_owner):
            return None
        return batch

    def source(self, batch: Batch, number: int) -> bytes | None:
        document = batch.document(number)
        if document is None or not document.stored:
            return None
        try:
            return (batch.path / f"{number}.bin").read_bytes()
        except OSError:
            return None

    def history(self, owner: str) -> list[BatchSummary]:
        """An account's kept batches, newest first."""
        self.purge()
        root = self._root(owner)
        summaries = []
        if not root.is_dir():
            return summaries
        for path in root.iterdir():
            if not BATCH_ID.match(path.name):
                continue
            try:
                data = json.loads((path / "summary.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if time.time() - data["created"] > self.user_seconds:
                continue
            summaries.append(BatchSummary(id=data["id"], token=self.token(data["id"], owner), created=data["created"],
                                          profile=data["profile"], names=data["names"], totals=data["totals"]))
        return sorted(summaries, key=lambda s: s.created, reverse=True)

    def _load(self, path: Path, owner: str | None, token: str) -> Batch | None:
        try:
            data = json.loads((path / "batch.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        documents = [StoredDocument(number=d["number"], name=d["name"], report=report_from_dict(d["report"]),
                                    text=text_from_dict(d.get("text")), stored=d["stored"])
                     for d in data["documents"]]
        return Batch(id=data["id"], owner=owner, created=data["created"], profile=data["profile"],
                     documents=documents, path=path, token=token)

    # -- housekeeping ---------------------------------------------------------------------------
    @staticmethod
    def _used(root: Path) -> int:
        total = 0
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                try:
                    total += os.path.getsize(os.path.join(dirpath, name))
                except OSError:
                    pass
        return total

    def purge(self, *, force: bool = False) -> int:
        """Delete batches past their retention (at most once a minute unless ``force``); returns how many."""
        with self._lock:
            now = time.time()
            if not force and now - self._last_purge < PURGE_EVERY:
                return 0
            self._last_purge = now
        removed = 0
        roots = [(self.tmp_root, self.tmp_seconds)]
        if self.user_root.is_dir():
            roots += [(p, self.user_seconds) for p in self.user_root.iterdir() if OWNER.match(p.name)]
        for root, seconds in roots:
            if not root.is_dir():
                continue
            for path in root.iterdir():
                if not path.is_dir():
                    continue
                try:
                    created = json.loads((path / "summary.json").read_text(encoding="utf-8"))["created"]
                except (OSError, ValueError, KeyError):
                    created = path.stat().st_mtime  # a half-written or damaged batch: judge by its age
                if now - created > seconds:
                    shutil.rmtree(path, ignore_errors=True)
                    removed += 1
        return removed
