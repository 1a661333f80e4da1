"""Where the reviewed files' bytes come from, and where their fixed and commented copies go.

The CLI reviews files, folders and .zip batches through ``review.api``, which names a batch member
"<batch.zip>/<member path>" (the batch as found, also inside a folder). Writing a copy needs the
member's bytes again: ``source_bytes`` finds them through the same safe batch reader, so nothing
is unpacked to disk.

Copies never overwrite anything: ``OutputNamer`` derives a file-system-safe name from the input's
own name ("Quyết định 12.docx" → "Quyết định 12-da-sua.docx"), and adds "-2", "-3"… while the
name is taken on disk, by an input, or earlier in the same run.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from review.reader import iter_zip_batch

DOCX_MAGIC = b"PK\x03\x04"
_UNSAFE = re.compile(r"[^\w\-. ()]+")
_MAX_STEM = 80
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _batch_member(file: str) -> tuple[Path, str] | None:
    """(zip path, member name) when ``file`` is "<batch.zip>/<member>" and the batch exists."""
    lowered = file.lower()
    start = 0
    while (found := lowered.find(".zip", start)) != -1:
        end = found + len(".zip")
        start = end
        if end < len(file) and file[end] in "/\\" and Path(file[:end]).is_file():
            return Path(file[:end]), file[end + 1:]
    return None


def source_bytes(file: str) -> bytes | None:
    """The bytes of a reviewed file (a path, or a member of a .zip batch); None if gone."""
    path = Path(file)
    if path.is_file():
        return path.read_bytes()
    member = _batch_member(file)
    if member is None:
        return None
    zip_path, name = member
    wanted = unicodedata.normalize("NFC", name.replace("\\", "/"))
    for member_name, data in iter_zip_batch(zip_path):
        if member_name == wanted:
            return data
    return None


def is_docx(data: bytes | None, file: str) -> bool:
    return bool(data) and data.startswith(DOCX_MAGIC) and file.lower().endswith(".docx")


def safe_stem(file: str) -> str:
    """A file-system-safe stem from the last component of a path or batch member name."""
    name = PurePosixPath(file.replace("\\", "/")).name
    stem = unicodedata.normalize("NFC", name.rsplit(".", 1)[0] if "." in name else name)
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:_MAX_STEM].strip(" ._")
    if stem.upper() in _RESERVED:
        stem = f"_{stem}"
    return stem or "van-ban"


class OutputNamer:
    """Unique, safe output paths inside one directory, never one of ``protected`` (the inputs)."""

    def __init__(self, directory: Path, protected: Iterable[str | Path] = ()):
        self.directory = directory
        self._protected = {os.path.normcase(os.path.abspath(p)) for p in protected}
        self._used: set[str] = set()

    def path_for(self, file: str, suffix: str) -> Path:
        stem = safe_stem(file)
        counter = 1
        while True:
            extra = "" if counter == 1 else f"-{counter}"
            candidate = self.directory / f"{stem}-{suffix}{extra}.docx"
            key = os.path.normcase(os.path.abspath(candidate))
            if key not in self._used and key not in self._protected and not candidate.exists():
                self._used.add(key)
                return candidate
            counter += 1
