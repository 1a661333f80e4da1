"""Helpers for the tests of staff pages: a fresh app per module, accounts, logins and CSRF tokens."""
from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app import create_app
from app.cli import prepare_database
from catalogue import accounts
from catalogue.models import Base

PASSWORD = "mật-khẩu-thử-nghiệm-dài"
ROLES = ("anonymous", "reviewer", "officer", "admin")
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_app(folder, **config) -> Flask:
    """A new instance folder with its SQLite database, migrated, with the demo catalogue."""
    settings = {"TTHC_INSTANCE": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}",
                "SEARCH_INDEX_DIR": str(folder / "index"), "TTHC_ENV": "testing"}
    settings.update(config)
    app = create_app(settings)
    prepare_database(app)
    return app


def add_user(app: Flask, email: str, role: str, password: str = PASSWORD, name: str = "") -> int:
    with app.extensions["tthc"].db.unit_of_work("test") as uow:
        return accounts.create_user(uow.session, "test", email=email, role=role, password=password, name=name).id


def add_token(app: Flask, email: str, name: str = "thử nghiệm") -> str:
    with app.extensions["tthc"].db.unit_of_work("test") as uow:
        return accounts.create_token(uow.session, "test", accounts.find_user(uow.session, email), name)[1]


def csrf_token(client: FlaskClient, url: str = "/dang-nhap") -> str:
    """The CSRF token of the client's session, as the page at ``url`` puts it in its forms."""
    page = client.get(url).get_data(as_text=True)
    found = _TOKEN.search(page)
    assert found, f"no CSRF field on {url}"
    return found.group(1)


def login(client: FlaskClient, email: str, password: str = PASSWORD, **extra):
    token = csrf_token(client, "/dang-nhap?next=/tai-khoan")
    return client.post("/dang-nhap", data={"email": email, "password": password, "csrf_token": token, **extra})


def logged_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    response = login(client, email)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def staff_clients(app: Flask, prefix: str = "") -> dict[str, FlaskClient]:
    """One client per role of the route matrix; the accounts are created once per app."""
    clients = {"anonymous": app.test_client()}
    for role in ROLES[1:]:
        email = f"{prefix}{role}@example.vn"
        with app.extensions["tthc"].db.read() as session:
            exists = accounts.find_user(session, email) is not None
        if not exists:
            add_user(app, email, role)
        clients[role] = logged_in(app, email)
    return clients


def fingerprint(app: Flask) -> str:
    """A hash of every row of every table: equal before and after means nothing was written."""
    digest = hashlib.sha256()
    with app.extensions["tthc"].db.read() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode("utf-8"))
    return digest.hexdigest()


class _FormParser(HTMLParser):
    """The fields a browser would submit for the form whose ``action`` is given."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.found = action, False, False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action and not self.found
            self.found = self.found or self.inside
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected] or [v for v, _ in self._options[:1]]
            self.fields += [(self._select, v) for v in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None


def form_fields(page: str, action: str) -> MultiDict:
    parser = _FormParser(action)
    parser.feed(page)
    assert parser.found, f"no form posting to {action}"
    return MultiDict(parser.fields)


class _ControlParser(HTMLParser):
    """Form controls and how each is labelled: ``<label for>``, an enclosing label, or aria-label."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.label_for: set[str] = set()
        self.controls: list[dict[str, str]] = []
        self.ids: list[str] = []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit", "button"):
            self.controls.append({**a, "_tag": tag, "_in_label": str(self._label_depth > 0)})

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1


def unlabelled_controls(page: str) -> list[str]:
    """Controls a screen reader could not name, and ids used twice (labels would point at one)."""
    parser = _ControlParser()
    parser.feed(page)
    bad = [f"{c['_tag']} {c.get('name')}" for c in parser.controls
           if c["_in_label"] != "True" and not c.get("aria-label") and c.get("id") not in parser.label_for]
    bad += [f"duplicate id {i}" for i in sorted({i for i in parser.ids if parser.ids.count(i) > 1})]
    return bad
