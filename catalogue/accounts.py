"""Staff accounts: users with a role, API tokens, and the log of login attempts.

Only KSTT officers, legal reviewers and administrators have accounts; citizens never log in.
Passwords are hashed with Argon2id (``argon2-cffi``): it is the first recommendation of OWASP and
RFC 9106, memory-hard (64 MiB per hash with the library's defaults, so guessing on GPUs is
expensive), and ``check_needs_rehash`` lets the parameters grow later without a migration — a
hash is upgraded at the next successful login. An API token is shown once and stored only as its
SHA-256: tokens are long random strings, so a fast hash is enough and lets a token be looked up
by its hash. ``LoginAttempt`` rows serve both as the login log and as the shared counter for rate
limiting, which therefore holds across several web workers and machines.

Services flush and never commit (the caller's unit of work does), and every change to an account
is written to the audit trail without any secret in it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from . import audit
from .clock import utcnow
from .errors import CatalogueError, NotFound
from .models import Base, Id

ROLES = ("officer", "reviewer", "admin")
ROLE_LABELS = {"officer": "Cán bộ kiểm soát TTHC", "reviewer": "Người kiểm tra văn bản",
               "admin": "Quản trị hệ thống"}
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
TOKEN_PREFIX = "tthc_"
# Rate limits of the login form (see ``login_refusal``).
ACCOUNT_FAILURES_PER_MINUTE = 5
IP_FAILURES_PER_HOUR = 100

_hasher = PasswordHasher()


class AccountError(CatalogueError):
    """A request about an account that cannot be carried out; the message says why."""


class User(Base):
    """A member of staff. ``session_generation`` changes to end every login session of the user."""
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_generation: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user", order_by="ApiToken.id")

    @property
    def display_name(self) -> str:
        return self.name or self.email


class ApiToken(Base):
    """A bearer token for the JSON API; only the SHA-256 of the token is stored."""
    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship(back_populates="tokens")


class LoginAttempt(Base):
    """One try at the login form, successful or not, kept for the log and the rate limits."""
    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_email_ip_at", "email", "ip", "at"),
        Index("ix_login_attempt_ip_at", "ip", "at"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    success: Mapped[bool] = mapped_column(Boolean)


# -- users -----------------------------------------------------------------------------------------

def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _check_email(email: str) -> str:
    email = normalise_email(email)
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email or len(email) > 254:
        raise AccountError("Địa chỉ email không hợp lệ.")
    return email


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"Vai trò không hợp lệ: “{role}” (officer, reviewer hoặc admin).")
    return role


def check_password(password: str, email: str = "") -> None:
    """Length rules only (NIST SP 800-63B): long passphrases beat composition rules."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"Mật khẩu không được dài quá {MAX_PASSWORD_LENGTH} ký tự.")
    if email and normalise_email(password) == normalise_email(email):
        raise AccountError("Mật khẩu không được trùng với địa chỉ email.")


def user_summary(user: User) -> dict[str, Any]:
    """What the audit trail records about a user (never the password hash)."""
    return {"email": user.email, "name": user.name, "role": user.role, "active": user.active}


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"Không tìm thấy tài khoản {user_id}.")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.active.desc(), User.email)))


def create_user(session: Session, actor: str, *, email: str, role: str, password: str,
                name: str | None = None) -> User:
    email = _check_email(email)
    _check_role(role)
    check_password(password, email)
    if find_user(session, email) is not None:
        raise AccountError(f"Đã có tài khoản với email {email}.")
    user = User(email=email, name=(name or "").strip(), role=role, active=True,
                password_hash=_hasher.hash(password), session_generation=1)
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", "user", user.id, None, user_summary(user))
    return user


def set_password(session: Session, actor: str, user: User, password: str) -> None:
    """A new password also ends every login session of the user."""
    check_password(password, user.email)
    user.password_hash = _hasher.hash(password)
    end_sessions(user)
    session.flush()
    audit.record(session, actor, "user.password", "user", user.id, None, {"email": user.email})


def generate_password() -> str:
    """A temporary password for a reset: 16 URL-safe characters (~96 bits)."""
    return secrets.token_urlsafe(12)


def set_role(session: Session, actor: str, user: User, role: str) -> None:
    _check_role(role)
    if user.role == role:
        return
    _keep_an_admin(session, user, role=role, active=user.active)
    before = user_summary(user)
    user.role = role
    end_sessions(user)
    session.flush()
    audit.record(session, actor, "user.role", "user", user.id, before, user_summary(user))


def set_active(session: Session, actor: str, user: User, active: bool) -> None:
    """Deactivating keeps the account (its name stays in the audit trail) but refuses every login."""
    if user.active == active:
        return
    _keep_an_admin(session, user, role=user.role, active=active)
    before = user_summary(user)
    user.active = active
    end_sessions(user)
    session.flush()
    audit.record(session, actor, "user.activate" if active else "user.deactivate", "user", user.id,
                 before, user_summary(user))


