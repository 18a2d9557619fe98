"""The ownership state machine of a conversation, and the handoffs that move it.

    bot -> waiting (a handoff to a partner is open) -> human (a caseworker claimed it)
        -> bot (handed back) | closed (ended by the caseworker); closed -> bot when the
        newcomer writes again; waiting -> bot when the newcomer withdraws.

Every change is one database transaction that also records who made it and when. Claims are
a conditional UPDATE, so two caseworkers claiming at once cannot both win; a second request
for a person while one is open returns the open handoff (the unique index makes sure).
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.base import utcnow
from bot.handoff.models import (
    BOT,
    CLOSED,
    HUMAN,
    OPEN_STATES,
    WAITING,
    ConversationOwner,
    Handoff,
    Transition,
)

ALLOWED = {
    (BOT, WAITING),
    (WAITING, HUMAN),
    (WAITING, BOT),
    (HUMAN, BOT),
    (HUMAN, CLOSED),
    (WAITING, CLOSED),
    (CLOSED, BOT),
    (CLOSED, WAITING),
}


class HandoffError(Exception):
    """A request that does not fit the current state; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def owner_of(db: Session, conversation_id: str) -> str:
    record = db.get(ConversationOwner, conversation_id)
    return record.owner if record else BOT


def _move(
    db: Session, conversation_id: str, to_owner: str, actor: str, handoff_id: uuid.UUID | None
) -> None:
    record = db.get(ConversationOwner, conversation_id, with_for_update=True)
    current = record.owner if record else BOT
    if current == to_owner:
        return
    if (current, to_owner) not in ALLOWED:
        raise HandoffError(f"{current}_to_{to_owner}")
    if record is None:
        db.add(ConversationOwner(conversation_id=conversation_id, owner=to_owner))
    else:
        record.owner, record.updated_at = to_owner, utcnow()
    db.add(
        Transition(
            conversation_id=conversation_id,
            handoff_id=handoff_id,
            from_owner=current,
            to_owner=to_owner,
            actor=actor,
        )
    )


def open_handoff(db: Session, conversation_id: str) -> Handoff | None:
    query = select(Handoff).where(
        Handoff.conversation_id == conversation_id, Handoff.state.in_(OPEN_STATES)
    )
    return db.execute(query).scalar_one_or_none()


def request_handoff(
    db: Session,
    *,
    conversation_id: str,
    organisation_id: uuid.UUID,
    language: str,
    consent_version: str,
    topic: str | None = None,
    municipality: str | None = None,
    confidential: bool = False,
) -> Handoff:
    """Open a handoff after the user consented; returns the open one if there is one."""
    existing = open_handoff(db, conversation_id)
    if existing is not None:
        return existing
    handoff = Handoff(
        conversation_id=conversation_id,
        organisation_id=organisation_id,
        language=language,
        topic=topic,
        municipality=municipality,
        confidential=confidential,
        consent_version=consent_version,
    )
    try:
        with db.begin_nested():
            db.add(handoff)
            db.flush()
    except IntegrityError:
        # Someone else opened one at the same moment (a double click, a second tab).
        existing = open_handoff(db, conversation_id)
        if existing is None:
            raise
        return existing
    _move(db, conversation_id, WAITING, "user", handoff.id)
    return handoff


def _visible(db: Session, handoff_id: uuid.UUID, organisation_id: uuid.UUID) -> Handoff:
    handoff = db.get(Handoff, handoff_id)
    if handoff is None or handoff.organisation_id != organisation_id:
        raise HandoffError("not_found")  # the same answer whether it exists elsewhere or not
    return handoff


def claim(
    db: Session, *, handoff_id: uuid.UUID, caseworker_id: uuid.UUID, organisation_id: uuid.UUID
) -> Handoff:
    handoff = _visible(db, handoff_id, organisation_id)
    result = db.execute(
        update(Handoff)
        .where(Handoff.id == handoff_id, Handoff.state == WAITING)
        .values(state=HUMAN, claimed_by=caseworker_id, claimed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise HandoffError("not_waiting")
    db.refresh(handoff)
    _move(db, handoff.conversation_id, HUMAN, f"caseworker:{caseworker_id}", handoff.id)
    return handoff


def _end(db: Session, handoff: Handoff, state: str, owner: str, actor: str) -> Handoff:
    result = db.execute(
        update(Handoff)
        .where(Handoff.id == handoff.id, Handoff.state.in_(OPEN_STATES))
        .values(state=state, ended_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise HandoffError("not_open")
    db.refresh(handoff)
    _move(db, handoff.conversation_id, owner, actor, handoff.id)
    return handoff


def release(
    db: Session, *, handoff_id: uuid.UUID, caseworker_id: uuid.UUID, organisation_id: uuid.UUID
) -> Handoff:
    """Hand the conversation back to the bot."""
    handoff = _visible(db, handoff_id, organisation_id)
    if handoff.state != HUMAN or handoff.claimed_by != caseworker_id:
        raise HandoffError("not_yours")
    return _end(db, handoff, "released", BOT, f"caseworker:{caseworker_id}")


def close(
    db: Session, *, handoff_id: uuid.UUID, caseworker_id: uuid.UUID, organisation_id: uuid.UUID
) -> Handoff:
    handoff = _visible(db, handoff_id, organisation_id)
    return _end(db, handoff, CLOSED, CLOSED, f"caseworker:{caseworker_id}")


def withdraw(db: Session, *, conversation_id: str) -> Handoff | None:
    """The newcomer no longer waits for a person."""
    handoff = open_handoff(db, conversation_id)
    if handoff is None or handoff.state != WAITING:
        return None
    return _end(db, handoff, "withdrawn", BOT, "user")


def reopen_for_bot(db: Session, *, conversation_id: str) -> None:
    """A closed conversation in which the newcomer writes again belongs to the bot again."""
    if owner_of(db, conversation_id) == CLOSED:
        _move(db, conversation_id, BOT, "user", None)
