"""Who owns a conversation, its handoffs to partners, and every change of owner."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, String, text

from bot.db.base import Base, UUIDString, new_id, utcnow

# Ownership of a conversation: the bot, waiting for a partner, a person, or closed by a person.
BOT, WAITING, HUMAN, CLOSED = "bot", "waiting", "human", "closed"
OPEN_STATES = (WAITING, HUMAN)


class ConversationOwner(Base):
    __tablename__ = "conversation_owners"

    conversation_id = Column(String(64), primary_key=True)
    owner = Column(String(16), nullable=False, default=BOT)
    updated_at = Column(DateTime, nullable=False, default=utcnow)


class Handoff(Base):
    __tablename__ = "handoffs"

    id = Column(UUIDString, primary_key=True, default=new_id)
    conversation_id = Column(String(64), nullable=False, index=True)
    organisation_id = Column(UUIDString, ForeignKey("organisations.id"), nullable=False, index=True)
    state = Column(String(16), nullable=False, default=WAITING)
    topic = Column(String(64), nullable=True)
    municipality = Column(String(64), nullable=True)
    language = Column(String(8), nullable=False)
    confidential = Column(Boolean, nullable=False, default=False)
    consent_version = Column(String(64), nullable=False)
    consented_at = Column(DateTime, nullable=False, default=utcnow)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    claimed_by = Column(UUIDString, nullable=True)
    claimed_at = Column(DateTime, nullable=True)
    ended_at = Column(DateTime, nullable=True)

    __table_args__ = (
        # Exactly one open handoff per conversation: enforced by the database, not by a check.
        Index(
            "uq_handoffs_open_conversation",
            "conversation_id",
            unique=True,
            sqlite_where=text("state IN ('waiting', 'human')"),
            postgresql_where=text("state IN ('waiting', 'human')"),
        ),
    )


class Transition(Base):
    __tablename__ = "ownership_transitions"

    id = Column(UUIDString, primary_key=True, default=new_id)
    conversation_id = Column(String(64), nullable=False, index=True)
    handoff_id = Column(UUIDString, ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=True)
    from_owner = Column(String(16), nullable=False)
    to_owner = Column(String(16), nullable=False)
    actor = Column(String(80), nullable=False)  # "user", "bot", "caseworker:<id>", "system"
    at = Column(DateTime, nullable=False, default=utcnow)
