"""Erase everything Wegwijs itself keeps about one conversation.

Handoffs, their notes and ownership transitions, and the ownership record are deleted; for
each organisation that held a handoff, an audit record notes that an erasure happened (the
handoff id only, no text), so the organisation can answer for it.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.console.models import AuditRecord, Note
from bot.handoff.models import ConversationOwner, Handoff, Transition


def erase_records(db: Session, conversation_id: str, reason: str = "erased_on_request") -> int:
    """Delete the conversation's handoffs and everything attached; returns how many handoffs."""
    handoffs = db.execute(
        select(Handoff.id, Handoff.organisation_id).where(
            Handoff.conversation_id == conversation_id
        )
    ).all()
    ids = [handoff_id for handoff_id, _ in handoffs]
    if ids:
        db.execute(delete(Note).where(Note.handoff_id.in_(ids)))
    db.execute(delete(Transition).where(Transition.conversation_id == conversation_id))
    db.execute(delete(Handoff).where(Handoff.conversation_id == conversation_id))
    db.execute(
        delete(ConversationOwner).where(ConversationOwner.conversation_id == conversation_id)
    )
    for handoff_id, organisation_id in handoffs:
        db.add(AuditRecord(organisation_id=organisation_id, action=reason, handoff_id=handoff_id))
    return len(ids)
