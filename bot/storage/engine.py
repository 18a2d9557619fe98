"""SQLAlchemy engines for Wegwijs' own tables and for Rasa's tracker store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets the web app read while Rasa writes; busy_timeout waits instead of failing.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_engine(url: str, future: bool = True, **kwargs: Any) -> Engine:
    """An engine that survives database restarts (pre-ping) and SQLite concurrency."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, future=future, **kwargs)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, future=future, pool_pre_ping=True, **kwargs)
