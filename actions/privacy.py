"""The user's right to erasure: "delete my conversation" in every language."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.privacy.erasure import ERASE_SLOT


class ActionEraseConversation(Action):
    """Confirms the erasure; Rasa deletes the stored conversation once the turn is saved."""

    def name(self) -> str:
        return "action_erase_conversation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        # `erased` tells the widget to wipe the conversation from the device as well.
        dispatcher.utter_message(response="utter_data_deleted", erased=True)
        return [SlotSet(ERASE_SLOT, True)]
