"""Answers to topic questions whose content depends on the user's residence situation.

The rules differ for people who must integrate under the 2021 law, those under the old law,
asylum seekers without a permit and Ukrainians with temporary protection. When the situation
is not known yet, the bot asks with buttons and answers the pending question afterwards.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content.access import current_catalog

MENU_GROUPS = ("inburgering", "language", "work", "money_housing", "support")


class ActionAnswerTopic(Action):
    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        topics = current_catalog().topics
        intent = tracker.latest_message.get("intent", {}).get("name")
        topic_name: str | None = intent if intent in topics else None
        if intent == "inform_situation":
            topic_name = tracker.get_slot("pending_topic")
        if topic_name is None:
            dispatcher.utter_message(response="utter_anything_else")
            return [SlotSet("pending_topic", None)]
        topic = topics[topic_name]
        situation = tracker.get_slot("situation")
        if topic.needs_situation and not situation:
            dispatcher.utter_message(response="utter_ask_situation")
            return [SlotSet("pending_topic", topic_name)]
        dispatcher.utter_message(response=topic.response)
        if topic.needs_situation and situation in current_catalog().situations:
            dispatcher.utter_message(response="utter_situation_footer")
        return [SlotSet("pending_topic", None)]


class ActionShowMenu(Action):
    def name(self) -> str:
        return "action_show_menu"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        group = next(tracker.get_latest_entity_values("topic_group"), None)
        response = f"utter_menu_{group}" if group in MENU_GROUPS else "utter_menu"
        dispatcher.utter_message(response=response)
        return []
