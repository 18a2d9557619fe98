"""Caseworker accounts: creation, log-in with throttling and a second factor, sessions.

Passwords are hashed with argon2id. After `MAX_FAILURES` wrong attempts an account is locked
for `LOCK_MINUTES`, whatever password comes next. Coordinators must use a one-time code
(TOTP) as well. A session is a random cookie value of which only the SHA-256 is stored; it
ends at log-out, after `SESSION_HOURS`, and at once when the account is disabled.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.console.models import COORDINATOR, ROLES, Caseworker, ConsoleSession
from bot.db.base import utcnow
from bot.partners.models import Organisation

MAX_FAILURES = 5
LOCK_MINUTES = 15
SESSION_HOURS = 10
_hasher = PasswordHasher()
# Verified when the e-mail address is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class LoginError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class NewSession:
    token: str
    csrf_token: str
    caseworker: Caseworker


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_account(
    db: Session,
    *,
    organisation: Organisation,
    email: str,
    name: str,
    password: str,
    role: str = "caseworker",
) -> Caseworker:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    account = Caseworker(
        organisation_id=organisation.id,
        email=normalise_email(email),
        name=name,
        role=role,
        password_hash=_hasher.hash(password),
        totp_secret=pyotp.random_base32() if role == COORDINATOR else None,
    )
    db.add(account)
    db.flush()
    return account


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def log_in(db: Session, email: str, password: str, totp: str | None = None) -> NewSession:
    account = db.execute(
        select(Caseworker).where(Caseworker.email == normalise_email(email)).with_for_update()
    ).scalar_one_or_none()
    now = utcnow()
    if account is not None and account.locked_until and account.locked_until > now:
        raise LoginError("too_many_attempts")
    try:
        _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
        valid = account is not None and not account.disabled
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid:
        if account is not None:
            account.failed_logins += 1
            if account.failed_logins >= MAX_FAILURES:
                account.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                account.failed_logins = 0
        raise LoginError("invalid_credentials")
    assert account is not None
    if account.totp_secret:
        if not totp:
            raise LoginError("totp_required")
        if not pyotp.TOTP(account.totp_secret).verify(totp.strip(), valid_window=1):
            account.failed_logins += 1
            raise LoginError("invalid_credentials")
    account.failed_logins, account.locked_until, account.last_seen = 0, None, now
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    db.add(
        ConsoleSession(
            token_hash=_hash_token(token),
            caseworker_id=account.id,
            csrf_token=csrf,
            expires_at=now + timedelta(hours=SESSION_HOURS),
        )
    )
    return NewSession(token=token, csrf_token=csrf, caseworker=account)


def session_for(db: Session, token: str | None) -> tuple[ConsoleSession, Caseworker] | None:
    """The live session of a cookie value, or None (expired, unknown, account disabled)."""
    if not token:
        return None
    row = db.get(ConsoleSession, _hash_token(token))
    if row is None or row.expires_at <= utcnow():
        return None
    account = db.get(Caseworker, row.caseworker_id)
    if account is None or account.disabled:
        return None
    return row, account


def log_out(db: Session, token: str) -> None:
    db.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == _hash_token(token)))


def disable_account(db: Session, caseworker_id: uuid.UUID) -> None:
    """Disable an account and end all its sessions at once."""
    account = db.get(Caseworker, caseworker_id)
    if account is not None:
        account.disabled = True
        account.on_duty = False
    db.execute(delete(ConsoleSession).where(ConsoleSession.caseworker_id == caseworker_id))


def members(db: Session, organisation_id: uuid.UUID) -> list[Caseworker]:
    """Every account of one organisation, by name then e-mail, and nothing of any other."""
    return list(
        db.execute(
            select(Caseworker)
            .where(Caseworker.organisation_id == organisation_id)
            .order_by(Caseworker.name, Caseworker.email)
        ).scalars()
    )


def count_accounts(db: Session) -> int:
    return int(db.execute(select(func.count()).select_from(Caseworker)).scalar_one())
