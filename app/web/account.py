"""Logging in and out, and a member of staff's own account page (change of password).

The login form is rate limited from the ``login_attempt`` table (so the limits hold across web
workers) and every try, refused or not, is logged. The answer to a wrong email, a wrong password
and a deactivated account is the same sentence, so the form does not tell which emails exist.
"""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from catalogue import accounts
from catalogue.errors import CatalogueError

from ..auth import access, client_ip, current_user, login_user, logout_user, safe_next
from .db import read_session
from .security_headers import add_page_headers

bp = Blueprint("account", __name__)
bp.after_request(add_page_headers)
log = logging.getLogger("tthc.auth")

WRONG = "Email hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa."
THROTTLED = {
    "account": ("Đăng nhập sai quá nhiều lần trong một phút. Hãy chờ một phút rồi thử lại.", 60),
    "ip": ("Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Hãy thử lại sau một giờ.", 3600),
}
# Where each role lands after logging in when no page asked for the login.
ROLE_HOME = {"officer": "officer.decisions", "admin": "officer.decisions", "reviewer": "review_pages.index"}


def _db():
    return current_app.extensions["tthc"].db


def home_for(role: str) -> str:
    endpoint = ROLE_HOME.get(role)
    return url_for(endpoint) if endpoint in current_app.view_functions else "/"


@bp.get("/dang-nhap")
@access("public")
def login_form():
    if current_user() is not None and not request.args.get("next"):
        return redirect(home_for(current_user().role))
    notice = None
    if request.args.get("expired"):
        notice = "Phiên làm việc đã hết hạn do không hoạt động. Hãy đăng nhập lại."
    elif request.args.get("da_dang_xuat"):
        notice = "Bạn đã đăng xuất."
    return render_template("account/login.html", email="", next=safe_next(request.args.get("next")),
                           notice=notice, error=None)


@bp.post("/dang-nhap")
@access("public")
def login():
    email = accounts.normalise_email(request.form.get("email", ""))
    password = request.form.get("password", "")
    target = safe_next(request.form.get("next"))
    if not email or not password:
        return render_template("account/login.html", email=email, next=target, notice=None,
                               error="Hãy nhập email và mật khẩu."), 400
    ip = client_ip()
    refusal = accounts.login_refusal(read_session(), email, ip)
    if refusal is not None:
        log.warning("login refused (%s limit) for %s from %s", refusal, email, ip)
        message, retry = THROTTLED[refusal]
        page = render_template("account/login.html", email=email, next=target, notice=None, error=message)
        return page, 429, {"Retry-After": str(retry)}
    user = accounts.authenticate(read_session(), email, password)
    with _db().unit_of_work(email) as uow:
        accounts.record_login_attempt(uow.session, email, ip, success=user is not None)
        if user is not None:
            user = uow.session.get(accounts.User, user.id)
            accounts.mark_login(user)
            if accounts.needs_rehash(user):
                accounts.rehash(user, password)
    if user is None:
        log.info("login failed for %s from %s", email, ip)
        return render_template("account/login.html", email=email, next=target, notice=None, error=WRONG)
    log.info("login of %s (%s) from %s", user.email, user.role, ip)
    login_user(user)
    return redirect(target or home_for(user.role))


@bp.post("/dang-xuat")
@access("public")
def logout():
    """Ends every session of the user on the server (the session generation changes)."""
    user = current_user()
    if user is not None and not user.via_token:
        with _db().unit_of_work(user.email) as uow:
            accounts.end_sessions(accounts.get_user(uow.session, user.id))
        log.info("logout of %s", user.email)
    logout_user()
    return redirect(url_for("account.login_form", da_dang_xuat=1))


@bp.get("/tai-khoan")
@access("authenticated")
def profile():
    user = accounts.get_user(read_session(), current_user().id)
    return render_template("account/profile.html", user=user, errors={}, done=request.args.get("da_doi"))


@bp.post("/tai-khoan/mat-khau")
@access("authenticated")
def change_password():
    me = current_user()
    current = request.form.get("current_password", "")
    new = request.form.get("new_password", "")
    errors: dict[str, str] = {}
    if accounts.authenticate(read_session(), me.email, current) is None:
        errors["current_password"] = "Mật khẩu hiện tại không đúng."
    elif new != request.form.get("confirm_password", ""):
        errors["confirm_password"] = "Hai lần nhập mật khẩu mới không khớp."
    else:
        try:
            with _db().unit_of_work(me.email) as uow:
                user = accounts.get_user(uow.session, me.id)
                accounts.set_password(uow.session, me.email, user, new)
        except CatalogueError as exc:
            errors["new_password"] = exc.message
        else:
            login_user(user)  # the new generation ends other sessions, not this one
            return redirect(url_for("account.profile", da_doi=1))
    user = accounts.get_user(read_session(), me.id)
    return render_template("account/profile.html", user=user, errors=errors, done=None), 400
