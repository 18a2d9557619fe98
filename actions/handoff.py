"""Handing a conversation to a person of a partner organisation.

`action_offer_handoff` says who would receive the conversation and what they will see, and
asks for consent; the route is remembered in the tracker (server side), so the consent
button carries nothing but "yes". `action_start_handoff` opens the handoff in the database
and pauses the bot: from then on Rasa logs the newcomer's messages for the caseworker and
predicts nothing until the conversation is handed back.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content.access import current_catalog
from bot.db.base import session_scope
from bot.handoff import offer
from bot.handoff.service import open_handoff, request_handoff
from bot.partners.models import Organisation
from bot.partners.routing import by_slug
from bot.settings import get_settings

CLEARED = [SlotSet("handoff_partner", None), SlotSet("handoff_topic", None)]


def _session_intents(tracker: Tracker) -> list[str]:
    intents: list[str] = []
    for event in tracker.events:
        if event.get("event") == "session_started":
            intents = []
        elif event.get("event") == "user":
            name = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if name:
                intents.append(name)
    return intents


def _context(tracker: Tracker) -> tuple[str, str]:
    catalog = current_catalog()
    language = tracker.get_slot("language") or catalog.default_language
    municipality = tracker.get_slot("municipality") or get_settings().default_municipality
    return language, municipality


class ActionOfferHandoff(Action):
    def name(self) -> str:
        return "action_offer_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        catalog = current_catalog()
        language, municipality = _context(tracker)
        topic = offer.topic_of(catalog, _session_intents(tracker))
        with session_scope() as db:
            existing = open_handoff(db, tracker.sender_id)
            if existing is not None:
                partner = db.get(Organisation, existing.organisation_id)
                name = partner.name if partner else ""
                dispatcher.utter_message(
                    response="utter_handoff_already_open", values={"partner_name": name}
                )
                return CLEARED
            earlier = offer.confidential_partner(db, tracker.sender_id)
            if earlier is not None:
                # Once confidential, always confidential, and with the same partner only.
                partner, topic = earlier, offer.CONFIDENTIAL
            else:
                partner = offer.partner_for(
                    db, catalog, municipality=municipality, topic=topic, language=language
                )
            if partner is None:
                dispatcher.utter_message(response="utter_handoff_no_partner")
                return CLEARED
            if not partner.accepts_live_handoff:
                dispatcher.utter_message(
                    response="utter_handoff_no_live_chat",
                    values={
                        "partner_name": partner.name,
                        "partner_contact": offer.contact_line(partner),
                    },
                )
                return CLEARED
            dispatcher.utter_message(
                response=offer.offer_response(catalog, topic),
                values={"partner_name": partner.name},
            )
            if offer.is_confidential(catalog, topic):
                topic = offer.CONFIDENTIAL  # the tracker never names the confidential topic
            return [SlotSet("handoff_partner", partner.slug), SlotSet("handoff_topic", topic)]


class ActionStartHandoff(Action):
    def name(self) -> str:
        return "action_start_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        catalog = current_catalog()
        language, municipality = _context(tracker)
        slug, topic = tracker.get_slot("handoff_partner"), tracker.get_slot("handoff_topic")
        with session_scope() as db:
            partner = by_slug(db, slug) if slug else None
            if partner is None:
                dispatcher.utter_message(response="utter_anything_else")
                return CLEARED
            confidential = offer.is_confidential(catalog, topic)
            response = offer.offer_response(catalog, topic)
            request_handoff(
                db,
                conversation_id=tracker.sender_id,
                organisation_id=partner.id,
                language=language,
                consent_version=offer.consent_version(catalog, response, language, municipality),
                topic=None if confidential else topic,
                municipality=municipality,
                confidential=confidential,
            )
            reply = offer.arranged(catalog, partner, language, datetime.now(timezone.utc))
        dispatcher.utter_message(response=reply.response, values=reply.values)
        return [*CLEARED, ConversationPaused()]
