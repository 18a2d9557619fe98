"""Caseworker accounts: argon2 hashes, throttling, one-time codes, sessions that end."""

from __future__ import annotations

import pyotp
import pytest

from bot.console import accounts
from bot.db.base import session_factory
from bot.partners.models import Organisation


@pytest.fixture
def db(wegwijs_db):
    with session_factory(wegwijs_db)() as session:
        organisation = Organisation(slug="o", municipality="x", kind="coc", name="O")
        session.add(organisation)
        session.flush()
        session.info["organisation"] = organisation
        yield session


def make(db, role="caseworker"):
    return accounts.create_account(
        db,
        organisation=db.info["organisation"],
        email=f" A.{role}@X.nl ",
        name="A",
        password="correct horse battery",
        role=role,
    )


def test_password_is_stored_as_argon2_and_email_normalised(db):
    account = make(db)
    assert account.password_hash.startswith("$argon2id$")
    assert account.email == "a.caseworker@x.nl"
    session = accounts.log_in(db, "a.CASEWORKER@x.nl", "correct horse battery")
    assert accounts.session_for(db, session.token)[1].id == account.id
    assert accounts.session_for(db, "made-up") is None


def test_five_failures_lock_the_account_even_for_the_right_password(db):
    make(db)
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(accounts.LoginError, match="invalid_credentials"):
            accounts.log_in(db, "a.caseworker@x.nl", "wrong")
    with pytest.raises(accounts.LoginError, match="too_many_attempts"):
        accounts.log_in(db, "a.caseworker@x.nl", "correct horse battery")


def test_unknown_account_answers_like_a_wrong_password(db):
    with pytest.raises(accounts.LoginError, match="invalid_credentials"):
        accounts.log_in(db, "nobody@x.nl", "whatever")


def test_coordinators_need_a_one_time_code(db):
    account = make(db, role="coordinator")
    with pytest.raises(accounts.LoginError, match="totp_required"):
        accounts.log_in(db, account.email, "correct horse battery")
    with pytest.raises(accounts.LoginError, match="invalid_credentials"):
        accounts.log_in(db, account.email, "correct horse battery", "000000")
    code = pyotp.TOTP(account.totp_secret).now()
    assert accounts.log_in(db, account.email, "correct horse battery", code).token


def test_disabling_an_account_ends_its_sessions_at_once(db):
    account = make(db)
    session = accounts.log_in(db, account.email, "correct horse battery")
    accounts.disable_account(db, account.id)
    assert accounts.session_for(db, session.token) is None
    with pytest.raises(accounts.LoginError):
        accounts.log_in(db, account.email, "correct horse battery")


def test_A9_access_review_lists_one_organisation_only(db):
    from bot.console.cli import access_review

    make(db)
    make(db, role="coordinator")
    other = Organisation(slug="m", municipality="x", kind="municipality", name="M")
    db.add(other)
    db.flush()
    accounts.create_account(
        db, organisation=other, email="m@x.nl", name="M", password="correct horse battery"
    )
    rows = access_review(db, db.info["organisation"])
    assert [(row[0], row[2], row[4]) for row in rows] == [
        ("a.caseworker@x.nl", "caseworker", "no"),
        ("a.coordinator@x.nl", "coordinator", "yes"),
    ]
