"""What an importer's parser returns for one source record."""
from __future__ import annotations

from dataclasses import dataclass, field

from catalogue.content import ProcedureContent


@dataclass
class SourceInfo:
    """Where a record came from, kept next to the content so an import can cite its source."""
    origin: str  # "dvcqg" (national portal) or "phutho-police"
    detail_url: str | None = None
    so_quyet_dinh: str | None = None  # the publishing decision the portal names
    ministry_folder: str | None = None  # the scrape's folder (one per ministry)
    formality_id: str | None = None  # the portal's internal id, when the scrape kept it
    site_id: str | None = None  # a provincial page's own id
    content_hash: str | None = None  # the scrape's hash of the page, to notice changes


@dataclass
class ParsedRecord:
    """One procedure read from a source: its code (None if the source has none), its content,
    its source and what the parser had to guess or skip, in Vietnamese, naming the field."""
    code: str | None
    content: ProcedureContent
    source: SourceInfo
    warnings: list[str] = field(default_factory=list)
