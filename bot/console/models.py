"""Caseworker accounts, their console sessions, private notes and the audit log."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text

from bot.db.base import Base, UUIDString, new_id, utcnow

CASEWORKER, COORDINATOR = "caseworker", "coordinator"
ROLES = (CASEWORKER, COORDINATOR)


class Caseworker(Base):
    __tablename__ = "caseworkers"

    id = Column(UUIDString, primary_key=True, default=new_id)
    organisation_id = Column(UUIDString, ForeignKey("organisations.id"), nullable=False, index=True)
    email = Column(String(254), nullable=False, unique=True)
    name = Column(String(120), nullable=False)
    role = Column(String(16), nullable=False, default=CASEWORKER)
    password_hash = Column(String(255), nullable=False)
    totp_secret = Column(String(64), nullable=True)
    disabled = Column(Boolean, nullable=False, default=False)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime, nullable=True)
    on_duty = Column(Boolean, nullable=False, default=False)
    last_seen = Column(DateTime, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class ConsoleSession(Base):
    """A logged-in browser. Only a hash of the cookie value is stored."""

    __tablename__ = "console_sessions"

    token_hash = Column(String(64), primary_key=True)
    caseworker_id = Column(
        UUIDString, ForeignKey("caseworkers.id", ondelete="CASCADE"), nullable=False, index=True
    )
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)


class Note(Base):
    """A private note of a caseworker on a handoff; the newcomer never sees it."""

    __tablename__ = "handoff_notes"

    id = Column(UUIDString, primary_key=True, default=new_id)
    handoff_id = Column(
        UUIDString, ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False, index=True
    )
    author_id = Column(UUIDString, ForeignKey("caseworkers.id"), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class AuditRecord(Base):
    """Who did or read what, and when. Never the text of a message or note."""

    __tablename__ = "audit_records"

    id = Column(UUIDString, primary_key=True, default=new_id)
    organisation_id = Column(UUIDString, nullable=False, index=True)
    actor_id = Column(UUIDString, nullable=True)
    action = Column(String(40), nullable=False)
    handoff_id = Column(UUIDString, nullable=True, index=True)
    at = Column(DateTime, nullable=False, default=utcnow)
