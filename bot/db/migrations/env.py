"""Alembic environment: Wegwijs' tables only (Rasa's `events` table is Rasa's business)."""

from __future__ import annotations

from typing import Any

from alembic import context

from bot.db.models import Base
from bot.storage.engine import create_engine

config = context.config
WEGWIJS_TABLES = set(Base.metadata.tables)


def include_object(
    obj: Any, name: str | None, type_: Any, reflected: bool, compare_to: Any
) -> bool:
    return type_ != "table" or name in WEGWIJS_TABLES


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
