"""What the channels send to a client for one bot message.

Rasa's output channels drop everything but text and buttons; Wegwijs also sends the language
and direction of the text (so a client can set `lang` and `dir`), multilingual parts, and
the `erased` signal after the user deleted the conversation.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel

CLIENT_KEYS = ("text", "buttons", "language", "direction", "parts", "erased", "custom")


def client_message(message: dict[str, Any]) -> dict[str, Any]:
    return {key: message[key] for key in CLIENT_KEYS if message.get(key) not in (None, [], "")}


class CollectingClientOutput(CollectingOutputChannel):
    """Collects whole client messages for a request-response channel."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.messages.append({"recipient_id": recipient_id, **client_message(message)})
