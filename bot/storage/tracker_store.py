"""Rasa's SQL tracker store, configured from DATABASE_URL (SQLite under var/ by default)."""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from bot.settings import get_settings
from bot.storage.engine import create_engine


class WegwijsTrackerStore(SQLTrackerStore):
    """SQLTrackerStore on the configured database, with connection pre-ping.

    Without pre-ping the first turn after a database restart fails on a stale connection.
    """

    def __init__(
        self, domain: Domain | None = None, event_broker: Any = None, **kwargs: Any
    ) -> None:
        url = make_url(get_settings().sqlalchemy_url)
        for key in ("host", "dialect", "db", "username", "password", "port", "login_db"):
            kwargs.pop(key, None)
        address = url.render_as_string(hide_password=False)
        create_engine(address, future=False).dispose()  # creates the SQLite folder if needed
        super().__init__(
            domain=domain,
            dialect=url.get_backend_name(),
            host=url.host,
            port=url.port,
            db=url.database or "",
            username=url.username,
            password=url.password,
            event_broker=event_broker,
            **kwargs,
        )
        self.engine.dispose()  # type: ignore[has-type]
        self.engine = create_engine(address, future=False)
        self.sessionmaker = sessionmaker(bind=self.engine)
