"""The citizen search page's parameters: the same names, values and limits as ``GET /api/v1/search``.

A page and the API that answer one URL differently would confuse whoever shares a link, so the page
accepts exactly the API's parameters (q, sector, level bo|tinh|xa|khac, agency, online_level
toan_trinh|mot_phan, status, as_of, include_abolished, page, per_page ≤ 50) and refuses the same bad
values with the same Vietnamese messages. ``SearchForm.url_args`` rebuilds links (facets, pages,
removing a filter) from the current parameters, leaving defaults out so URLs stay short.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

from flask import request

from catalogue.errors import CatalogueError
from search.interface import SearchQuery

from ..search_api import LEVEL_PARAMS, ONLINE_PARAMS
from .params import choice_param, date_param, int_param

MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 10
STATUS_PARAMS = ("in_force", "abolished")


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    sector: str | None = None
    level: str | None = None  # bo | tinh | xa | khac
    agency: str | None = None
    online_level: str | None = None  # toan_trinh | mot_phan
    status: str | None = None
    as_of: dt.date | None = None
    include_abolished: bool = False
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @classmethod
    def from_request(cls) -> "SearchForm":
        """The parameters of the current request; ``CatalogueError`` (→ 400) for a bad value."""
        include = request.args.get("include_abolished", "").lower()
        if include not in ("", "0", "1", "true", "false"):
            raise CatalogueError("Tham số include_abolished phải là true hoặc false.")
        return cls(
            q=request.args.get("q", "").strip(),
            sector=request.args.get("sector") or None,
            level=choice_param("level", tuple(LEVEL_PARAMS)),
            agency=request.args.get("agency") or None,
            online_level=choice_param("online_level", tuple(ONLINE_PARAMS)),
            status=choice_param("status", STATUS_PARAMS),
            as_of=date_param("as_of"),
            include_abolished=include in ("1", "true"),
            page=int_param("page", 1, maximum=10_000),
            per_page=int_param("per_page", DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE),
        )

    def query(self) -> SearchQuery:
        return SearchQuery(
            text=self.q, sector=self.sector, level=LEVEL_PARAMS.get(self.level) if self.level else None,
            agency=self.agency,
            online_level=ONLINE_PARAMS.get(self.online_level) if self.online_level else None,
            status=self.status, as_of=self.as_of, include_abolished=self.include_abolished,
            page=self.page, per_page=self.per_page,
        ).checked()

    @property
    def filtered(self) -> bool:
        return any((self.sector, self.level, self.agency, self.online_level, self.status, self.as_of,
                    self.include_abolished))

    def url_args(self, **changes: Any) -> dict[str, Any]:
        """Query-string arguments for a link; any change other than ``page`` goes back to page 1."""
        if "page" not in changes:
            changes["page"] = 1
        form = replace(self, **changes)
        args: dict[str, Any] = {}
        for f in fields(form):
            value = getattr(form, f.name)
            if value in (None, "", False) or value == f.default:
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif value is True:
                value = "true"
            args[f.name] = value
        return args
