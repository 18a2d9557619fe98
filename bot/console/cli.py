"""Manage caseworker accounts from the command line.

python -m bot.console.cli create --organisation lindewaard-coc --email a@b.nl --name "A. B."
    [--role coordinator]      asks for the password twice; prints the one-time-code
                              secret of a coordinator
python -m bot.console.cli disable --email a@b.nl     ends every session of the account
python -m bot.console.cli organisations              lists the organisation slugs
"""

from __future__ import annotations

import argparse
import getpass
import sys

import pyotp
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.console.accounts import create_account, disable_account, members, normalise_email
from bot.console.models import ROLES, Caseworker
from bot.db.base import session_scope
from bot.db.migrate import upgrade
from bot.partners.models import Organisation
from bot.partners.routing import by_slug

MIN_PASSWORD = 12


def _password() -> str:
    first = getpass.getpass("Password (at least 12 characters): ")
    if len(first) < MIN_PASSWORD or first != getpass.getpass("Again: "):
        sys.exit("The passwords differ or are too short.")
    return first


def access_review(db: Session, organisation: Organisation) -> list[tuple[str, ...]]:
    """Every account of one organisation, and nothing of any other."""
    return [
        (
            account.email,
            account.name,
            account.role,
            "disabled" if account.disabled else "active",
            "yes" if account.totp_secret else "no",
            account.last_seen.isoformat() + "Z" if account.last_seen else "never",
        )
        for account in members(db, organisation.id)
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.console.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create")
    create.add_argument("--organisation", required=True)
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--role", choices=ROLES, default="caseworker")
    disable = commands.add_parser("disable")
    disable.add_argument("--email", required=True)
    commands.add_parser("organisations")
    review = commands.add_parser("review")
    review.add_argument("--organisation", required=True)
    args = parser.parse_args(argv)
    upgrade()
    with session_scope() as db:
        if args.command == "organisations":
            for org in db.execute(select(Organisation).order_by(Organisation.slug)).scalars():
                print(f"{org.slug}\t{org.kind}\t{org.name}")
        elif args.command == "create":
            organisation = by_slug(db, args.organisation)
            if organisation is None:
                sys.exit(f"No organisation {args.organisation!r}; see the 'organisations' command.")
            account = create_account(
                db,
                organisation=organisation,
                email=args.email,
                name=args.name,
                password=_password(),
                role=args.role,
            )
            print(f"Created {account.email} ({account.role}).")
            if account.totp_secret:
                uri = pyotp.TOTP(account.totp_secret).provisioning_uri(account.email, "Wegwijs")
                print(f"One-time codes: add this to an authenticator app: {uri}")
        elif args.command == "review":
            organisation = by_slug(db, args.organisation)
            if organisation is None:
                sys.exit(f"No organisation {args.organisation!r}.")
            print("email\tname\trole\tstate\tsecond factor\tlast seen")
            for row in access_review(db, organisation):
                print("\t".join(row))
        else:
            email = normalise_email(args.email)
            account = db.execute(
                select(Caseworker).where(Caseworker.email == email)
            ).scalar_one_or_none()
            if account is None:
                sys.exit("No such account.")
            disable_account(db, account.id)
            print("Disabled; every session of this account has ended.")


if __name__ == "__main__":
    main()
