"""Who is asking and whether they may: login sessions, API tokens, access levels, CSRF.

Every endpoint declares one access level, once, next to its route::

    @bp.get("/quan-tri/")
    @access("officer")
    def decisions(): ...

A ``before_request`` hook refuses any endpoint that declared nothing (default deny), so a route
added without thinking about access fails closed. Levels: ``public`` (anyone), ``authenticated``
(any active account), ``reviewer``, ``officer``, ``admin``; an administrator has every role.

Browsers authenticate with the session cookie (signed, HttpOnly, SameSite=Lax, Secure in
production); the cookie carries the user id, the user's *session generation* and the time of the
last request. Logging out, a new password, a role change or deactivation bump the generation in
the database, so every cookie issued before stops working on the server — in every browser of the
account, not only the one that logged out. An idle session ends after ``SESSION_IDLE_MINUTES`` (30
by default). Each section adds the links of its menu with :func:`register_nav_link`, and
``_nav_account.html`` shows the user those they may open.

Programs call the JSON API (paths under ``/api/``) with ``Authorization: Bearer <token>``; such
requests are exempt from CSRF because a browser never adds that header on its own, and so is an
anonymous call of a public API (it borrows no session). Every other state-changing request (POST,
PUT, PATCH, DELETE) — every form, the login form included, and every API call authenticated by the
session cookie — must carry the CSRF token of the session (Flask-WTF's ``CSRFProtect``): the hidden
``csrf_token`` field of a form, or the ``X-CSRFToken`` header from JavaScript.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, current_app, g, redirect, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from catalogue import accounts
from catalogue.accounts import ROLE_LABELS, ROLES

from .web.db import read_session
from .web.errors import error_response, wants_json

log = logging.getLogger("tthc.auth")

LEVELS = ("public", "authenticated", "reviewer", "officer", "admin")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
TOKEN_TOUCH_SECONDS = 300  # write a token's last use at most every five minutes
SEEN_REFRESH_SECONDS = 60  # refresh the idle clock in the cookie at most once a minute

F = TypeVar("F", bound=Callable[..., Any])
_csrf = CSRFProtect()


@dataclass(frozen=True)
class CurrentUser:
    """The account behind the current request (a plain value: safe after the DB session closes)."""
    id: int
    email: str
    name: str
    role: str
    via_token: bool = False

    @property
    def display_name(self) -> str:
        return self.name or self.email

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    def has(self, level: str) -> bool:
        """True when this account may use an endpoint of access ``level``."""
        if level in ("public", "authenticated"):
            return True
        return self.role == "admin" or self.role == level


# -- declarations ------------------------------------------------------------------------------

def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}; one of {', '.join(LEVELS)}")
    return level


def access(level: str) -> Callable[[F], F]:
    """Declare who may call a view. Put it under the route decorator (it marks the function)."""
    _check_level(level)

    def mark(view: F) -> F:
        view.access_level = level  # type: ignore[attr-defined]
        return view
    return mark


def declare(app: Flask, endpoint: str, level: str) -> None:
    """Declare the level of an endpoint one does not write (e.g. Flask's ``static``)."""
    app.extensions.setdefault("tthc_access", {})[endpoint] = _check_level(level)


def access_level(app: Flask, endpoint: str) -> str | None:
    """The declared level of ``endpoint``, or None (which the hook refuses)."""
    explicit = app.extensions.get("tthc_access", {}).get(endpoint)
    if explicit:
        return explicit
    return getattr(app.view_functions.get(endpoint), "access_level", None)


def undeclared_endpoints(app: Flask) -> list[str]:
    return sorted(e for e in app.view_functions if access_level(app, e) is None)


# -- the current user ----------------------------------------------------------------------------

def current_user() -> CurrentUser | None:
    """The account of this request, or None for an anonymous visitor."""
    return g.get("tthc_user")


def login_user(user: accounts.User) -> None:
    """Start a fresh session for ``user`` (nothing of the anonymous session survives)."""
    session.clear()
    session["uid"] = user.id
    session["gen"] = user.session_generation
    session["seen"] = int(time.time())
    g.tthc_user = _as_current(user, via_token=False)


def logout_user() -> None:
    session.clear()
    g.tthc_user = None


def client_ip() -> str:
    """The client's address: the peer, or what ``TRUSTED_PROXIES`` reverse proxies say it was."""
    return request.remote_addr or "?"


def safe_next(target: str | None) -> str | None:
    """A local path to go back to after login, never another site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def _as_current(user: accounts.User, *, via_token: bool) -> CurrentUser:
    return CurrentUser(id=user.id, email=user.email, name=user.name, role=user.role, via_token=via_token)


def _load_from_session() -> CurrentUser | None:
    uid = session.get("uid")
    if uid is None:
        return None
    now = int(time.time())
    idle = current_app.config["SESSION_IDLE_MINUTES"] * 60
    seen = session.get("seen", 0)
    if now - seen > idle:
        session.clear()
        g.tthc_session_expired = True
        return None
    user = read_session().get(accounts.User, uid)
    if user is None or not user.active or user.session_generation != session.get("gen") \
            or user.role not in ROLES:
        session.clear()
        return None
    if now - seen > SEEN_REFRESH_SECONDS:
        session["seen"] = now
    return _as_current(user, via_token=False)


def _load_from_token(header: str) -> CurrentUser | None:
    token = header[len("Bearer "):].strip()
    row = accounts.verify_token(read_session(), token)
    if row is None:
        g.tthc_auth_error = "Khóa API không hợp lệ, đã bị thu hồi hoặc tài khoản đã bị khóa."
        return None
    last = row.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC
        last = last.replace(tzinfo=dt.timezone.utc)
    if last is None or time.time() - last.timestamp() > TOKEN_TOUCH_SECONDS:
        with current_app.extensions["tthc"].db.unit_of_work(row.user.email) as uow:
            accounts.touch_token(uow.session, row.id)
    return _as_current(row.user, via_token=True)


def _identify() -> None:
    g.tthc_user = None
    header = request.headers.get("Authorization", "")
    if request.path.startswith("/api/") and header[:7].lower() == "bearer ":
        g.tthc_user = _load_from_token(header)
    else:
        g.tthc_user = _load_from_session()


# -- the gate ------------------------------------------------------------------------------------

def _gate():
    """Runs before every request: identify, check the declared level, then CSRF."""
    if request.endpoint == "static":
        return None
    _identify()  # also for 404 pages, so their header shows who is logged in
    if g.get("tthc_auth_error"):
        return error_response(401, g.tthc_auth_error, error="invalid_token")
    if request.routing_exception is not None or request.endpoint is None:
        return None  # 404 / 405: let the routing error speak
    level = access_level(current_app, request.endpoint)
    if level is None:
        log.error("endpoint %s declares no access level; refused", request.endpoint)
        return error_response(403, "Trang này chưa được khai báo quyền truy cập nên bị từ chối.")
    user = current_user()
    if level != "public":
        if user is None:
            return _login_required()
        if not user.has(level):
            log.info("refused %s %s to %s (%s)", request.method, request.path, user.email, user.role)
            return error_response(403)
    if request.method in UNSAFE_METHODS and _needs_csrf(user):
        _csrf.protect()
    return None


def _needs_csrf(user: CurrentUser | None) -> bool:
    """Forms always (login CSRF included); the API only when the browser's session authenticates it.

    A bearer token is never sent by a browser on its own, and an anonymous API call carries no
    authority a forged request could borrow, so neither needs the token.
    """
    if user is not None:
        return not user.via_token
    return not request.path.startswith("/api/")


def _login_required():
    expired = g.get("tthc_session_expired", False)
    message = ("Phiên làm việc đã hết hạn do không hoạt động. Hãy đăng nhập lại." if expired
               else "Bạn cần đăng nhập để dùng chức năng này.")
    if wants_json() or request.method not in ("GET", "HEAD"):
        return error_response(401, message)
    return redirect(url_for("account.login", next=request.full_path.rstrip("?"),
                            expired=1 if expired else None))


def _on_csrf_error(exc: CSRFError):
    log.warning("CSRF check failed for %s %s: %s", request.method, request.path, exc.description)
    return error_response(400, "Yêu cầu bị từ chối vì thiếu hoặc sai mã chống giả mạo (CSRF). "
                               "Hãy tải lại trang rồi thử lại.", error="csrf")


def _protect_response(response):
    """No framing (clickjacking), no MIME sniffing, and no caching of pages shown to staff."""
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if g.get("tthc_user") is not None:
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Session cookie settings, CSRF, and the gate every request passes."""
    production = app.config.get("TTHC_ENV") == "production"
    app.config.setdefault("SESSION_IDLE_MINUTES", 30)
    for key, value in (("SESSION_COOKIE_NAME", "tthc_session"), ("SESSION_COOKIE_HTTPONLY", True),
                       ("SESSION_COOKIE_SAMESITE", "Lax"), ("SESSION_COOKIE_SECURE", production)):
        if app.config.get(key) == Flask.default_config.get(key):  # unless the configuration chose
            app.config[key] = value
    # The CSRF token lives as long as the session, which the idle timeout already bounds.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # the gate calls protect() itself, after access
    _csrf.init_app(app)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Behind nginx every request comes from the proxy: without this, the login limit per address
        # would count everyone together. Only the given number of proxies' X-Forwarded-* is trusted.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    declare(app, "static", "public")
    app.before_request(_gate)
    app.after_request(_protect_response)
    app.register_error_handler(CSRFError, _on_csrf_error)

    @app.context_processor
    def _user_in_templates() -> dict[str, Any]:
        return {"current_user": current_user(), "ROLE_LABELS": ROLE_LABELS, "account_links": account_links}


@dataclass(frozen=True)
class NavLink:
    label: str
    endpoint: str
    level: str


def register_nav_link(app: Flask, label: str, endpoint: str, level: str) -> None:
    """A link shown in the account menu to users who may open it (each section adds its own)."""
    links = app.extensions.setdefault("tthc_nav_links", [])
    if all(link.endpoint != endpoint for link in links):
        links.append(NavLink(label, endpoint, _check_level(level)))


def account_links() -> list[tuple[str, str]]:
    """``(label, url)`` of the sections the current user may open, for ``_nav_account.html``."""
    user = current_user()
    if user is None:
        return []
    return [(link.label, url_for(link.endpoint)) for link in current_app.extensions.get("tthc_nav_links", [])
            if link.endpoint in current_app.view_functions and user.has(link.level)]
