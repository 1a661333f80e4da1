"""Security headers on every response, downloads as attachments, and error pages that reveal nothing.

Every rule of ``app.url_map`` is requested with every method it allows, by every kind of visitor
(so pages, API answers, static files, redirects to the login form and 4xx refusals are all seen),
plus unknown URLs, a 405, a 413, a CSRF refusal and a 500 from a route that raises.
"""
from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from app import auth, create_app
from app.web import errors

from .route_samples import fetch, review_batch, routes, sample_args, url
from .staff_support import ROLES, csrf_token, make_app, staff_clients

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"
REQUEST_ID = re.compile(r"Mã lỗi: ([0-9a-f]{12})")
HOSTILE_NAME = '..\\../<script>"x\r\n;.docx'


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("headers"), REVIEW_RATE_LIMIT="1000/60")
    yield application
    application.extensions["tthc"].close()
    pool = application.extensions.get("tthc_review_pool")
    if pool is not None:
        pool.close()


@pytest.fixture(scope="module")
def clients(app):
    return staff_clients(app)


@pytest.fixture(scope="module")
def args(app, clients):
    return sample_args(app, "reviewer@example.vn")


def assert_secure_headers(response, where: str) -> None:
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'",
                      "default-src 'self'"):
        assert directive in policy, f"{where}: no {directive} in {policy!r}"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "same-origin", where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert re.fullmatch(r"max-age=\d+", headers.get("Strict-Transport-Security", "")), where
    assert re.fullmatch(r"[0-9a-f]{12}", headers.get("X-Request-Id", "")), where


# -- every route ------------------------------------------------------------------------------------

def test_every_route_for_every_visitor_carries_the_headers(app, clients, args):
    seen: set[int] = set()
    for route in routes(app):
        target = url(app, route, args)
        for role in ROLES:
            response = fetch(clients[role], route.method, target)
            seen.add(response.status_code)
            assert_secure_headers(response, f"{route.method} {route.rule} as {role} ({response.status_code})")
    assert {200, 302, 400, 401, 403} <= seen  # pages, redirects and refusals were all checked


def test_errors_redirects_and_static_files_carry_them_too(app, clients):
    anonymous = clients["anonymous"]
    cases = {
        "404 page": fetch(anonymous, "GET", "/khong-co-trang-nay"),
        "404 API": fetch(anonymous, "GET", "/api/v1/khong-co"),
        "405": fetch(anonymous, "GET", "/dang-xuat"),
        "redirect to login": fetch(anonymous, "GET", "/quan-tri/"),
        "static": fetch(anonymous, "GET", "/static/site.css"),
        "CSRF refusal": fetch(anonymous, "POST", "/dang-nhap", data={"email": "a@b.vn"}),
        "JSON refusal": fetch(anonymous, "GET", "/api/v1/decisions"),
        "bad parameter": fetch(anonymous, "GET", "/api/v1/procedures?page=abc"),
    }
    assert cases["404 page"].status_code == 404 and cases["405"].status_code == 405
    assert cases["redirect to login"].status_code == 302 and cases["static"].status_code == 200
    for where, response in cases.items():
        assert_secure_headers(response, where)


