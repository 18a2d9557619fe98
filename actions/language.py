"""Explicit language choices and messages in languages Wegwijs does not speak."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.context import language_buttons
from bot.content.access import current_catalog


class ActionConfirmLanguage(Action):
    """Confirms a language the user named, or offers every language when none was named."""

    def name(self) -> str:
        return "action_confirm_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        named = next(tracker.get_latest_entity_values("language"), None)
        if named in current_catalog().languages:
            # action_resolve_context already switched the slot before this action ran.
            dispatcher.utter_message(response="utter_language_switched")
        else:
            dispatcher.utter_message(
                response="utter_choose_language",
                buttons=language_buttons(list(current_catalog().languages)),
            )
        return []


class ActionUnsupportedLanguage(Action):
    """Says which languages Wegwijs speaks, in the languages the user most likely reads."""

    def name(self) -> str:
        return "action_unsupported_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        catalog = current_catalog()
        detected = next(tracker.get_latest_entity_values("detected_language"), None)
        wanted = [tracker.get_slot("language") or catalog.default_language]
        wanted += list(catalog.closest.get(detected or "", ())) + ["nl", "en"]
        in_languages = [code for i, code in enumerate(wanted) if code not in wanted[:i]]
        dispatcher.utter_message(
            response="utter_unsupported_language",
            in_languages=in_languages,
            buttons=language_buttons(list(catalog.languages)),
        )
        return []
