"""Bring the database up to date and fill an empty partner directory.

`python -m bot.partners.seed` (run by `make run`) applies the migrations, loads the partners
of every municipality from `content/municipalities/<slug>/partners.yml` when the database has
no organisations yet, and, outside production, creates one demo caseworker per organisation
plus a demo coordinator, whose log-ins it keeps in var/demo-logins.txt (readable by the owner
only) and prints.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pyotp
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.console.accounts import create_account
from bot.console.models import COORDINATOR
from bot.db.base import session_scope
from bot.db.migrate import upgrade
from bot.partners.models import Organisation
from bot.settings import get_settings

FIELDS = (
    "slug",
    "kind",
    "name",
    "languages",
    "office_hours",
    "accepts_live_handoff",
    "takes_confidential",
    "contact",
    "retention_days",
    "confidential_retention_days",
)


def partner_files(content_dir: Path) -> list[tuple[str, Path]]:
    folder = content_dir / "municipalities"
    return [(path.parent.name, path) for path in sorted(folder.glob("*/partners.yml"))]


def load_partners(db: Session, content_dir: Path) -> list[Organisation]:
    added = []
    for municipality, path in partner_files(content_dir):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("organisations") or []:
            values = {key: entry[key] for key in FIELDS if key in entry}
            organisation = Organisation(municipality=municipality, **values)
            db.add(organisation)
            added.append(organisation)
    db.flush()
    return added


def create_demo_accounts(db: Session, organisations: list[Organisation]) -> list[str]:
    """One caseworker per organisation and one coordinator; returns printable log-in lines."""
    lines = []
    for organisation in organisations:
        password = secrets.token_urlsafe(12)
        email = f"demo.{organisation.slug}@wegwijs.example"
        create_account(
            db,
            organisation=organisation,
            email=email,
            name="Demo " + organisation.kind,
            password=password,
        )
        lines.append(f"{organisation.name}: {email} / {password}")
    municipal = next((org for org in organisations if org.kind == "municipality"), None)
    if municipal is not None:
        password = secrets.token_urlsafe(12)
        email = f"coordinator.{municipal.slug}@wegwijs.example"
        account = create_account(
            db,
            organisation=municipal,
            email=email,
            name="Demo coordinator",
            password=password,
            role=COORDINATOR,
        )
        uri = pyotp.TOTP(account.totp_secret).provisioning_uri(email, issuer_name="Wegwijs")
        lines.append(f"{municipal.name} (coordinator): {email} / {password}")
        lines.append(f"  one-time codes: secret {account.totp_secret} ({uri})")
    return lines


def seed() -> list[str]:
    """Migrate, seed when empty; the demo log-in lines (empty in production)."""
    settings = get_settings()
    upgrade(settings.sqlalchemy_url)
    logins_file = settings.var_dir / "demo-logins.txt"
    with session_scope() as db:
        if db.execute(select(func.count()).select_from(Organisation)).scalar_one():
            return _read_logins(logins_file) if not settings.is_production else []
        organisations = load_partners(db, settings.content_dir)
        if settings.is_production:
            return []
        lines = create_demo_accounts(db, organisations)
    logins_file.parent.mkdir(parents=True, exist_ok=True)
    logins_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    logins_file.chmod(0o600)
    return lines


def _read_logins(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


if __name__ == "__main__":
    for line in seed():
        print(line)
