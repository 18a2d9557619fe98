"""Shared fixtures: the project's content catalog and domain."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalog():
    from bot.content.catalog import load_catalog

    return load_catalog(ROOT / "content")


@pytest.fixture(scope="session")
def domain_dict() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The real Rasa server, action server and web app, started once per test session."""
    from tests.stack_runner import start_stack

    running = start_stack(tmp_path_factory.mktemp("stack"))
    yield running
    running.stop()


@pytest.fixture
def wegwijs_db(tmp_path, monkeypatch):
    """An empty, migrated SQLite database that the settings of this process point to."""
    from bot.db.migrate import upgrade
    from bot.settings import get_settings

    url = f"sqlite:///{tmp_path / 'wegwijs.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("WEGWIJS_VAR_DIR", str(tmp_path))
    get_settings.cache_clear()
    upgrade(url)
    yield url
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def pg_stack(tmp_path_factory):
    """The same stack on a fresh database of the local PostgreSQL (DATABASE_URL)."""
    import uuid

    import sqlalchemy as sa

    from tests.stack_runner import start_stack

    name = "wegwijs_stack_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(
        "postgresql://root@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    url = f"postgresql://root@127.0.0.1:5432/{name}"
    running = start_stack(tmp_path_factory.mktemp("pg_stack"), {"DATABASE_URL": url})
    yield running
    running.stop()
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
