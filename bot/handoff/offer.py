"""What the bot offers when a newcomer needs a person, and what it says once it is arranged.

Plain functions over a database session and the content catalog; the dialogue actions in
`actions/handoff.py` only pass the tracker's facts in and the responses out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content.catalog import Catalog
from bot.handoff.models import Handoff
from bot.partners.hours import is_open, next_opening
from bot.partners.models import Organisation
from bot.partners.routing import FALLBACK_KIND, route


@dataclass(frozen=True)
class Reply:
    response: str
    values: dict[str, str] = field(default_factory=dict)


def topic_of(catalog: Catalog, intents: list[str]) -> str | None:
    """The latest topic the newcomer asked about, from their intents oldest first."""
    return next((name for name in reversed(intents) if name in catalog.topics), None)


CONFIDENTIAL = "confidential"  # the slot value that stands for any confidential topic


def is_confidential(catalog: Catalog, topic: str | None) -> bool:
    info = catalog.topics.get(topic or "")
    return topic == CONFIDENTIAL or bool(info and info.confidential)


def confidential_partner(db: Session, conversation_id: str) -> Organisation | None:
    """The partner a confidential conversation was given to; it stays the only one."""
    organisation_id = db.execute(
        select(Handoff.organisation_id)
        .where(Handoff.conversation_id == conversation_id, Handoff.confidential.is_(True))
        .order_by(Handoff.created_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    return db.get(Organisation, organisation_id) if organisation_id else None


def partner_for(
    db: Session, catalog: Catalog, *, municipality: str, topic: str | None, language: str
) -> Organisation | None:
    info = catalog.topics.get(topic or "")
    return route(
        db,
        municipality=municipality,
        kind=info.partner if info and info.partner else FALLBACK_KIND,
        language=language,
        confidential=bool(info and info.confidential),
    )


def offer_response(catalog: Catalog, topic: str | None) -> str:
    confidential = is_confidential(catalog, topic)
    return "utter_handoff_offer_confidential" if confidential else "utter_handoff_offer"


def consent_version(catalog: Catalog, response: str, language: str, municipality: str) -> str:
    """Names the exact text the newcomer consented to: response, language and a digest."""
    variants = catalog.variants(response, language, municipality)
    digest = hashlib.sha256(repr(variants).encode("utf-8")).hexdigest()[:12]
    return f"{response}:{language}:{digest}"[:64]


def contact_line(organisation: Organisation) -> str:
    return " · ".join(str(value) for value in (organisation.contact or {}).values())


def arranged(catalog: Catalog, organisation: Organisation, language: str, now: datetime) -> Reply:
    """What the newcomer is told once the handoff exists: soon, or when the partner opens."""
    values = {"partner_name": organisation.name}
    if is_open(organisation.office_hours or {}, now):
        return Reply("utter_handoff_waiting", values)
    opening = next_opening(organisation.office_hours or {}, now)
    if opening is None:
        return Reply("utter_handoff_waiting", values)
    day, at = opening
    weekday = catalog.label(language, "weekdays", day) or day
    return Reply("utter_handoff_after_hours", {**values, "next_opening": f"{weekday} {at}"})
