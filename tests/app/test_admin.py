"""Administration: accounts, roles, deactivation, password resets, API tokens and the audit log."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from catalogue import accounts
from catalogue.accounts import ApiToken

from .staff_support import PASSWORD, add_user, csrf_token, form_fields, logged_in, login, make_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("admin"))
    add_user(application, "root@example.vn", "admin", name="Quản trị viên")
    yield application
    application.extensions["tthc"].close()


@pytest.fixture(scope="module")
def admin(app):
    return logged_in(app, "root@example.vn")


def _user(app, email: str) -> accounts.User:
    with app.extensions["tthc"].db.read() as session:
        return accounts.find_user(session, email)


def _secret(page: str) -> str:
    return re.search(r'<p class="secret">([^<]+)</p>', page).group(1)


def test_create_an_account_with_a_temporary_password_shown_once(app, admin):
    token = csrf_token(admin, "/quan-tri/tai-khoan")
    response = admin.post("/quan-tri/tai-khoan", data={"csrf_token": token, "email": "Moi@Example.vn",
                                                       "name": "Lê Thị Mới", "role": "officer"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = _secret(page)
    assert "chỉ hiện một lần" in page and _user(app, "moi@example.vn").role == "officer"
    assert password not in admin.get("/quan-tri/tai-khoan").get_data(as_text=True)
    assert login(app.test_client(), "moi@example.vn", password).status_code == 302
    duplicate = admin.post("/quan-tri/tai-khoan", data={"csrf_token": token, "email": "moi@example.vn", "role": "officer"})
    assert duplicate.status_code == 400 and "Đã có tài khoản" in duplicate.get_data(as_text=True)
    short = admin.post("/quan-tri/tai-khoan", data={"csrf_token": token, "email": "ngan@example.vn", "role": "reviewer",
                                                    "password": "ngan"})
    assert short.status_code == 400 and "ít nhất 10 ký tự" in short.get_data(as_text=True)


def test_change_role_deactivate_and_reactivate(app, admin):
    user_id = add_user(app, "doi@example.vn", "officer")
    client = logged_in(app, "doi@example.vn")
    assert client.get("/quan-tri/").status_code == 200
    url = f"/quan-tri/tai-khoan/{user_id}"
    role = form_fields(admin.get(url).get_data(as_text=True), f"{url}/vai-tro")
    role["role"] = "reviewer"
    assert admin.post(f"{url}/vai-tro", data=role).status_code == 302
    assert _user(app, "doi@example.vn").role == "reviewer"
    assert client.get("/quan-tri/").status_code == 302  # the old session ended with the role change
    client = logged_in(app, "doi@example.vn")
    assert client.get("/quan-tri/").status_code == 403
    active = form_fields(admin.get(url).get_data(as_text=True), f"{url}/trang-thai")
    assert active["active"] == "0"
    assert admin.post(f"{url}/trang-thai", data=active).status_code == 302
    assert _user(app, "doi@example.vn").active is False
    assert client.get("/tai-khoan").status_code == 302
    assert login(app.test_client(), "doi@example.vn").status_code == 200  # refused: account locked
    active = form_fields(admin.get(url).get_data(as_text=True), f"{url}/trang-thai")
    assert active["active"] == "1" and admin.post(f"{url}/trang-thai", data=active).status_code == 302
    assert login(app.test_client(), "doi@example.vn").status_code == 302


def test_the_last_admin_cannot_lock_themself_out(app, admin):
    me = _user(app, "root@example.vn")
    url = f"/quan-tri/tai-khoan/{me.id}"
    form = form_fields(admin.get(url).get_data(as_text=True), f"{url}/trang-thai")
    response = admin.post(f"{url}/trang-thai", data=form)
    assert response.status_code == 400 and "tài khoản quản trị cuối cùng" in response.get_data(as_text=True)
    assert _user(app, "root@example.vn").active is True


def test_reset_password(app, admin):
    user_id = add_user(app, "quen@example.vn", "reviewer")
    old_session = logged_in(app, "quen@example.vn")
    url = f"/quan-tri/tai-khoan/{user_id}"
    form = form_fields(admin.get(url).get_data(as_text=True), f"{url}/mat-khau")
    response = admin.post(f"{url}/mat-khau", data=form)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    temporary = _secret(response.get_data(as_text=True))
    assert old_session.get("/tai-khoan").status_code == 302
    assert login(app.test_client(), "quen@example.vn", PASSWORD).status_code == 200
    assert login(app.test_client(), "quen@example.vn", temporary).status_code == 302
    attempts = admin.get(url).get_data(as_text=True)
    assert attempts.count("Sai mật khẩu hoặc bị từ chối") == 1 and attempts.count("Thành công") == 2


def test_api_tokens_created_shown_once_and_revoked(app, admin):
    user_id = add_user(app, "may@example.vn", "officer")
    url = f"/quan-tri/tai-khoan/{user_id}"
    form = form_fields(admin.get(url).get_data(as_text=True), f"{url}/khoa-api")
    assert admin.post(f"{url}/khoa-api", data=form).status_code == 400  # a name is required
    form["name"] = "Hệ thống một cửa"
    page = admin.post(f"{url}/khoa-api", data=form).get_data(as_text=True)
    token = _secret(page)
    headers = {"Authorization": f"Bearer {token}"}
    assert app.test_client().get("/api/v1/decisions", headers=headers).status_code == 200
    listing = admin.get("/quan-tri/khoa-api").get_data(as_text=True)
    assert "Hệ thống một cửa" in listing and token not in listing
    with app.extensions["tthc"].db.read() as session:
        token_id = session.scalar(select(ApiToken.id).where(ApiToken.name == "Hệ thống một cửa"))
    revoke = f"/quan-tri/khoa-api/{token_id}/thu-hoi"
    assert admin.post(revoke, data=form_fields(listing, revoke)).status_code == 302
    assert app.test_client().get("/api/v1/decisions", headers=headers).status_code == 401
    assert "Đã thu hồi" in admin.get("/quan-tri/khoa-api").get_data(as_text=True)


def test_audit_log_pages_and_filters(app, admin):
    user_id = add_user(app, "nhatky@example.vn", "officer")
    url = f"/quan-tri/tai-khoan/{user_id}"
    role = form_fields(admin.get(url).get_data(as_text=True), f"{url}/vai-tro")
    role["role"] = "reviewer"
    admin.post(f"{url}/vai-tro", data=role)
    page = admin.get(f"/quan-tri/nhat-ky?object_type=user&object_id={user_id}").get_data(as_text=True)
    assert "user.create" in page and "user.role" in page and "2 mục" in page
    assert "password_hash" not in page and "$argon2" not in page
    by_actor = admin.get("/quan-tri/nhat-ky?actor=root@example.vn").get_data(as_text=True)
    assert "user.role" in by_actor and "decision.publish" not in by_actor
    everything = admin.get("/quan-tri/nhat-ky").get_data(as_text=True)
    assert "decision.publish" in everything and "Trang sau" in everything  # the demo data fills several pages
    assert admin.get("/quan-tri/nhat-ky?page=2").status_code == 200
    assert admin.get("/quan-tri/nhat-ky?object_id=abc").status_code == 400
