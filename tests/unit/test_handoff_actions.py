"""The handoff dialogue actions on trackers built in code, with a real (SQLite) database."""

from __future__ import annotations

from sqlalchemy import select

from actions.handoff import ActionOfferHandoff, ActionStartHandoff
from actions.session import ActionSessionStart
from bot.db.base import session_factory
from bot.handoff.models import Handoff
from bot.handoff.service import owner_of
from bot.partners.models import Organisation
from bot.partners.seed import seed
from tests.factories import make_tracker
from tests.unit.test_actions import run, slots_set


def user(intent: str) -> dict:
    return {"event": "user", "text": "x", "parse_data": {"intent": {"name": intent}}}


def offer(intent_history: list[str], language: str = "ar", **slots) -> tuple[list, list]:
    tracker = make_tracker(
        "ask_human",
        slots={"language": language, "municipality": "lindewaard", **slots},
        events=[user(name) for name in intent_history],
    )
    return run(ActionOfferHandoff(), tracker)


def test_offer_names_the_partner_of_the_topic_and_remembers_the_route(wegwijs_db):
    seed()
    messages, events = offer(["volunteer_find", "ask_human"])
    assert messages[0]["response"] == "utter_handoff_offer"
    assert messages[0]["values"]["partner_name"].startswith("VluchtelingenWerk")
    assert slots_set(events) == {
        "handoff_partner": "lindewaard-vluchtelingenwerk",
        "handoff_topic": "volunteer_find",
    }


def test_confidential_topic_gets_the_discreet_offer_for_coc_only(wegwijs_db):
    seed()
    messages, events = offer(["lhbt_support", "ask_human"], language="fa")
    assert messages[0]["response"] == "utter_handoff_offer_confidential"
    assert slots_set(events) == {
        "handoff_partner": "lindewaard-coc",
        "handoff_topic": "confidential",
    }


def test_a_confidential_conversation_goes_only_to_its_partner_later_too(wegwijs_db):
    seed()
    slots = {"language": "fa", "municipality": "lindewaard"}
    consent = make_tracker(
        "affirm",
        slots={**slots, "handoff_partner": "lindewaard-coc", "handoff_topic": "confidential"},
    )
    run(ActionStartHandoff(), consent)
    with session_factory(wegwijs_db)() as db:
        handoff = db.execute(select(Handoff)).scalar_one()
        assert handoff.confidential and handoff.topic is None
        handoff.state = "closed"
        db.commit()
    # Later the same conversation asks about housing: still COC, still the discreet offer.
    messages, events = offer(["lhbt_support", "housing", "ask_human"], language="fa")
    assert messages[0]["response"] == "utter_handoff_offer_confidential"
    assert slots_set(events)["handoff_partner"] == "lindewaard-coc"


def test_partner_without_live_chat_gets_contact_details(wegwijs_db):
    seed()
    with session_factory(wegwijs_db)() as db:
        taalhuis = db.execute(
            select(Organisation).where(Organisation.slug == "lindewaard-taalhuis")
        ).scalar_one()
        taalhuis.accepts_live_handoff = False
        db.commit()
    messages, events = offer(["language_practice", "ask_human"], language="nl")
    assert messages[0]["response"] == "utter_handoff_no_live_chat"
    assert "lindewaard.example/taalhuis" in messages[0]["values"]["partner_contact"]
    assert slots_set(events)["handoff_partner"] is None


def test_no_partner_in_the_municipality(wegwijs_db):
    messages, _ = offer(["housing", "ask_human"])  # nothing seeded
    assert messages[0]["response"] == "utter_handoff_no_partner"


def test_consent_opens_one_handoff_pauses_and_session_start_keeps_the_pause(wegwijs_db):
    seed()
    slots = {
        "language": "ar",
        "municipality": "lindewaard",
        "handoff_partner": "lindewaard-gemeente",
        "handoff_topic": "housing",
    }
    tracker = make_tracker("affirm", slots=slots, events=[user("housing")])
    messages, events = run(ActionStartHandoff(), tracker)
    run(ActionStartHandoff(), tracker)  # a double click opens nothing new
    assert messages[0]["response"] in ("utter_handoff_waiting", "utter_handoff_after_hours")
    assert events[-1] == {"event": "pause", "timestamp": None}
    with session_factory(wegwijs_db)() as db:
        handoffs = db.execute(select(Handoff)).scalars().all()
        assert len(handoffs) == 1 and owner_of(db, tracker.sender_id) == "waiting"
        assert handoffs[0].consent_version.startswith("utter_handoff_offer:ar:")
        assert handoffs[0].municipality == "lindewaard" and handoffs[0].language == "ar"
    _, restarted = run(ActionSessionStart(), tracker)
    assert [event["event"] for event in restarted] == ["pause", "action"]


def test_consent_without_an_offer_opens_nothing(wegwijs_db):
    messages, events = run(ActionStartHandoff(), make_tracker("affirm"))
    assert messages[0]["response"] == "utter_anything_else"
    assert all(event["event"] != "pause" for event in events)
