"""Every table of Wegwijs, imported in one place for migrations and tests."""

from bot.db.base import Base
from bot.handoff.models import ConversationOwner, Handoff, Transition
from bot.partners.models import Organisation

__all__ = ["Base", "ConversationOwner", "Handoff", "Organisation", "Transition"]
