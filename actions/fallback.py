"""Two-step fallback: first "did you mean ...?" with buttons, then the offer of a person.

The second step is a rule (data/rules/fallback.yml): a message not understood right after a
clarification, or "none of these", leads to the offer of a person.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.content.access import current_catalog

# Intents that make no sense as a "did you mean" suggestion.
NOT_SUGGESTED = {
    "nlu_fallback",
    "out_of_scope",
    "affirm",
    "deny",
    "greet",
    "goodbye",
    "thank",
    "inform_situation",
    "unsupported_language",
    "choose_language",
    "delete_my_data",
}
MAX_SUGGESTIONS = 3


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        titles = current_catalog().labels.get("en", {}).get("intents", {})
        ranking = tracker.latest_message.get("intent_ranking") or []
        suggestions = [
            item["name"]
            for item in ranking
            if item.get("name") not in NOT_SUGGESTED and item.get("name") in titles
        ][:MAX_SUGGESTIONS]
        dispatcher.utter_message(response="utter_clarify", suggested_intents=suggestions)
        return []
