"""The search interface: the only module the catalogue imports.

Index documents are per *edition* of a procedure and carry its effective date range, so "in force
today" and "as of a date" are filters and a future-dated edition needs no reindex when its day
comes. Each procedure is replaced as a whole, stamped with the procedure's revision: a backend
ignores a revision older than the one it holds, so updates drained out of order never let old
content overwrite new content.

Backends: ``open_backend("whoosh", path=...)`` (embedded, one machine) and
``open_backend("postgres", engine=... or url=...)`` (any number of stateless workers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterable, Protocol
from zoneinfo import ZoneInfo

LEVELS = ("ministry", "province", "commune", "other")
ONLINE_LEVELS = ("full", "partial")
STATUSES = ("in_force", "abolished")
FACETS = ("sector", "level", "agency", "online_level", "status")
TEXT_FIELDS = ("name", "papers", "result", "steps", "legal_basis", "conditions", "audience", "fees", "other")
TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

MAX_PER_PAGE = 100
# Deep pages cost as much as a full scan and nobody reads them; the limit also bounds the API.
MAX_RESULT_WINDOW = 10_000


def today() -> date:
    """Today's date in Việt Nam, the date "in force" refers to when no date is given."""
    return datetime.now(TIME_ZONE).date()


class QueryError(ValueError):
    """A query that cannot be run; ``message`` is for the user (Vietnamese), ``field`` for the API."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class EditionDocument:
    """One edition of a procedure as the index sees it: text fields, facets and validity dates.

    Text fields are plain text (they are cleaned and analysed by the backend); ``effective_to`` is
    exclusive and None while the edition has no end.
    """
    procedure_id: int
    edition_id: int
    revision: int
    code: str | None
    name: str
    sector: str | None
    levels: list[str]
    agencies: list[str]
    online_level: str | None
    status: str
    effective_from: date
    effective_to: date | None = None
    papers: str = ""
    result: str = ""
    steps: str = ""
    legal_basis: str = ""
    conditions: str = ""
    audience: str = ""
    fees: str = ""
    other: str = ""

    def __post_init__(self) -> None:
        bad_levels = [level for level in self.levels if level not in LEVELS]
        if bad_levels:
            raise ValueError(f"unknown levels {bad_levels!r}; expected some of {LEVELS}")
        if self.online_level not in (None, *ONLINE_LEVELS):
            raise ValueError(f"unknown online_level {self.online_level!r}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.effective_to is not None and self.effective_to <= self.effective_from:
            raise ValueError("effective_to must be after effective_from")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (dates as ISO strings), as stored next to the index terms."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["levels"], data["agencies"] = list(self.levels), list(self.agencies)
        data["effective_from"] = self.effective_from.isoformat()
        data["effective_to"] = self.effective_to.isoformat() if self.effective_to else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EditionDocument":
        values = dict(data)
        values["effective_from"] = date.fromisoformat(values["effective_from"])
        values["effective_to"] = date.fromisoformat(values["effective_to"]) if values.get("effective_to") else None
        return cls(**{name: values.get(name, "") for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class SearchQuery:
    """What the user asked. Empty ``text`` browses: every matching procedure, sorted by name.

    ``status`` given explicitly overrides ``include_abolished``; otherwise only editions in force
    are found unless ``include_abolished``. ``as_of`` None means today in Asia/Ho_Chi_Minh.
    """
    text: str = ""
    sector: str | None = None
    level: str | None = None
    agency: str | None = None
    online_level: str | None = None
    status: str | None = None
    as_of: date | None = None
    include_abolished: bool = False
    page: int = 1
    per_page: int = 10

    def checked(self) -> "SearchQuery":
        """This query if it can be run, else a ``QueryError`` naming the wrong field."""
        if not isinstance(self.page, int) or self.page < 1:
            raise QueryError("Số trang phải là số nguyên từ 1 trở lên.", "page")
        if not isinstance(self.per_page, int) or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError(f"Số kết quả mỗi trang phải từ 1 đến {MAX_PER_PAGE}.", "per_page")
        if self.page * self.per_page > MAX_RESULT_WINDOW:
            shown = f"{MAX_RESULT_WINDOW:,}".replace(",", ".")  # Vietnamese thousands separator
            raise QueryError(f"Chỉ xem được {shown} kết quả đầu tiên; hãy thu hẹp tìm kiếm.", "page")
        if self.level is not None and self.level not in LEVELS:
            raise QueryError("Cấp thực hiện không hợp lệ.", "level")
        if self.online_level is not None and self.online_level not in ONLINE_LEVELS:
            raise QueryError("Mức độ dịch vụ công trực tuyến không hợp lệ.", "online_level")
        if self.status is not None and self.status not in STATUSES:
            raise QueryError("Trạng thái không hợp lệ.", "status")
        if self.as_of is not None and not isinstance(self.as_of, date):
            raise QueryError("Ngày áp dụng không hợp lệ.", "as_of")
        if self.text is not None and not isinstance(self.text, str):
            raise QueryError("Nội dung tìm kiếm không hợp lệ.", "text")
        return self

    @property
    def date(self) -> date:
        """The day the query is about."""
        return self.as_of if self.as_of is not None else today()

    @property
    def statuses(self) -> tuple[str, ...]:
        """The edition statuses to return."""
        if self.status is not None:
            return (self.status,)
        return STATUSES if self.include_abolished else ("in_force",)


@dataclass(frozen=True)
class Hit:
    """One procedure found. ``highlights`` maps a text field to escaped fragments with ``<mark>``."""
    procedure_id: int
    code: str | None
    name: str
    sector: str | None
    levels: list[str]
    score: float
    highlights: dict[str, list[str]] = field(default_factory=dict)
    edition_id: int | None = None


@dataclass(frozen=True)
class SearchResults:
    """A page of hits, the total number of procedures found, facet counts and a correction."""
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None = None


class SearchBackend(Protocol):
    """What every index backend does. Writes are atomic per procedure."""

    def replace_procedure(self, procedure_id: int, revision: int, docs: list[EditionDocument]) -> bool:
        """Index exactly ``docs`` for the procedure; False (and nothing done) if a newer revision is held."""

    def delete_procedure(self, procedure_id: int, revision: int) -> bool:
        """Remove the procedure unless a newer revision is held; remembers the revision."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Run a query; raises ``QueryError`` only for parameters that cannot be run."""

    def indexed_revisions(self) -> dict[int, int]:
        """Procedure id → revision held, for every procedure indexed (deleted ones excluded)."""

    def rebuild(self, items: Iterable[tuple[int, int, list[EditionDocument]]]) -> int:
        """Replace the whole index by ``items`` (procedure id, revision, docs); returns the count."""

    def close(self) -> None:
        """Release files and connections."""


def open_backend(kind: str, **options: Any) -> SearchBackend:
    """The backend named ``kind`` ('whoosh' or 'postgres'), opened with its ``options``.

    whoosh: ``path`` (the index folder, created if missing). postgres: ``engine`` (a SQLAlchemy
    engine) or ``url``. Both accept ``lexicon`` (a word list other than the packaged one).
    """
    if kind == "whoosh":
        from search.whoosh_backend import WhooshBackend
        return WhooshBackend(**options)
    if kind == "postgres":
        from search.postgres_backend import PostgresBackend
        return PostgresBackend(**options)
    raise ValueError(f"unknown search backend {kind!r}: expected 'whoosh' or 'postgres'")
