"""Which partner receives a conversation: by topic, municipality and language.

The route is computed on the server from the conversation's own record (its topic, its
municipality slot, its language), never from what a client sends along with a message.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.partners.models import Organisation

# When no partner of the topic's kind exists, the municipality's own team takes it over;
# confidential topics never fall back: only a partner that takes confidential cases may.
FALLBACK_KIND = "municipality"


def route(
    db: Session, *, municipality: str, kind: str, language: str, confidential: bool = False
) -> Organisation | None:
    candidates = list(
        db.execute(
            select(Organisation)
            .where(Organisation.municipality == municipality)
            .order_by(Organisation.slug)
        ).scalars()
    )
    if confidential:
        candidates = [org for org in candidates if org.takes_confidential]
    for wanted_kind in (kind,) if confidential else (kind, FALLBACK_KIND):
        of_kind = [org for org in candidates if org.kind == wanted_kind]
        speaking = [org for org in of_kind if language in (org.languages or [])]
        if speaking or of_kind:
            return (speaking or of_kind)[0]
    return None


def by_slug(db: Session, slug: str) -> Organisation | None:
    return db.execute(select(Organisation).where(Organisation.slug == slug)).scalar_one_or_none()
