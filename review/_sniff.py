"""Tell what an upload really is from its first bytes, so a wrong format gets a precise message.

People send what they have: a Word 97–2003 .doc renamed .docx, a password-protected .docx (which
Office stores as an OLE2 container holding ``EncryptionInfo`` and ``EncryptedPackage`` streams,
not as a zip), a PDF or an RTF. Each gets its own code instead of a generic "not a zip".
"""
from __future__ import annotations

from ._zipscan import EMPTY_ZIP_MAGIC, ZIP_MAGIC
from .errors import DocumentReadError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    """OLE2 directory entries store stream names as UTF-16LE."""
    return name.encode("utf-16-le")


_ENCRYPTION_STREAMS = (_utf16("EncryptionInfo"), _utf16("EncryptedPackage"))
_WORD_STREAM = _utf16("WordDocument")


def classify_ole2(buf: bytes) -> DocumentReadError:
    """The refusal for an OLE2 compound file: encrypted OOXML, legacy Word, or another Office file."""
    if any(stream in buf for stream in _ENCRYPTION_STREAMS):
        return DocumentReadError("encrypted", detail="OLE2 container with encryption streams")
    if _WORD_STREAM in buf:
        return DocumentReadError("legacy_doc", detail="OLE2 container with a WordDocument stream")
    return DocumentReadError("not_word", detail="OLE2 container without a Word stream")


def require_zip(buf: bytes) -> None:
    """Raise the most helpful error unless ``buf`` starts like a zip (an OOXML package)."""
    if not buf:
        raise DocumentReadError("empty_file")
    if buf.startswith(ZIP_MAGIC):
        return
    if buf.startswith(EMPTY_ZIP_MAGIC):
        raise DocumentReadError("missing_part", detail="empty zip archive")
    if buf.startswith(OLE2_MAGIC):
        raise classify_ole2(buf)
    if buf.startswith(b"%PDF-"):
        raise DocumentReadError("pdf")
    if buf.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise DocumentReadError("rtf")
    if len(buf) < len(ZIP_MAGIC) and ZIP_MAGIC.startswith(buf):
        raise DocumentReadError("truncated", detail="only the start of a zip signature")
    raise DocumentReadError("not_zip", detail=f"starts with {bytes(buf[:8]).hex()}")
