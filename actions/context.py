"""The conversation's context: its language and municipality, resolved on every message.

`action_resolve_context` is the custom slot mapping of the context slots, so Rasa runs it
right after each user message and before any reply is rendered: the reply to a message is
already in the language that message decided (Rasa renders an action's responses before it
applies that action's own events, so the language must be set in an earlier step).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content.access import current_catalog
from bot.language.choice import LanguageState, decide


def _entity(tracker: Tracker, name: str) -> dict[str, Any] | None:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name:
            return entity
    return None


def _metadata(tracker: Tracker) -> dict[str, Any]:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def language_buttons(codes: list[str]) -> list[dict[str, str]]:
    """One button per language, titled in that language itself."""
    languages = current_catalog().languages
    return [
        {"title": languages[code].name, "payload": f'/choose_language{{"language": "{code}"}}'}
        for code in codes
        if code in languages
    ]


class ActionResolveContext(Action):
    def name(self) -> str:
        return "action_resolve_context"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        catalog = current_catalog()
        metadata = _metadata(tracker)
        chosen = None
        if tracker.latest_message.get("intent", {}).get("name") == "choose_language":
            chosen = (_entity(tracker, "language") or {}).get("value")
        detected = _entity(tracker, "detected_language") or {}
        state = LanguageState(
            language=tracker.get_slot("language"),
            candidate=tracker.get_slot("language_candidate"),
            explicit=bool(tracker.get_slot("language_explicit")),
        )
        decision = decide(
            state,
            supported=list(catalog.languages),
            default=catalog.default_language,
            chosen=chosen,
            widget_language=metadata.get("language"),
            detected=detected.get("value"),
            evidence=detected.get("evidence", "none"),
        )
        events: list[EventType] = []
        for slot, value in (
            ("language", decision.language),
            ("language_candidate", decision.candidate),
            ("language_explicit", decision.explicit),
            ("municipality", self._municipality(tracker, metadata)),
        ):
            if tracker.get_slot(slot) != value:
                events.append(SlotSet(slot, value))
        # Never speak while a person owns the conversation: this runs on paused trackers too.
        if decision.ask_about and not tracker.is_paused():
            dispatcher.utter_message(
                response="utter_ask_continue_language",
                language=decision.ask_about,
                buttons=language_buttons([decision.ask_about, decision.language]),
            )
        return events

    @staticmethod
    def _municipality(tracker: Tracker, metadata: dict[str, Any]) -> str | None:
        """The municipality the user named, else the current one, else the widget's.

        Only municipalities Wegwijs has content for count: many municipality names are also
        everyday words ("best", "goes"), so a name alone must not move a conversation.
        """
        known = current_catalog().municipalities
        named = (_entity(tracker, "municipality") or {}).get("value")
        for candidate in (named, tracker.get_slot("municipality"), metadata.get("municipality")):
            if candidate in known:
                return candidate
        return None
