"""Staff sessions: cookie flags, a new session at login, logout and idle timeout enforced on the server.

The session is a signed cookie (Flask's default), so "the session id" is the cookie's value: login
must replace it, and an old value — planted before login, stolen before logout, or captured
before a long pause — must be worth nothing when replayed. Time is moved with a fake clock in
``app.auth``, never waited for.
"""
from __future__ import annotations

import time

import pytest

from app import auth

from .staff_support import PASSWORD, add_token, add_user, csrf_token, logged_in, login, make_app

COOKIE = "tthc_session"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("sessions"))
    add_user(application, "officer@example.vn", "officer")
    add_user(application, "reviewer@example.vn", "reviewer")
    yield application
    application.extensions["tthc"].close()


class Clock:
    """``time.time`` for ``app.auth`` that a test moves forward."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(auth, "time", fake)
    return fake


def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{COOKIE}=")]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


def replay(app, value: str):
    """A new browser that presents an old cookie value."""
    client = app.test_client()
    client.set_cookie(COOKIE, value)
    return client


def is_anonymous(client) -> bool:
    return client.get("/tai-khoan").status_code == 302


# -- the cookie ---------------------------------------------------------------------------------------

def test_the_cookie_is_httponly_samesite_lax_and_ends_with_the_browser(app):
    cookie = session_cookie(login(app.test_client(), "officer@example.vn"))
    attributes = [a.strip() for a in cookie.split(";")]
    assert "HttpOnly" in attributes and "SameSite=Lax" in attributes and "Path=/" in attributes
    assert not any(a.startswith(("Expires", "Max-Age")) for a in attributes)
    assert "Secure" not in attributes  # plain HTTP on a development machine


def test_in_production_the_cookie_is_secure(tmp_path):
    production = make_app(tmp_path, TTHC_ENV="production", SECRET_KEY="k" * 48)
    add_user(production, "officer@example.vn", "officer")
    client = production.test_client()
    page = client.get("https://tthc.example.vn/dang-nhap").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("https://tthc.example.vn/dang-nhap",  # over HTTPS the CSRF check wants the referrer
                           data={"email": "officer@example.vn", "password": PASSWORD, "csrf_token": token},
                           headers={"Referer": "https://tthc.example.vn/dang-nhap"})
    assert response.status_code == 302
    attributes = [a.strip() for a in session_cookie(response).split(";")]
    assert "Secure" in attributes and "HttpOnly" in attributes and "SameSite=Lax" in attributes
    production.extensions["tthc"].close()


def test_citizen_pages_and_api_tokens_set_no_cookie(app):
    client = app.test_client()
    for target in ("/", "/tim-kiem?q=khai+sinh", "/api/v1/procedures"):
        response = client.get(target)
        assert response.status_code == 200 and not response.headers.getlist("Set-Cookie"), target
    token = add_token(app, "officer@example.vn")
    response = client.get("/api/v1/decisions", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and not response.headers.getlist("Set-Cookie")


def test_a_tampered_or_foreign_cookie_is_anonymous(app, tmp_path):
    client = logged_in(app, "officer@example.vn")
    value = client.get_cookie(COOKIE).value
    payload, _, signature = value.rpartition(".")
    assert is_anonymous(replay(app, payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]))
    other = make_app(tmp_path, SECRET_KEY="another-secret-of-another-install")
    add_user(other, "officer@example.vn", "officer")
    foreign = logged_in(other, "officer@example.vn").get_cookie(COOKIE).value
    assert is_anonymous(replay(app, foreign))
    assert not is_anonymous(replay(app, value))  # the genuine cookie still works
    other.extensions["tthc"].close()


# -- login and logout -----------------------------------------------------------------------------------

def test_login_issues_a_new_session_and_a_planted_cookie_stays_anonymous(app):
    """Session fixation: a cookie obtained before login (an attacker's) gains nothing from the login."""
    client = app.test_client()
    anonymous_token = csrf_token(client)
    planted = client.get_cookie(COOKIE).value
    response = login(client, "officer@example.vn")
    assert response.status_code == 302
    issued = client.get_cookie(COOKIE).value
    assert issued != planted
    assert is_anonymous(replay(app, planted))
    assert not is_anonymous(client)
    assert csrf_token(client, "/tai-khoan") != anonymous_token


def test_logout_is_enforced_on_the_server_for_every_copy_of_the_cookie(app):
    client = logged_in(app, "officer@example.vn")
    elsewhere = logged_in(app, "officer@example.vn")  # the same account in another browser
    stolen = client.get_cookie(COOKIE).value
    token = csrf_token(client, "/tai-khoan")
    response = client.post("/dang-xuat", data={"csrf_token": token})
    assert response.status_code == 302
    assert is_anonymous(client) and is_anonymous(elsewhere)
    thief = replay(app, stolen)
    assert thief.get("/quan-tri/").status_code == 302
    assert thief.get("/api/v1/decisions").status_code == 401
    write = thief.post("/quan-tri/quyet-dinh/moi", data={"csrf_token": token, "number": "1/QĐ-TROM"})
    assert write.status_code == 401
    assert login(app.test_client(), "officer@example.vn").status_code == 302  # a new login works


# -- idle timeout --------------------------------------------------------------------------------------

def test_an_officer_session_ends_after_thirty_idle_minutes(app, clock):
    client = logged_in(app, "officer@example.vn")
    assert client.get("/quan-tri/").status_code == 200
    clock.advance(31)
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]
    assert "Phiên làm việc đã hết hạn" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert client.get("/api/v1/decisions").status_code == 401


def test_activity_keeps_the_session_but_an_old_copy_of_the_cookie_expires(app, clock):
    client = logged_in(app, "officer@example.vn")
    captured = client.get_cookie(COOKIE).value
    for _ in range(4):  # two hours of work, a request every 29 minutes
        clock.advance(29)
        assert client.get("/quan-tri/").status_code == 200
    assert is_anonymous(replay(app, captured))  # the copy from two hours ago is idle, whatever the owner did
    assert not is_anonymous(client)


def test_an_expired_api_call_by_session_says_so(app, clock):
    client = logged_in(app, "officer@example.vn")
    clock.advance(45)
    response = client.get("/api/v1/decisions")
    body = response.get_json()
    assert response.status_code == 401 and "hết hạn do không hoạt động" in body["message"]


def test_the_idle_limit_is_configurable(tmp_path, clock):
    strict = make_app(tmp_path, SESSION_IDLE_MINUTES=5)
    add_user(strict, "officer@example.vn", "officer")
    client = logged_in(strict, "officer@example.vn")
    clock.advance(4)
    assert client.get("/quan-tri/").status_code == 200
    clock.advance(6)
    assert client.get("/quan-tri/").status_code == 302
    strict.extensions["tthc"].close()
