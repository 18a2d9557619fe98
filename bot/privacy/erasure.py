"""Erase a conversation from Rasa's tracker store.

Rasa 3.6 has no delete endpoint and appends the in-memory tracker when a turn ends, so an
action cannot delete its own conversation mid-turn. The action sets `erase_requested`; once
Rasa has saved the turn (still holding the conversation lock), `erase_after_save` deletes
every stored event of that conversation.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore

from bot.db.base import session_scope
from bot.privacy.records import erase_records

logger = logging.getLogger(__name__)
ERASE_SLOT = "erase_requested"


def erase_tracker(store: Any, sender_id: str) -> int:
    """Delete all stored events of `sender_id`; returns how many were deleted."""
    # Rasa wraps every tracker store in a FailSafeTrackerStore.
    inner = getattr(store, "_tracker_store", store)
    if isinstance(inner, SQLTrackerStore):
        with inner.session_scope() as session:
            deleted = (
                session.query(inner.SQLEvent)
                .filter(inner.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
            return int(deleted)
    if isinstance(inner, InMemoryTrackerStore):
        return 1 if inner.store.pop(sender_id, None) is not None else 0
    raise TypeError(f"erasure is not implemented for {type(inner).__name__}")


def erase_conversation(store: Any, sender_id: str) -> int:
    """Erase the conversation everywhere: Rasa's tracker and Wegwijs' own records."""
    with session_scope() as db:
        erase_records(db, sender_id)
    return erase_tracker(store, sender_id)


def erase_if_requested(store: Any, tracker: Any) -> None:
    if tracker.get_slot(ERASE_SLOT):
        count = erase_conversation(store, tracker.sender_id)
        logger.info("conversation erased on request", extra={"count": count})
