"""Account services on SQLite and PostgreSQL: users, passwords, login limits and API tokens."""
from __future__ import annotations

import datetime as dt

import pytest

from catalogue import accounts
from catalogue.clock import utcnow
from catalogue.models import AuditEntry

PASSWORD = "mot-mat-khau-du-dai"


def _user(db, email="a@example.vn", role="officer"):
    with db.unit_of_work("admin") as uow:
        return accounts.create_user(uow.session, "admin", email=email, role=role, password=PASSWORD).id


def test_authenticate_and_audit_without_secrets(db):
    user_id = _user(db)
    with db.read() as session:
        assert accounts.authenticate(session, " A@Example.VN", PASSWORD).id == user_id
        assert accounts.authenticate(session, "a@example.vn", "sai-mat-khau-roi") is None
        assert accounts.authenticate(session, "b@example.vn", PASSWORD) is None
        entries = session.query(AuditEntry).filter_by(object_type="user").all()
        assert [e.action for e in entries] == ["user.create"]
        assert "password" not in str(entries[0].after) and entries[0].actor == "admin"


def test_new_password_ends_sessions(db):
    _user(db)
    with db.unit_of_work("admin") as uow:
        user = accounts.find_user(uow.session, "a@example.vn")
        generation = user.session_generation
        accounts.set_password(uow.session, "admin", user, "mot-mat-khau-moi-hon")
        assert user.session_generation == generation + 1
    with db.read() as session:
        assert accounts.authenticate(session, "a@example.vn", "mot-mat-khau-moi-hon") is not None


def test_login_limits_count_failures_in_their_windows(db):
    now = utcnow()
    with db.unit_of_work("test") as uow:
        for _ in range(accounts.ACCOUNT_FAILURES_PER_MINUTE - 1):
            accounts.record_login_attempt(uow.session, "a@example.vn", "10.1.1.1", False)
        accounts.record_login_attempt(uow.session, "a@example.vn", "10.1.1.1", True)
    with db.read() as session:
        assert accounts.login_refusal(session, "a@example.vn", "10.1.1.1", now + dt.timedelta(seconds=1)) is None
    with db.unit_of_work("test") as uow:
        accounts.record_login_attempt(uow.session, "A@example.vn", "10.1.1.1", False)
    with db.read() as session:
        assert accounts.login_refusal(session, "a@example.vn", "10.1.1.1") == "account"
        assert accounts.login_refusal(session, "a@example.vn", "10.1.1.2") is None
        assert accounts.login_refusal(session, "a@example.vn", "10.1.1.1",
                                      utcnow() + dt.timedelta(minutes=2)) is None
    with db.unit_of_work("test") as uow:
        for i in range(accounts.IP_FAILURES_PER_HOUR):
            accounts.record_login_attempt(uow.session, f"x{i}@example.vn", "10.2.2.2", False)
    with db.read() as session:
        assert accounts.login_refusal(session, "new@example.vn", "10.2.2.2") == "ip"


def test_tokens_verify_until_revoked_or_the_user_is_deactivated(db):
    _user(db, "admin@example.vn", "admin")
    _user(db)
    with db.unit_of_work("admin") as uow:
        user = accounts.find_user(uow.session, "a@example.vn")
        row, token = accounts.create_token(uow.session, "admin", user, "báo cáo")
        token_id = row.id
    assert token.startswith(accounts.TOKEN_PREFIX) and len(token) > 40
    with db.read() as session:
        assert accounts.verify_token(session, token).id == token_id
        assert accounts.verify_token(session, token + "x") is None
        assert accounts.verify_token(session, "khong-phai-khoa") is None
    with db.unit_of_work("admin") as uow:
        accounts.set_active(uow.session, "admin", accounts.find_user(uow.session, "a@example.vn"), False)
    with db.read() as session:
        assert accounts.verify_token(session, token) is None
    with db.unit_of_work("admin") as uow:
        accounts.set_active(uow.session, "admin", accounts.find_user(uow.session, "a@example.vn"), True)
        accounts.revoke_token(uow.session, "admin", token_id)
    with db.read() as session:
        assert accounts.verify_token(session, token) is None


def test_an_admin_must_remain(db):
    _user(db, "admin@example.vn", "admin")
    with db.unit_of_work("admin") as uow:
        admin = accounts.find_user(uow.session, "admin@example.vn")
        with pytest.raises(accounts.AccountError):
            accounts.set_role(uow.session, "admin", admin, "officer")
    _user(db, "second@example.vn", "admin")
    with db.unit_of_work("admin") as uow:
        accounts.set_role(uow.session, "admin", accounts.find_user(uow.session, "admin@example.vn"), "officer")
