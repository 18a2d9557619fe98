"""Delete conversations whose retention period has passed; `make retention` runs it once,
and the web app runs it every `WEGWIJS_RETENTION_INTERVAL_MINUTES`.

- A conversation that was handed to a partner is kept, after its last handoff ended, for the
  partner's `retention_days` (default 90) or, when confidential,
  `confidential_retention_days` (default 30). An open handoff keeps it.
- A conversation with the bot alone is kept `WEGWIJS_CONVERSATION_RETENTION_DAYS` (default
  30) after its last event.

Deleted: Rasa's tracker events, handoffs, notes, ownership records. The log gets counts only.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.base import session_scope, utcnow
from bot.handoff.models import OPEN_STATES, Handoff
from bot.partners.models import Organisation
from bot.privacy.records import erase_records
from bot.settings import get_settings

logger = logging.getLogger(__name__)


def _handed_over_due(db: Session, now: datetime) -> tuple[set[str], set[str]]:
    """(conversations past retention, conversations that had any handoff)."""
    rows = db.execute(
        select(
            Handoff.conversation_id,
            Handoff.state,
            Handoff.ended_at,
            Handoff.confidential,
            Organisation.retention_days,
            Organisation.confidential_retention_days,
        ).join(Organisation, Organisation.id == Handoff.organisation_id)
    ).all()
    handed_over: set[str] = set()
    kept: set[str] = set()
    for conversation, state, ended_at, confidential, days, confidential_days in rows:
        handed_over.add(conversation)
        keep_days = confidential_days if confidential else days
        if state in OPEN_STATES or ended_at is None or ended_at > now - timedelta(days=keep_days):
            kept.add(conversation)
    return handed_over - kept, handed_over


def _bot_only_due(db: Session, cutoff: float, handed_over: set[str]) -> set[str]:
    try:
        rows = db.execute(
            sa.text(
                "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"
            ),
            {"cutoff": cutoff},
        ).scalars()
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return set()  # no conversation was ever stored
    return {sender for sender in rows if sender not in handed_over}


def _delete_events(db: Session, conversation_id: str) -> int:
    try:
        result = db.execute(
            sa.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": conversation_id}
        )
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return 0
    return int(result.rowcount or 0)


def run_retention(db: Session, now: datetime | None = None) -> dict[str, int]:
    now = now or utcnow()
    settings = get_settings()
    handed_due, handed_over = _handed_over_due(db, now)
    cutoff = now.replace(tzinfo=timezone.utc).timestamp()
    cutoff -= settings.conversation_retention_days * 86400
    bot_due = _bot_only_due(db, cutoff, handed_over)
    counts = {"conversations": 0, "handoffs": 0, "events": 0}
    for conversation_id in sorted(handed_due | bot_due):
        counts["handoffs"] += erase_records(db, conversation_id, reason="erased_by_retention")
        counts["events"] += _delete_events(db, conversation_id)
        counts["conversations"] += 1
    return counts


def run_once() -> dict[str, int]:
    with session_scope() as db:
        counts = run_retention(db)
    for table, count in counts.items():
        logger.info("retention deleted", extra={"table": table, "count": count})
    return counts


if __name__ == "__main__":
    from bot.logging_setup import configure_logging

    configure_logging(get_settings())
    run_once()
