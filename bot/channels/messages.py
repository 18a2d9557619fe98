"""What a client receives for one bot message (no Rasa imports: the web app uses it too).

Rasa's output channels drop everything but text and buttons; Wegwijs also sends the language
and direction of the text (so a client can set `lang` and `dir`), multilingual parts, who
wrote it (`custom.from`: a person, or a system notice) and the `erased` signal after the user
deleted the conversation.
"""

from __future__ import annotations

from typing import Any

CLIENT_KEYS = ("text", "buttons", "language", "direction", "parts", "erased", "custom")


def client_message(message: dict[str, Any]) -> dict[str, Any]:
    return {key: message[key] for key in CLIENT_KEYS if message.get(key) not in (None, [], "")}


# The header with which the web app authenticates to the chat relay.
RELAY_HEADER = "X-Wegwijs-Relay-Secret"
