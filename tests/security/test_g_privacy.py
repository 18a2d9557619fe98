"""G: privacy, retention and erasure (scenarios of the security test plan)."""

from __future__ import annotations

import time
from datetime import timedelta

import sqlalchemy as sa
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.console.models import AuditRecord, Note
from bot.db.base import session_factory, utcnow
from bot.evaluation.threads import run_coroutine
from bot.handoff import service
from bot.handoff.models import ConversationOwner, Handoff, Transition
from bot.partners.routing import by_slug
from bot.partners.seed import seed
from bot.privacy.erasure import erase_conversation
from bot.privacy.retention import run_retention
from bot.storage.tracker_store import WegwijsTrackerStore

DAY = 86400


def store_conversation(store, sender: str, days_ago: float) -> None:
    event = UserUttered("canary-text", {"name": "greet"}, timestamp=time.time() - days_ago * DAY)
    run_coroutine(store.save(DialogueStateTracker.from_events(sender, [event])))


def hand_over(db, sender: str, slug: str, *, confidential: bool, ended_days_ago: float | None):
    organisation = by_slug(db, slug)
    handoff = service.request_handoff(
        db,
        conversation_id=sender,
        organisation_id=organisation.id,
        language="nl",
        consent_version="v1",
        confidential=confidential,
    )
    db.add(Note(handoff_id=handoff.id, author_id=_author(db, organisation), text="note"))
    if ended_days_ago is not None:
        handoff.state, handoff.ended_at = "closed", utcnow() - timedelta(days=ended_days_ago)
        db.get(ConversationOwner, sender).owner = "closed"
    db.commit()


def _author(db, organisation):
    from bot.console.models import Caseworker

    return (
        db.execute(sa.select(Caseworker.id).where(Caseworker.organisation_id == organisation.id))
        .scalars()
        .first()
    )


def remaining(db, sender: str) -> dict[str, int]:
    count = lambda model, column: db.execute(  # noqa: E731
        sa.select(sa.func.count()).select_from(model).where(column == sender)
    ).scalar_one()
    events = db.execute(
        sa.text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender}
    ).scalar_one()
    handoffs = count(Handoff, Handoff.conversation_id)
    return {
        "events": events,
        "handoffs": handoffs,
        "transitions": count(Transition, Transition.conversation_id),
        "owner": count(ConversationOwner, ConversationOwner.conversation_id),
    }


def test_G3_retention_deletes_everything_past_each_partners_period(wegwijs_db):
    seed()
    store = WegwijsTrackerStore()
    cases = {
        "confidential-closed-31-days": ("lindewaard-coc", True, 31, True),
        "confidential-closed-29-days": ("lindewaard-coc", True, 29, False),
        "ordinary-closed-31-days": ("lindewaard-gemeente", False, 31, False),
        "ordinary-closed-91-days": ("lindewaard-gemeente", False, 91, True),
        "waiting-for-a-year": ("lindewaard-gemeente", False, None, False),
    }
    make = session_factory(wegwijs_db)
    with make() as db:
        for sender, (slug, confidential, ended, _) in cases.items():
            store_conversation(store, sender, days_ago=400)
            hand_over(db, sender, slug, confidential=confidential, ended_days_ago=ended)
    store_conversation(store, "bot-only-old", days_ago=31)
    store_conversation(store, "bot-only-recent", days_ago=1)
    with make() as db:
        counts = run_retention(db)
        db.commit()
    assert counts == {"conversations": 3, "handoffs": 2, "events": 3}
    with make() as db:
        for sender, (*_, gone) in cases.items():
            left = remaining(db, sender)
            assert (left == dict.fromkeys(left, 0)) is gone, (sender, left)
        assert remaining(db, "bot-only-old")["events"] == 0
        assert remaining(db, "bot-only-recent")["events"] == 1
        assert db.execute(sa.select(sa.func.count()).select_from(Note)).scalar_one() == 3
        erased = (
            db.execute(sa.select(AuditRecord).where(AuditRecord.action == "erased_by_retention"))
            .scalars()
            .all()
        )
        assert len(erased) == 2


def test_G4_erasure_removes_the_conversation_from_every_store(wegwijs_db):
    seed()
    store = WegwijsTrackerStore()
    store_conversation(store, "erase-me", days_ago=0)
    store_conversation(store, "keep-me", days_ago=0)
    make = session_factory(wegwijs_db)
    with make() as db:
        hand_over(db, "erase-me", "lindewaard-coc", confidential=True, ended_days_ago=None)
        hand_over(db, "keep-me", "lindewaard-coc", confidential=True, ended_days_ago=None)
    erase_conversation(store, "erase-me")
    with make() as db:
        assert remaining(db, "erase-me") == {
            "events": 0,
            "handoffs": 0,
            "transitions": 0,
            "owner": 0,
        }
        assert remaining(db, "keep-me")["handoffs"] == 1 and remaining(db, "keep-me")["events"] == 1
        audit = db.execute(
            sa.select(AuditRecord).where(AuditRecord.action == "erased_on_request")
        ).scalar_one()
        assert audit.handoff_id is not None and audit.actor_id is None
