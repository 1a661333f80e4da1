"""Logins, sessions, API tokens, access levels with default deny, CSRF and the login rate limits."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from click.testing import CliRunner
from flask import Blueprint
from sqlalchemy import func, select

from app import auth, create_app
from app.cli import main
from catalogue import accounts
from catalogue.accounts import ApiToken, LoginAttempt, User

from .staff_support import PASSWORD, add_token, add_user, csrf_token, logged_in, login, make_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("auth"))
    add_user(application, "officer@example.vn", "officer", name="Nguyễn Văn An")
    add_user(application, "reviewer@example.vn", "reviewer")
    add_user(application, "admin@example.vn", "admin")
    yield application
    application.extensions["tthc"].close()


def _db(app):
    return app.extensions["tthc"].db


def _attempts(app, **where) -> int:
    with _db(app).read() as session:
        stmt = select(func.count(LoginAttempt.id))
        for key, value in where.items():
            stmt = stmt.where(getattr(LoginAttempt, key) == value)
        return session.scalar(stmt)


# -- logging in and out ---------------------------------------------------------------------------

def test_login_starts_a_new_session_with_secure_cookie_flags(app):
    client = app.test_client()
    anonymous_token = csrf_token(client)
    response = login(client, "Officer@Example.vn ")
    assert response.status_code == 302 and response.headers["Location"] == "/quan-tri/"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("tthc_session=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP outside production
    with client.session_transaction() as session:
        assert session["uid"] and "csrf_token" not in session  # nothing of the anonymous session survives
    assert csrf_token(client, "/tai-khoan") != anonymous_token
    assert "Nguyễn Văn An" in client.get("/tai-khoan").get_data(as_text=True)


def test_session_cookie_is_secure_in_production(tmp_path):
    application = create_app({"TTHC_INSTANCE": str(tmp_path), "TTHC_ENV": "production", "SECRET_KEY": "s" * 40})
    assert application.config["SESSION_COOKIE_SECURE"] is True
    assert application.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert application.config["SESSION_COOKIE_HTTPONLY"] is True


def test_wrong_password_unknown_email_and_deactivated_account_get_the_same_answer(app):
    add_user(app, "locked@example.vn", "officer")
    with _db(app).unit_of_work("test") as uow:
        accounts.set_active(uow.session, "test", accounts.find_user(uow.session, "locked@example.vn"), False)
    pages = []
    for email, password in (("officer@example.vn", "sai-mat-khau-roi"), ("nobody@example.vn", PASSWORD),
                            ("locked@example.vn", PASSWORD)):
        response = login(app.test_client(), email, password)
        assert response.status_code == 200
        pages.append(response.get_data(as_text=True))
    assert all("Email hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa." in page for page in pages)


def test_every_login_is_logged(app):
    before_ok = _attempts(app, email="reviewer@example.vn", success=True)
    before_bad = _attempts(app, email="reviewer@example.vn", success=False)
    login(app.test_client(), "reviewer@example.vn", "khong-dung-dau")
    login(app.test_client(), "reviewer@example.vn")
    assert _attempts(app, email="reviewer@example.vn", success=True) == before_ok + 1
    assert _attempts(app, email="reviewer@example.vn", success=False) == before_bad + 1
    with _db(app).read() as session:
        assert accounts.find_user(session, "reviewer@example.vn").last_login_at is not None


def test_login_goes_back_only_to_a_local_page(app):
    for target, expected in (("/quan-tri/thong-ke", "/quan-tri/thong-ke"), ("https://evil.example/", "/quan-tri/"),
                             ("//evil.example/x", "/quan-tri/"), ("/\\evil.example", "/quan-tri/")):
        response = login(app.test_client(), "officer@example.vn", next=target)
        assert response.headers["Location"] == expected


def test_a_page_needing_login_sends_to_the_login_form_and_back(app):
    client = app.test_client()
    response = client.get("/quan-tri/thong-ke?from=2026-01-01")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/dang-nhap?next=/quan-tri/thong-ke")
    assert client.post("/quan-tri/quyet-dinh/moi").status_code == 401


def test_logout_ends_the_session_on_the_server(app):
    client = logged_in(app, "officer@example.vn")
    stolen = client.get_cookie("tthc_session").value
    response = client.post("/dang-xuat", data={"csrf_token": csrf_token(client, "/tai-khoan")})
    assert response.status_code == 302 and "da_dang_xuat=1" in response.headers["Location"]
    assert client.get("/quan-tri/").status_code == 302
    replay = app.test_client()
    replay.set_cookie("tthc_session", stolen)  # the cookie from before the logout, replayed
    assert replay.get("/quan-tri/").status_code == 302
    assert replay.get("/api/v1/decisions").status_code == 401


def test_idle_session_expires(app):
    client = logged_in(app, "officer@example.vn")
    assert client.get("/quan-tri/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    response = client.get("/quan-tri/")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Phiên làm việc đã hết hạn" in page


def test_an_active_session_is_kept_alive(app):
    client = logged_in(app, "officer@example.vn")
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 29 * 60
    assert client.get("/quan-tri/").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session["seen"] < 60


def test_role_change_and_deactivation_end_existing_sessions(app):
    add_user(app, "changing@example.vn", "officer")
    client = logged_in(app, "changing@example.vn")
    with _db(app).unit_of_work("test") as uow:
        accounts.set_role(uow.session, "test", accounts.find_user(uow.session, "changing@example.vn"), "reviewer")
    assert client.get("/tai-khoan").status_code == 302
    client = logged_in(app, "changing@example.vn")
    with _db(app).unit_of_work("test") as uow:
        accounts.set_active(uow.session, "test", accounts.find_user(uow.session, "changing@example.vn"), False)
    assert client.get("/tai-khoan").status_code == 302


def test_change_own_password(app):
    add_user(app, "self@example.vn", "reviewer")
    client = logged_in(app, "self@example.vn")
    other = logged_in(app, "self@example.vn")
    token = csrf_token(client, "/tai-khoan")
    bad = client.post("/tai-khoan/mat-khau", data={"csrf_token": token, "current_password": "sai",
                                                   "new_password": "mat-khau-moi-dai", "confirm_password": "mat-khau-moi-dai"})
    assert bad.status_code == 400 and "Mật khẩu hiện tại không đúng" in bad.get_data(as_text=True)
    short = client.post("/tai-khoan/mat-khau", data={"csrf_token": token, "current_password": PASSWORD,
                                                     "new_password": "ngan", "confirm_password": "ngan"})
    assert short.status_code == 400 and "ít nhất 10 ký tự" in short.get_data(as_text=True)
    ok = client.post("/tai-khoan/mat-khau", data={"csrf_token": token, "current_password": PASSWORD,
                                                  "new_password": "mat-khau-moi-dai", "confirm_password": "mat-khau-moi-dai"})
    assert ok.status_code == 302
    assert client.get("/tai-khoan").status_code == 200  # this session goes on
    assert other.get("/tai-khoan").status_code == 302  # the other one ended
    assert login(app.test_client(), "self@example.vn", "mat-khau-moi-dai").status_code == 302


# -- access levels ----------------------------------------------------------------------------------

def test_roles_and_the_admin_who_has_them_all(app):
    officer, reviewer, admin = (auth.CurrentUser(1, "o", "", "officer"), auth.CurrentUser(2, "r", "", "reviewer"),
                                auth.CurrentUser(3, "a", "", "admin"))
    assert officer.has("officer") and not officer.has("reviewer") and not officer.has("admin")
    assert reviewer.has("reviewer") and not reviewer.has("officer")
    assert all(admin.has(level) for level in auth.LEVELS)
    with pytest.raises(ValueError):
        auth.access("everyone")


def test_a_route_without_declared_access_fails_closed(tmp_path):
    application = make_app(tmp_path)
    extra = Blueprint("extra", __name__)

    @extra.get("/them-vao")
    def undeclared():
        return "bí mật không được bảo vệ"

    @extra.get("/cong-khai")
    @auth.access("public")
    def declared():
        return "công khai"

    application.register_blueprint(extra)
    client = application.test_client()
    response = client.get("/them-vao")
    assert response.status_code == 403 and "bí mật" not in response.get_data(as_text=True)
    assert client.get("/cong-khai").status_code == 200
    assert auth.undeclared_endpoints(application) == ["extra.undeclared"]
    application.extensions["tthc"].close()


def test_every_endpoint_of_the_app_declares_its_access(app):
    assert auth.undeclared_endpoints(app) == []


# -- API tokens -------------------------------------------------------------------------------------

def test_bearer_token_authenticates_the_api_without_csrf(app):
    token = add_token(app, "officer@example.vn", "nhập liệu")
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    assert client.get("/api/v1/decisions", headers=headers).status_code == 200
    created = client.post("/api/v1/decisions", headers=headers, json={"number": "10/QĐ-TOKEN"})
    assert created.status_code == 201
    with _db(app).read() as session:
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == accounts.hash_token(token)))
        assert row.last_used_at is not None and token not in repr(row.__dict__)
    assert client.get("/quan-tri/", headers=headers).status_code == 302  # tokens are for the API only


def test_bad_or_revoked_tokens_get_401_in_the_error_shape(app):
    token = add_token(app, "officer@example.vn", "sẽ thu hồi")
    client = app.test_client()
    for value in ("Bearer tthc_khong-dung", "Bearer ", f"Bearer {token}x"):
        response = client.get("/api/v1/decisions", headers={"Authorization": value})
        body = response.get_json()
        assert response.status_code == 401 and set(body) == {"status", "error", "message", "errors"}
    with _db(app).unit_of_work("test") as uow:
        row = uow.session.scalar(select(ApiToken).where(ApiToken.token_hash == accounts.hash_token(token)))
        accounts.revoke_token(uow.session, "test", row.id)
    assert client.get("/api/v1/decisions", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_reviewer_token_cannot_use_the_officer_api(app):
    token = add_token(app, "reviewer@example.vn")
    response = app.test_client().get("/api/v1/decisions", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403 and response.get_json()["error"] == "forbidden"


def test_session_api_calls_need_the_csrf_header(app):
    client = logged_in(app, "officer@example.vn")
    refused = client.post("/api/v1/decisions", json={"number": "11/QĐ-PHIEN"})
    assert refused.status_code == 400 and refused.get_json()["error"] == "csrf"
    token = csrf_token(client, "/tai-khoan")
    accepted = client.post("/api/v1/decisions", json={"number": "11/QĐ-PHIEN"}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 201


def test_staff_pages_are_not_cached(app):
    client = logged_in(app, "officer@example.vn")
    response = client.get("/quan-tri/")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Frame-Options"] == "DENY"


# -- login abuse ------------------------------------------------------------------------------------

def test_more_than_five_failures_a_minute_for_one_account_from_one_address_is_429(app):
    add_user(app, "target@example.vn", "officer")
    client = app.test_client()
    for _ in range(accounts.ACCOUNT_FAILURES_PER_MINUTE):
        assert login(client, "target@example.vn", "doan-sai-mat-khau").status_code == 200
    refused = login(client, "target@example.vn", PASSWORD)  # even the right password now
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    assert "quá nhiều lần" in refused.get_data(as_text=True)
    elsewhere = app.test_client()
    token = csrf_token(elsewhere)
    ok = elsewhere.post("/dang-nhap", data={"email": "target@example.vn", "password": PASSWORD, "csrf_token": token},
                        environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert ok.status_code == 302


def test_more_than_a_hundred_failures_an_hour_from_one_address_is_429(app):
    address = "203.0.113.7"
    with _db(app).unit_of_work("test") as uow:
        for i in range(accounts.IP_FAILURES_PER_HOUR):
            uow.session.add(LoginAttempt(email=f"guess{i}@example.vn", ip=address, success=False,
                                         at=accounts.utcnow() - dt.timedelta(minutes=30)))
    client = app.test_client()
    token = csrf_token(client)
    response = client.post("/dang-nhap", data={"email": "admin@example.vn", "password": PASSWORD, "csrf_token": token},
                           environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 429 and response.headers["Retry-After"] == "3600"
    assert _attempts(app, email="admin@example.vn", ip=address) == 0  # refused before the password is checked


def test_old_failures_do_not_count(app):
    address = "198.51.100.4"
    with _db(app).unit_of_work("test") as uow:
        for _ in range(10):
            uow.session.add(LoginAttempt(email="officer@example.vn", ip=address, success=False,
                                         at=accounts.utcnow() - dt.timedelta(hours=2)))
    with _db(app).read() as session:
        assert accounts.login_refusal(session, "officer@example.vn", address) is None


# -- accounts and the command line -----------------------------------------------------------------

def test_passwords_are_argon2_hashes_and_tokens_are_stored_hashed(app):
    token = add_token(app, "admin@example.vn", "kiểm tra")
    with _db(app).read() as session:
        user = accounts.find_user(session, "admin@example.vn")
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        hashes = set(session.scalars(select(ApiToken.token_hash)))
    assert accounts.hash_token(token) in hashes and token not in hashes


def test_account_rules(app):
    with _db(app).unit_of_work("test") as uow:
        with pytest.raises(accounts.AccountError, match="ít nhất"):
            accounts.create_user(uow.session, "test", email="x@example.vn", role="officer", password="ngan")
        with pytest.raises(accounts.AccountError, match="Đã có tài khoản"):
            accounts.create_user(uow.session, "test", email="OFFICER@example.vn", role="officer", password=PASSWORD)
        with pytest.raises(accounts.AccountError, match="Vai trò"):
            accounts.create_user(uow.session, "test", email="y@example.vn", role="citizen", password=PASSWORD)
        with pytest.raises(accounts.AccountError, match="email"):
            accounts.create_user(uow.session, "test", email="khong-phai-email", role="officer", password=PASSWORD)


def test_the_last_active_admin_cannot_be_removed(tmp_path):
    application = make_app(tmp_path)
    add_user(application, "only@example.vn", "admin")
    with application.extensions["tthc"].db.unit_of_work("test") as uow:
        only = accounts.find_user(uow.session, "only@example.vn")
        with pytest.raises(accounts.AccountError, match="cuối cùng"):
            accounts.set_active(uow.session, "test", only, False)
        with pytest.raises(accounts.AccountError, match="cuối cùng"):
            accounts.set_role(uow.session, "test", only, "officer")
    application.extensions["tthc"].close()


def test_cli_creates_a_user_from_stdin_and_prints_a_token_once(tmp_path):
    runner = CliRunner()
    env = {"TTHC_INSTANCE": str(tmp_path / "instance"), "DATABASE_URL": "", "SEARCH_BACKEND": ""}
    created = runner.invoke(main, ["user", "create", "--email", "Quan.Tri@Example.vn", "--role", "admin",
                                   "--name", "Quản trị"], input=PASSWORD + "\n", env=env, catch_exceptions=False)
    assert created.exit_code == 0 and "quan.tri@example.vn" in created.output and PASSWORD not in created.output
    again = runner.invoke(main, ["user", "create", "--email", "quan.tri@example.vn", "--role", "admin"],
                          input=PASSWORD + "\n", env=env)
    assert again.exit_code == 1 and "Đã có tài khoản" in again.output
    short = runner.invoke(main, ["user", "create", "--email", "b@example.vn", "--role", "officer"], input="ngan\n", env=env)
    assert short.exit_code == 1 and "ít nhất" in short.output
    token = runner.invoke(main, ["user", "token", "--email", "quan.tri@example.vn", "--name", "máy chủ báo cáo"], env=env)
    assert token.exit_code == 0 and token.output.strip().startswith(accounts.TOKEN_PREFIX)
    missing = runner.invoke(main, ["user", "token", "--email", "ai@example.vn", "--name", "x"], env=env)
    assert missing.exit_code == 1 and "không có tài khoản" in missing.output
    application = create_app({"TTHC_INSTANCE": str(tmp_path / "instance")})
    with application.extensions["tthc"].db.read() as session:
        assert session.scalar(select(func.count(User.id))) == 1
        assert accounts.verify_token(session, token.output.strip()).name == "máy chủ báo cáo"
    response = application.test_client().get("/api/v1/decisions",
                                              headers={"Authorization": f"Bearer {token.output.strip()}"})
    assert response.status_code == 200
    application.extensions["tthc"].close()


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(tmp_path):
    application = make_app(tmp_path, TRUSTED_PROXIES=1)
    add_user(application, "proxy@example.vn", "officer")
    client = application.test_client()
    token = csrf_token(client)
    client.post("/dang-nhap", data={"email": "proxy@example.vn", "password": "sai-mat-khau-nhe", "csrf_token": token},
                headers={"X-Forwarded-For": "192.0.2.44"})
    with application.extensions["tthc"].db.read() as session:
        assert session.scalar(select(LoginAttempt.ip).where(LoginAttempt.email == "proxy@example.vn")) == "192.0.2.44"
    application.extensions["tthc"].close()
