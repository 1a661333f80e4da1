"""The reviewer's entry points: one document, or paths that may be folders and batch zips.

``review_document`` never raises for bad input: a file the safe reader refuses becomes a report
whose ``error`` says why in Vietnamese (the JSON contract's "could not be read"). ``review_paths``
expands folders (sorted, recursively) and ``.zip`` batches into one report per document, named
"batch.zip/member.docx" for members, in the order given.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .docx_model import build_document
from .engine import run_rules
from .errors import DocumentReadError
from .model import Document
from .plaintext import document_from_text
from .profiles import get_profile
from .reader import iter_zip_batch, read_docx, read_text
from .report import Report

REVIEWABLE = (".docx", ".txt")
# Found in a folder or a batch, these are documents the reviewer expected to be checked: they get a
# report that says why they cannot be (save a .doc as .docx, remove macros …) instead of silence.
EXPLAINED = (".doc", ".docm", ".dot", ".dotm", ".rtf", ".odt", ".pdf")

Source = str | os.PathLike | bytes | BinaryIO


def load_document(source: Source, name: str) -> Document:
    """The neutral model of a .docx (or, for a ``.txt`` name, of a plain text)."""
    if str(name).lower().endswith(".txt"):
        return document_from_text(read_text(source))
    return build_document(read_docx(source))


def review_model(document: Document, name: str, profile: str | None = None) -> Report:
    """Review an already built model (plain text from another source, tests)."""
    chosen = get_profile(profile)
    layout, findings = run_rules(document, chosen)
    return Report(file=name, profile=chosen.name, document_type=layout.document_type, findings=findings)


def review_document(source: Source, name: str, profile: str | None = "nd30") -> Report:
    """Review one document; unreadable input gives a report with ``error`` set."""
    chosen = get_profile(profile)
    try:
        document = load_document(source, name)
    except DocumentReadError as exc:
        return Report(file=name, profile=chosen.name, error=exc.message)
    return review_model(document, name, chosen.name)


def _expand(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in (*REVIEWABLE, *EXPLAINED, ".zip"):
                yield child
    else:
        yield path


def review_paths(paths: Iterable[str | os.PathLike], profile: str | None = "nd30") -> list[Report]:
    """One report per document found in ``paths`` (files, folders, ``.zip`` batches)."""
    chosen = get_profile(profile)
    reports: list[Report] = []
    for given in paths:
        for path in _expand(Path(given)):
            label = str(path)
            if path.suffix.lower() == ".zip":
                reports.extend(_review_batch(path, label, chosen.name))
            else:
                reports.append(review_document(path, label, chosen.name))
    return reports


def _review_batch(path: Path, label: str, profile: str) -> list[Report]:
    reports: list[Report] = []
    try:
        for member, data in iter_zip_batch(path):
            if member.lower().endswith((*REVIEWABLE, *EXPLAINED)):
                reports.append(review_document(data, f"{label}/{member}", profile))
    except DocumentReadError as exc:
        reports.append(Report(file=label, profile=profile, error=exc.message))
    return reports
