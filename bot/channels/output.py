"""A request-response output channel that keeps whole client messages."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel

from bot.channels.messages import client_message


class CollectingClientOutput(CollectingOutputChannel):
    """Collects whole client messages for a request-response channel."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.messages.append({"recipient_id": recipient_id, **client_message(message)})
