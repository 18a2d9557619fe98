"""Organisations that can take a conversation over from the bot."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Integer, String

from bot.db.base import Base, UUIDString, new_id


class Organisation(Base):
    __tablename__ = "organisations"

    id = Column(UUIDString, primary_key=True, default=new_id)
    slug = Column(String(64), nullable=False, unique=True)
    municipality = Column(String(64), nullable=False, index=True)
    kind = Column(String(32), nullable=False)  # municipality, vluchtelingenwerk, coc, taalhuis
    name = Column(String(200), nullable=False)
    languages = Column(JSON, nullable=False, default=list)
    # {"mon": [["09:00", "17:00"]], ...} in the municipality's local time (Europe/Amsterdam)
    office_hours = Column(JSON, nullable=False, default=dict)
    accepts_live_handoff = Column(Boolean, nullable=False, default=True)
    takes_confidential = Column(Boolean, nullable=False, default=False)
    contact = Column(JSON, nullable=False, default=dict)
    retention_days = Column(Integer, nullable=False, default=90)
    confidential_retention_days = Column(Integer, nullable=False, default=30)
