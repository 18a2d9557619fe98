"""What the console shows and does, as plain functions over a database session.

Every query is scoped to the caller's organisation; a handoff of another organisation is
indistinguishable from one that does not exist (`HandoffError("not_found")`).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.channels.history import transcript
from bot.console import accounts
from bot.console.models import COORDINATOR, AuditRecord, Caseworker, Note
from bot.content.access import current_catalog
from bot.db.base import utcnow
from bot.handoff.models import OPEN_STATES, Handoff
from bot.handoff.service import HandoffError
from bot.settings import get_settings

STAFF_LANGUAGE = "nl"  # topic titles in the console are Dutch, the partners' working language
AUDIT_PAGE = 200


def audit(db: Session, actor: Caseworker, action: str, handoff_id: uuid.UUID | None) -> None:
    db.add(
        AuditRecord(
            organisation_id=actor.organisation_id,
            actor_id=actor.id,
            action=action,
            handoff_id=handoff_id,
        )
    )


def visible_handoff(db: Session, actor: Caseworker, handoff_id: str) -> Handoff:
    try:
        key = uuid.UUID(handoff_id)
    except ValueError:
        raise HandoffError("not_found") from None
    handoff = db.get(Handoff, key)
    if handoff is None or handoff.organisation_id != actor.organisation_id:
        raise HandoffError("not_found")
    return handoff


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def handoff_summary(db: Session, handoff: Handoff, actor: Caseworker) -> dict[str, Any]:
    catalog = current_catalog()
    info = catalog.languages.get(handoff.language)
    claimed = db.get(Caseworker, handoff.claimed_by) if handoff.claimed_by else None
    return {
        "id": str(handoff.id),
        "state": handoff.state,
        "topic": handoff.topic,
        "topic_title": catalog.label(STAFF_LANGUAGE, "intents", handoff.topic or "")
        or handoff.topic,
        "language": handoff.language,
        "language_name": info.name if info else handoff.language,
        "direction": direction(handoff.language),
        "created_at": _iso(handoff.created_at),
        "waiting_seconds": int((utcnow() - handoff.created_at).total_seconds()),
        "claimed_by": {"id": str(claimed.id), "name": claimed.name} if claimed else None,
        "mine": handoff.claimed_by == actor.id,
        "confidential": bool(handoff.confidential),
    }


def queue(db: Session, actor: Caseworker, include_closed: bool = False) -> list[dict[str, Any]]:
    query = select(Handoff).where(Handoff.organisation_id == actor.organisation_id)
    if not include_closed:
        query = query.where(Handoff.state.in_(OPEN_STATES))
    handoffs = db.execute(query.order_by(Handoff.created_at)).scalars()
    return [handoff_summary(db, handoff, actor) for handoff in handoffs]


def conversation_events(db: Session, conversation_id: str) -> list[dict[str, Any]]:
    """The stored events of a conversation from Rasa's tracker store (read only)."""
    try:
        rows = db.execute(
            sa.text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"),
            {"sender": conversation_id},
        ).scalars()
        return [json.loads(row) for row in rows]
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        return []  # Rasa has not created its table yet: no conversation has started


def messages(handoff: Handoff, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    user_direction = direction(handoff.language)
    result = []
    for entry in transcript(events):
        result.append(
            {
                "id": entry["id"],
                "role": entry["role"],
                "text": entry.get("text") or "",
                "language": entry.get("language") or handoff.language,
                "direction": entry.get("direction") or user_direction,
                "at": float(entry["id"][1:]),
            }
        )
    return result


def _context(events: list[dict[str, Any]], handoff: Handoff) -> dict[str, Any]:
    slots: dict[str, Any] = {}
    for event in events:
        if event.get("event") == "slot" and event.get("name") in ("situation", "municipality"):
            slots[event["name"]] = event.get("value")
    catalog = current_catalog()
    municipality = catalog.municipalities.get(handoff.municipality or "")
    situation = slots.get("situation")
    return {
        "municipality": municipality.name if municipality else handoff.municipality,
        "situation": catalog.label(STAFF_LANGUAGE, "situations", situation or "") or situation,
        "language": handoff.language,
    }


def notes(db: Session, handoff: Handoff) -> list[dict[str, Any]]:
    rows = db.execute(
        select(Note, Caseworker.name)
        .join(Caseworker, Caseworker.id == Note.author_id)
        .where(Note.handoff_id == handoff.id)
        .order_by(Note.created_at)
    ).all()
    return [
        {"id": str(note.id), "author": name, "text": note.text, "at": _iso(note.created_at)}
        for note, name in rows
    ]


def handoff_detail(db: Session, actor: Caseworker, handoff: Handoff) -> dict[str, Any]:
    events = conversation_events(db, handoff.conversation_id)
    audit(db, actor, "read_conversation", handoff.id)
    return {
        "handoff": handoff_summary(db, handoff, actor),
        "transcript": messages(handoff, events),
        "notes": notes(db, handoff),
        "context": _context(events, handoff),
    }


def add_note(db: Session, actor: Caseworker, handoff: Handoff, text: str) -> dict[str, Any]:
    note = Note(handoff_id=handoff.id, author_id=actor.id, text=text)
    db.add(note)
    audit(db, actor, "add_note", handoff.id)
    db.flush()
    return {"id": str(note.id), "author": actor.name, "text": text, "at": _iso(note.created_at)}


def canned_replies(language: str) -> list[dict[str, str]]:
    folder = get_settings().content_dir / "canned"
    catalog = current_catalog()
    code = language if catalog.supported(language) else catalog.default_language
    path = folder / f"{code}.yml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        {"id": str(item["id"]), "title": str(item["title"]), "text": str(item["text"])}
        for item in data.get("replies") or []
    ]


def require_coordinator(actor: Caseworker) -> None:
    if actor.role != COORDINATOR:
        raise HandoffError("forbidden")


def team(db: Session, actor: Caseworker) -> list[dict[str, Any]]:
    require_coordinator(actor)
    return [
        {
            "id": str(member.id),
            "name": member.name,
            "role": member.role,
            "on_duty": member.on_duty,
            "disabled": member.disabled,
            "last_seen": _iso(member.last_seen),
        }
        for member in accounts.members(db, actor.organisation_id)
    ]


def audit_log(db: Session, actor: Caseworker) -> list[dict[str, Any]]:
    require_coordinator(actor)
    rows = db.execute(
        select(AuditRecord, Caseworker.name)
        .outerjoin(Caseworker, Caseworker.id == AuditRecord.actor_id)
        .where(AuditRecord.organisation_id == actor.organisation_id)
        .order_by(AuditRecord.at.desc())
        .limit(AUDIT_PAGE)
    ).all()
    return [
        {
            "at": _iso(record.at),
            "actor": name,
            "action": record.action,
            "handoff_id": str(record.handoff_id) if record.handoff_id else None,
        }
        for record, name in rows
    ]


def caseworker_view(actor: Caseworker, organisation: Any) -> dict[str, Any]:
    return {
        "id": str(actor.id),
        "name": actor.name,
        "email": actor.email,
        "role": actor.role,
        "on_duty": actor.on_duty,
        "organisation": {
            "id": str(organisation.id),
            "name": organisation.name,
            "kind": organisation.kind,
        },
    }


def direction(language: str) -> str:
    info = current_catalog().languages.get(language)
    return info.direction if info else "ltr"
