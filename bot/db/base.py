"""Declarative base, engine and sessions for Wegwijs' own tables.

Services take a `Session` as their first argument; only entry points (the web app, the action
server, command-line jobs) create sessions, with `session_scope`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import MetaData, String, TypeDecorator
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from bot.settings import get_settings
from bot.storage.engine import create_engine

# Constraint names that Alembic can rely on, on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Base = declarative_base(metadata=MetaData(naming_convention=NAMING))


class UUIDString(TypeDecorator):
    """A UUID stored as 36 characters, the same on SQLite and PostgreSQL."""

    impl = String(36)
    cache_ok = True

    def process_bind_param(self, value: object, dialect: object) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: object, dialect: object) -> uuid.UUID | None:
        return None if value is None else uuid.UUID(str(value))


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    return create_engine(url)


def session_factory(url: str | None = None) -> sessionmaker:
    return sessionmaker(
        bind=engine_for(url or get_settings().sqlalchemy_url), future=True, expire_on_commit=False
    )


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits when the block succeeds and rolls back when it raises."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