def _keep_an_admin(session: Session, user: User, *, role: str, active: bool) -> None:
    """Refuse the change that would leave nobody able to manage accounts."""
    if user.role != "admin" or not user.active or (role == "admin" and active):
        return
    others = session.scalar(select(func.count(User.id)).where(
        User.role == "admin", User.active.is_(True), User.id != user.id))
    if not others:
        raise AccountError("Đây là tài khoản quản trị cuối cùng còn hoạt động; hãy tạo tài khoản quản trị "
                           "khác trước.")


def end_sessions(user: User) -> None:
    """Every session cookie issued before this point stops working (logout on the server side)."""
    user.session_generation = (user.session_generation or 0) + 1


# -- login -----------------------------------------------------------------------------------------

_dummy_hash: str | None = None


def _spend_a_verification(password: str) -> None:
    """Verify against a throwaway hash so an unknown email takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_hex(16))
    try:
        _hasher.verify(_dummy_hash, password)
    except VerificationError:
        pass


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None (whatever the reason, same time)."""
    user = find_user(session, email)
    if user is None:
        _spend_a_verification(password)
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return user if user.active else None


def needs_rehash(user: User) -> bool:
    return _hasher.check_needs_rehash(user.password_hash)


def rehash(user: User, password: str) -> None:
    """Re-hash with the current parameters after a successful login (no session change)."""
    user.password_hash = _hasher.hash(password)


def record_login_attempt(session: Session, email: str, ip: str, success: bool) -> LoginAttempt:
    attempt = LoginAttempt(email=normalise_email(email)[:254], ip=(ip or "?")[:64], success=success)
    session.add(attempt)
    session.flush()
    return attempt


def login_refusal(session: Session, email: str, ip: str, now: dt.datetime | None = None) -> str | None:
    """Why a login must be refused before checking the password, or None.

    At most ``ACCOUNT_FAILURES_PER_MINUTE`` failed logins in a minute for one account from one
    address, and ``IP_FAILURES_PER_HOUR`` in an hour from one address; the next try is refused.
    """
    now = now or utcnow()
    email, ip = normalise_email(email)[:254], (ip or "?")[:64]
    failures = select(func.count(LoginAttempt.id)).where(LoginAttempt.ip == ip, LoginAttempt.success.is_(False))
    per_account = session.scalar(failures.where(LoginAttempt.email == email,
                                                LoginAttempt.at > now - dt.timedelta(minutes=1)))
    if per_account >= ACCOUNT_FAILURES_PER_MINUTE:
        return "account"
    per_ip = session.scalar(failures.where(LoginAttempt.at > now - dt.timedelta(hours=1)))
    if per_ip >= IP_FAILURES_PER_HOUR:
        return "ip"
    return None


def recent_attempts(session: Session, email: str, limit: int = 20) -> list[LoginAttempt]:
    """The latest tries to log in as ``email``, newest first (for the account's page)."""
    return list(session.scalars(select(LoginAttempt).where(LoginAttempt.email == normalise_email(email))
                                .order_by(LoginAttempt.id.desc()).limit(limit)))


def mark_login(user: User) -> None:
    user.last_login_at = utcnow()


# -- API tokens ------------------------------------------------------------------------------------

def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, actor: str, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the token itself is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise AccountError("Hãy đặt tên cho khóa API (ví dụ: tên ứng dụng sẽ dùng nó).")
    if not user.active:
        raise AccountError("Tài khoản đã bị khóa, không tạo được khóa API.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=hash_token(token), name=name[:200], revoked=False)
    session.add(row)
    session.flush()
    audit.record(session, actor, "token.create", "api_token", row.id, None,
                 {"user": user.email, "name": row.name})
    return row, token


def verify_token(session: Session, token: str) -> ApiToken | None:
    """The live token (not revoked, its user active) for this bearer string, or None."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked or not row.user.active:
        return None
    return row


def touch_token(session: Session, token_id: int, now: dt.datetime | None = None) -> None:
    row = session.get(ApiToken, token_id)
    if row is not None:
        row.last_used_at = now or utcnow()
        session.flush()


def revoke_token(session: Session, actor: str, token_id: int) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFound(f"Không tìm thấy khóa API {token_id}.")
    if not row.revoked:
        row.revoked = True
        session.flush()
        audit.record(session, actor, "token.revoke", "api_token", row.id, None,
                     {"user": row.user.email, "name": row.name})
    return row


def list_tokens(session: Session, user: User | None = None) -> list[ApiToken]:
    stmt = select(ApiToken).order_by(ApiToken.revoked, ApiToken.created_at.desc())
    if user is not None:
        stmt = stmt.where(ApiToken.user_id == user.id)
    return list(session.scalars(stmt))
