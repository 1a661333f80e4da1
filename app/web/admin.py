"""Administration: accounts (create, role, deactivate, reset password), API tokens, the audit log.

A password or a token made here is shown once, on the page that answers the form (never in a
redirect or a flash message, which would carry it in the cookie), with caching forbidden; only
its hash is stored. Every change is in the audit log, which this section pages and filters by
object and by actor.
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from catalogue import accounts
from catalogue.accounts import ROLE_LABELS, ROLES
from catalogue.errors import CatalogueError
from catalogue.models import AuditEntry

from ..auth import access, current_user, register_nav_link
from .db import end_read_transaction, read_session
from .security_headers import add_page_headers
from .forms import Fields, FormErrors
from .params import int_param

bp = Blueprint("admin", __name__, url_prefix="/quan-tri")
bp.after_request(add_page_headers)
AUDIT_PER_PAGE = 50
NO_STORE = {"Cache-Control": "no-store"}


@bp.record_once
def _nav(state) -> None:
    register_nav_link(state.app, "Tài khoản", "admin.users", "admin")
    register_nav_link(state.app, "Nhật ký", "admin.audit_log", "admin")


def _db():
    return current_app.extensions["tthc"].db


def _actor() -> str:
    return current_user().email


# -- accounts --------------------------------------------------------------------------------------

def _render_users(errors: FormErrors | None = None, values=None, created=None, status: int = 200):
    end_read_transaction()
    return render_template("admin/users.html", users=accounts.list_users(read_session()), roles=ROLES,
                           errors=errors or FormErrors(), values=values or {}, created=created), status, NO_STORE


@bp.get("/tai-khoan")
@access("admin")
def users():
    return _render_users()


@bp.post("/tai-khoan")
@access("admin")
def create_user():
    fields = Fields(request.form)
    errors = FormErrors()
    email, role = fields.text("email", 254) or "", fields.text("role", 20) or ""
    password = fields.get("password") or ""
    generated = not password
    if generated:
        password = accounts.generate_password()
    if not email:
        errors.add("email", "Hãy nhập email.")
    if role not in ROLES:
        errors.add("role", "Hãy chọn vai trò.")
    if not errors:
        try:
            with _db().unit_of_work(_actor()) as uow:
                user = accounts.create_user(uow.session, _actor(), email=email, role=role, password=password,
                                            name=fields.text("name", 200))
                created = {"email": user.email, "password": password if generated else None}
        except CatalogueError as exc:
            errors.add("password" if "Mật khẩu" in exc.message else "email", exc.message)
        else:
            return _render_users(created=created)
    return _render_users(errors, request.form, status=400)


def _render_user(user_id: int, *, secret: dict | None = None, errors: FormErrors | None = None, status: int = 200):
    end_read_transaction()
    session = read_session()
    user = accounts.get_user(session, user_id)
    return render_template("admin/user.html", user=user, roles=ROLES, tokens=accounts.list_tokens(session, user),
                           attempts=accounts.recent_attempts(session, user.email), secret=secret,
                           errors=errors or FormErrors()), status, NO_STORE


@bp.get("/tai-khoan/<int:user_id>")
@access("admin")
def user(user_id: int):
    return _render_user(user_id)


def _change(user_id: int, change, done: str):
    """Run one account change; a refused change is shown on the account's page."""
    try:
        with _db().unit_of_work(_actor()) as uow:
            change(uow.session, accounts.get_user(uow.session, user_id))
    except accounts.AccountError as exc:
        errors = FormErrors()
        errors.add("account", exc.message)
        return _render_user(user_id, errors=errors, status=400)
    flash(done, "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.post("/tai-khoan/<int:user_id>/vai-tro")
@access("admin")
def change_role(user_id: int):
    role = request.form.get("role", "")
    label = ROLE_LABELS.get(role, role)
    return _change(user_id, lambda s, u: accounts.set_role(s, _actor(), u, role), f"Đã đổi vai trò thành {label}.")


@bp.post("/tai-khoan/<int:user_id>/trang-thai")
@access("admin")
def change_active(user_id: int):
    active = request.form.get("active") == "1"
    return _change(user_id, lambda s, u: accounts.set_active(s, _actor(), u, active),
                   "Đã mở khóa tài khoản." if active else "Đã khóa tài khoản; mọi phiên đăng nhập của nó đã kết thúc.")


@bp.post("/tai-khoan/<int:user_id>/mat-khau")
@access("admin")
def reset_password(user_id: int):
    password = accounts.generate_password()
    with _db().unit_of_work(_actor()) as uow:
        user = accounts.get_user(uow.session, user_id)
        accounts.set_password(uow.session, _actor(), user, password)
    return _render_user(user_id, secret={"kind": "password", "value": password})


@bp.post("/tai-khoan/<int:user_id>/khoa-api")
@access("admin")
def create_token(user_id: int):
    try:
        with _db().unit_of_work(_actor()) as uow:
            user = accounts.get_user(uow.session, user_id)
            _row, token = accounts.create_token(uow.session, _actor(), user, request.form.get("name", ""))
    except accounts.AccountError as exc:
        errors = FormErrors()
        errors.add("token_name", exc.message)
        return _render_user(user_id, errors=errors, status=400)
    return _render_user(user_id, secret={"kind": "token", "value": token})


# -- API tokens ------------------------------------------------------------------------------------

@bp.get("/khoa-api")
@access("admin")
def tokens():
    return render_template("admin/tokens.html", tokens=accounts.list_tokens(read_session()))


@bp.post("/khoa-api/<int:token_id>/thu-hoi")
@access("admin")
def revoke_token(token_id: int):
    with _db().unit_of_work(_actor()) as uow:
        row = accounts.revoke_token(uow.session, _actor(), token_id)
        name, user_id = row.name, row.user_id
    flash(f"Đã thu hồi khóa API “{name}”.", "success")
    back = request.form.get("back")
    return redirect(url_for("admin.user", user_id=user_id) if back == "user" else url_for("admin.tokens"))


# -- audit log -------------------------------------------------------------------------------------

@bp.get("/nhat-ky")
@access("admin")
def audit_log():
    session = read_session()
    fields = Fields(request.args)
    object_type, actor = fields.text("object_type", 50), fields.text("actor", 200)
    object_id = int_param("object_id", 0, minimum=0) or None
    page = int_param("page", 1)
    stmt = select(AuditEntry)
    if object_type:
        stmt = stmt.where(AuditEntry.object_type == object_type)
    if object_id is not None:
        stmt = stmt.where(AuditEntry.object_id == object_id)
    if actor:
        stmt = stmt.where(AuditEntry.actor == actor)
    total = session.scalar(select(func.count()).select_from(stmt.subquery()))
    entries = session.scalars(stmt.order_by(AuditEntry.id.desc()).limit(AUDIT_PER_PAGE)
                              .offset((page - 1) * AUDIT_PER_PAGE)).all()
    types = session.scalars(select(AuditEntry.object_type).distinct().order_by(AuditEntry.object_type)).all()
    filters = {k: v for k, v in (("object_type", object_type), ("object_id", object_id), ("actor", actor)) if v}
    return render_template("admin/audit.html", entries=entries, total=total, page=page, per_page=AUDIT_PER_PAGE,
                           types=types, filters=filters)
