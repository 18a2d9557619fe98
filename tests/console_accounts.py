"""Caseworker accounts and an HTTP client for the console API of a running test stack."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import pyotp
import requests
from sqlalchemy import select

from bot.console.accounts import create_account
from bot.console.models import Caseworker
from bot.db.base import session_factory
from bot.partners.routing import by_slug


def stack_database(stack) -> str:
    return stack.env.get("DATABASE_URL") or f"sqlite:///{stack.var_dir / 'wegwijs.db'}"


def seed_caseworker(stack, organisation_slug: str, role: str = "caseworker") -> tuple[str, str]:
    """A new account in the stack's database; returns (email, password)."""
    email = f"test.{secrets.token_hex(4)}@{organisation_slug}.example"
    password = secrets.token_urlsafe(16)
    with session_factory(stack_database(stack))() as db:
        organisation = by_slug(db, organisation_slug)
        assert organisation is not None, organisation_slug
        create_account(
            db,
            organisation=organisation,
            email=email,
            name=f"Test {role}",
            password=password,
            role=role,
        )
        db.commit()
    return email, password


def totp_now(stack, email: str) -> str:
    with session_factory(stack_database(stack))() as db:
        account = db.execute(select(Caseworker).where(Caseworker.email == email)).scalar_one()
        return pyotp.TOTP(account.totp_secret).now()


@dataclass
class ConsoleClient:
    """Talks to /api like the console page does: session cookie plus CSRF header.

    The cookie is Secure, which `requests` would not send over plain HTTP, so it is passed
    explicitly.
    """

    base: str
    cookie: str = ""
    csrf: str = ""
    http: requests.Session = field(default_factory=requests.Session)

    def login(self, email: str, password: str, totp: str | None = None) -> requests.Response:
        answer = self.http.post(
            f"{self.base}/api/login", json={"email": email, "password": password, "totp": totp}
        )
        if answer.status_code == 200:
            self.cookie = answer.cookies.get("wegwijs_console") or ""
            self.csrf = answer.json()["csrf_token"]
        return answer

    def _headers(self) -> dict[str, str]:
        return {"Cookie": f"wegwijs_console={self.cookie}", "X-CSRF-Token": self.csrf}

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(f"{self.base}{path}", headers=self._headers(), timeout=10, **kwargs)

    def post(self, path: str, json: dict | None = None, **kwargs) -> requests.Response:
        headers = {**self._headers(), **kwargs.pop("headers", {})}
        return self.http.post(
            f"{self.base}{path}", json=json or {}, headers=headers, timeout=10, **kwargs
        )

    def handoffs(self) -> list[dict]:
        answer = self.get("/api/handoffs")
        answer.raise_for_status()
        return answer.json()["handoffs"]


def signed_in(stack, organisation_slug: str, role: str = "caseworker") -> ConsoleClient:
    email, password = seed_caseworker(stack, organisation_slug, role)
    client = ConsoleClient(stack.web_url)
    totp = totp_now(stack, email) if role == "coordinator" else None
    answer = client.login(email, password, totp)
    assert answer.status_code == 200, answer.text
    return client
