"""Session start: a new session keeps only the language, nothing of what was discussed.

A conversation that a person owns (or waits for) does not start over: the newcomer who comes
back the next morning finds the caseworker's reply, and the bot stays paused.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.db.base import session_scope
from bot.handoff.models import OPEN_STATES
from bot.handoff.service import owner_of

CARRIED_OVER = ("language", "language_explicit", "municipality")


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.events:
            with session_scope() as db:
                owner = owner_of(db, tracker.sender_id)
            if owner in OPEN_STATES:
                return [ConversationPaused(), ActionExecuted("action_listen")]
        events: list[EventType] = [SessionStarted()]
        for slot in CARRIED_OVER:
            value = tracker.get_slot(slot)
            if value is not None:
                events.append(SlotSet(slot, value))
        events.append(ActionExecuted("action_listen"))
        return events
