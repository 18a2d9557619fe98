"""Every table of Wegwijs, imported in one place for migrations and tests."""

from bot.console.models import AuditRecord, Caseworker, ConsoleSession, Note
from bot.db.base import Base
from bot.handoff.models import ConversationOwner, Handoff, Transition
from bot.partners.models import Organisation

__all__ = [
    "AuditRecord",
    "Base",
    "Caseworker",
    "ConsoleSession",
    "ConversationOwner",
    "Handoff",
    "Note",
    "Organisation",
    "Transition",
]
