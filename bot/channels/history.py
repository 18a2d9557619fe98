"""The visible transcript of a conversation, rebuilt from Rasa's tracker.

The widget renders this list whenever it (re)connects, so a reply that arrived while the
phone was offline is shown, and nothing is shown twice (each entry has a stable id).
"""

from __future__ import annotations

from typing import Any

from bot.channels.messages import client_message


def transcript(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """User and bot messages of the current session, oldest first."""
    start = 0
    for index, event in enumerate(events):
        if event.get("event") == "session_started":
            start = index
    entries = []
    for event in events[start:]:
        kind = event.get("event")
        if kind == "user" and event.get("text") is not None:
            text = event["text"]
            metadata = event.get("metadata") or {}
            if text.startswith("/"):
                # A button payload is shown as the title of the button the user pressed.
                text = metadata.get("display")
                if not text:
                    continue
            entries.append(
                {
                    "id": f"u{event['timestamp']}",
                    "role": "user",
                    "text": text,
                    "client_id": metadata.get("client_id"),
                }
            )
        elif kind == "bot":
            data = {**(event.get("data") or {}), **(event.get("metadata") or {})}
            message = client_message({"text": event.get("text"), **data})
            sender = (message.get("custom") or {}).get("from")
            role = sender if sender in ("person", "system") else "bot"
            entries.append({"id": f"b{event['timestamp']}", "role": role, **message})
    return entries