def test_too_large_an_upload_carries_them_and_says_the_limit(tmp_path):
    small = make_app(tmp_path, MAX_CONTENT_LENGTH=64 * 1024)
    client = small.test_client()
    response = client.post("/api/v1/review", data={"file": (io.BytesIO(b"x" * 100_000), "a.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413 and "64 KB" in response.get_json()["message"]
    assert_secure_headers(response, "413")
    small.extensions["tthc"].close()


def test_hsts_asks_for_a_year_in_production_and_an_hour_elsewhere(tmp_path, app):
    production = create_app({"TTHC_INSTANCE": str(tmp_path), "TTHC_ENV": "production", "SECRET_KEY": "s" * 40,
                             "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    response = fetch(production.test_client(), "GET", "https://tthc.example.vn/static/site.css")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert fetch(app.test_client(), "GET", "/static/site.css").headers["Strict-Transport-Security"] == "max-age=3600"
    chosen = create_app({"TTHC_INSTANCE": str(tmp_path), "HSTS_MAX_AGE": 600,
                         "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}"})
    hsts = fetch(chosen.test_client(), "GET", "/static/site.css").headers["Strict-Transport-Security"]
    assert hsts == "max-age=600"


# -- what the policy allows, the pages need -----------------------------------------------------------

INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "inline style element": re.compile(r"<style[\s>]", re.I),
    "javascript: URL": re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
    "external resource": re.compile(r"""<(?:script|link|img)[^>]*(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I),
}


def test_templates_need_nothing_the_policy_forbids():
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        problems += [f"{path.relative_to(TEMPLATES)}: {what}" for what, pattern in INLINE.items()
                     if pattern.search(text)]
    assert problems == []


def test_rendered_pages_need_nothing_the_policy_forbids(app, clients, args):
    problems = []
    for route in routes(app):
        if route.method != "GET":
            continue
        for role in ("anonymous", "admin"):
            response = fetch(clients[role], "GET", url(app, route, args))
            if response.mimetype != "text/html" or "attachment" in response.headers.get("Content-Disposition", ""):
                continue
            page = response.get_data(as_text=True)
            problems += [f"{route.rule} as {role}: {what}" for what, pattern in INLINE.items()
                         if pattern.search(page)]
    assert problems == []


# -- downloads --------------------------------------------------------------------------------------

SAFE_FILENAME = re.compile(r'^attachment; filename=("?)[A-Za-z0-9._ -]+\1(; filename\*=UTF-8\'\'[A-Za-z0-9%._~-]+)?$')


def assert_attachment(response, where: str) -> None:
    disposition = response.headers.get("Content-Disposition", "")
    assert SAFE_FILENAME.match(disposition), f"{where}: {disposition!r}"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where


def test_every_file_a_route_sends_is_an_attachment(app, clients, args):
    """Anything that is not a page, a JSON answer or our own static file goes out as a download."""
    for route in routes(app):
        if route.method != "GET" or route.endpoint == "static":
            continue
        for role in ROLES:
            response = fetch(clients[role], "GET", url(app, route, args))
            if response.status_code == 200 and response.mimetype not in ("text/html", "application/json"):
                assert_attachment(response, f"{route.rule} as {role} ({response.mimetype})")


def test_review_downloads_of_a_hostile_file_name_are_attachments_with_safe_names(app):
    client = app.test_client()
    token = review_batch(app, HOSTILE_NAME)
    base = f"/kiem-tra-van-ban/ket-qua/{token}"
    for kind in ("nhan-xet.docx", "da-sua.docx", "bao-cao.json", "bao-cao.sarif"):
        response = fetch(client, "GET", f"{base}/1/{kind}")
        assert response.status_code == 200, kind
        assert_attachment(response, kind)
        assert "script" in response.headers["Content-Disposition"]  # the name survives, made harmless
    for kind in ("tat-ca.zip", "bao-cao.html", "bao-cao.json", "bao-cao.sarif"):
        response = fetch(client, "GET", f"{base}/tai-ve/{kind}")
        assert response.status_code == 200, kind
        assert_attachment(response, kind)


def test_officer_exports_are_attachments(app, clients, args):
    officer = clients["officer"]
    for target in (f"/quan-tri/quyet-dinh/{args['decision_id']}/phu-luc.xlsx",
                   "/quan-tri/xuat-du-lieu/danh-muc?format=xlsx", "/quan-tri/xuat-du-lieu/danh-muc?format=json"):
        response = fetch(officer, "GET", target)
        assert response.status_code == 200, target
        assert_attachment(response, target)


# -- error pages ------------------------------------------------------------------------------------

SECRET_PATH = "/srv/tthc/app/secret_module.py"
SQL = "SELECT password_hash FROM user WHERE email = 'a@b.vn'"


def _raise_sql():
    raise OperationalError(SQL, {"email": "a@b.vn"}, Exception(f"database is locked at {SECRET_PATH}"))


@pytest.fixture
def failing_app(tmp_path):
    """An app with test-only routes that raise, under a page path and under the API."""
    application = make_app(tmp_path)

    def broken_page():
        _raise_sql()

    def broken_api():
        raise RuntimeError(f"cannot open {SECRET_PATH}")

    for rule, view in (("/thu-loi", broken_page), ("/api/v1/thu-loi", broken_api)):
        application.add_url_rule(rule, view.__name__, auth.access("public")(view))
    yield application
    application.extensions["tthc"].close()


def assert_reveals_nothing(body: str) -> None:
    for secret in ("Traceback", 'File "', SECRET_PATH, "/srv/", "SELECT", "password_hash", "OperationalError",
                   "RuntimeError", "sqlalchemy", ".py"):
        assert secret not in body, secret


def test_an_unexpected_error_gives_a_page_with_its_id_and_logs_the_traceback_with_it(failing_app, caplog):
    with caplog.at_level(logging.ERROR, logger="tthc"):
        response = failing_app.test_client().get("/thu-loi")
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and response.mimetype == "text/html"
    request_id = REQUEST_ID.search(body).group(1)
    assert response.headers["X-Request-Id"] == request_id
    assert "Đã xảy ra lỗi ngoài ý muốn" in body
    assert_reveals_nothing(body)
    assert_secure_headers(response, "500 page")
    record = next(r for r in caplog.records if request_id in r.getMessage())
    logged = logging.Formatter().format(record)
    assert "Traceback" in logged and "_raise_sql" in logged and "SELECT password_hash" in logged
    assert "GET /thu-loi" in record.getMessage()


def test_an_unexpected_api_error_uses_the_one_shape_with_the_id(failing_app, caplog):
    with caplog.at_level(logging.ERROR, logger="tthc"):
        response = failing_app.test_client().get("/api/v1/thu-loi")
    body = response.get_json()
    assert response.status_code == 500 and set(body) == {"status", "error", "message", "errors"}
    assert body["status"] == 500 and body["error"] == "server_error"
    request_id = REQUEST_ID.search(body["message"]).group(1)
    assert response.headers["X-Request-Id"] == request_id
    assert_reveals_nothing(response.get_data(as_text=True))
    record = next(r for r in caplog.records if request_id in r.getMessage())
    assert "RuntimeError" in logging.Formatter().format(record)


def test_when_the_error_page_itself_fails_a_bare_page_still_gives_the_id(failing_app, monkeypatch, caplog):
    def broken_template(*_args, **_kwargs):
        raise RuntimeError(f"template engine down, see {SECRET_PATH}")

    monkeypatch.setattr(errors, "render_template", broken_template)
    with caplog.at_level(logging.ERROR, logger="tthc"):
        response = failing_app.test_client().get("/thu-loi")
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and "Mã lỗi" in body
    request_id = REQUEST_ID.search(body).group(1)
    assert_reveals_nothing(body)
    assert_secure_headers(response, "bare 500 page")
    assert sum(request_id in r.getMessage() for r in caplog.records) == 2  # the error, then the page's


def test_error_pages_for_people_are_vietnamese_and_plain(app, clients):
    anonymous = clients["anonymous"]
    for target, status, words in (("/khong-co", 404, "Không tìm thấy"), ("/dang-xuat", 405, "Phương thức"),
                                  ("/thu-tuc/999999", 404, "Không tìm thấy")):
        response = fetch(anonymous, "GET", target)
        body = response.get_data(as_text=True)
        assert response.status_code == status and words in body and f"Lỗi {status}" in body
        assert_reveals_nothing(body)


def test_every_response_has_its_own_request_id(app):
    client = app.test_client()
    ids = {client.get("/").headers["X-Request-Id"] for _ in range(5)}
    assert len(ids) == 5
    assert csrf_token(client, "/dang-nhap")  # a page with a form still renders with the hook in place
