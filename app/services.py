"""The application's long-lived objects: the database and (lazily) the search backend."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogue.db import Database


class Services:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            url = self.config["DATABASE_URL"]
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self._db = Database.from_url(url)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None
