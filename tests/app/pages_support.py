"""Helpers for the page, reviewer, OpenAPI and browser tests: an app on the demo catalogue, CSRF
tokens as a browser gets them, accounts and logins."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app import create_app
from app.cli import prepare_database
from catalogue import accounts, search_sync

PASSWORD = "mật-khẩu-thử-nghiệm-2026"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_app(instance: Path, **config: Any):
    """An app on a fresh instance with the demo catalogue loaded and indexed."""
    settings = {"TTHC_INSTANCE": str(instance), "DATABASE_URL": f"sqlite:///{instance / 'db.sqlite'}",
                "SEARCH_INDEX_DIR": str(instance / "index"), "TTHC_ENV": "testing", "SECRET_KEY": "test-secret"}
    settings.update(config)
    app = create_app(settings)
    prepare_database(app)
    svc = app.extensions["tthc"]
    search_sync.drain(svc.db, svc.search)
    return app


def csrf_token(client, url: str) -> str:
    """The CSRF token of the form on ``url`` (the session cookie stays in the client)."""
    page = client.get(url).get_data(as_text=True)
    match = _TOKEN.search(page)
    assert match, f"no CSRF token in {url}"
    return match.group(1)


def create_account(app, email: str, role: str) -> int:
    with app.extensions["tthc"].db.unit_of_work("test") as uow:
        return accounts.create_user(uow.session, "test", email=email, role=role, password=PASSWORD,
                                    name=email.split("@")[0]).id


def login(client, email: str) -> None:
    token = csrf_token(client, "/dang-nhap")
    response = client.post("/dang-nhap", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
