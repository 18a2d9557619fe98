"""Caseworker messages into the newcomer's conversation, inside the Rasa process.

The console (web app) cannot write Rasa's tracker itself: Rasa owns it and holds a lock per
conversation. So the web chat channel offers `POST /webhooks/webchat/relay`, reachable only
with the shared relay secret, which appends the caseworker's message (or a translated marker
such as "a staff member joined") to the tracker under the conversation lock and sends it to
every open tab of that conversation.

The database's ownership record is the truth; the tracker's pause follows it. Whenever Rasa
fetches a tracker to handle a message (`bot.runtime.rasa_patches`), `pause_events` pauses a
conversation that a person owns and resumes one that is back with the bot, so a relay call
that failed cannot leave the bot talking over a person, or silent for good.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
)
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels.messages import RELAY_HEADER, client_message
from bot.content.access import current_catalog
from bot.content.render import render
from bot.db.base import session_scope
from bot.handoff.models import OPEN_STATES
from bot.handoff.service import owner_of
from bot.settings import get_settings

logger = logging.getLogger(__name__)
HEADER = RELAY_HEADER
MARKERS = {
    "joined": "utter_person_joined",
    "released": "utter_handoff_released",
    "closed": "utter_handoff_closed",
}
RESUMING = {"released", "closed"}


def _authorised(request: Request) -> bool:
    secret = get_settings().relay_secret
    given = request.headers.get(HEADER, "")
    return bool(secret) and hmac.compare_digest(given.encode(), secret.encode())


def _language(tracker: Any) -> str:
    catalog = current_catalog()
    language = tracker.get_slot("language")
    return language if language and catalog.supported(language) else catalog.default_language


def _utterance(tracker: Any, kind: str, body: dict[str, Any]) -> BotUttered | None:
    catalog = current_catalog()
    if kind == "reply":
        language = body.get("language") or _language(tracker)
        info = catalog.languages.get(language)
        direction = info.direction if info else "ltr"
        data = {"language": language, "direction": direction, "custom": {"from": "person"}}
        return BotUttered(text=body["text"], data=data)
    message = render(
        catalog,
        MARKERS[kind],
        _language(tracker),
        municipality=tracker.get_slot("municipality"),
        values={"partner_name": body.get("partner_name") or ""},
    )
    if message is None:
        return None
    text = message.pop("text")
    return BotUttered(text=text, data={**message, "custom": {"from": "system"}})


async def relay(agent: Any, sio: AsyncServer, body: dict[str, Any]) -> dict[str, Any] | None:
    """Append one caseworker message or marker; None when the conversation does not exist."""
    conversation_id, kind = body["conversation_id"], body["kind"]
    async with agent.lock_store.lock(conversation_id):
        tracker = await agent.tracker_store.retrieve(conversation_id)
        if tracker is None or not tracker.events:
            return None
        events: list[Any] = []
        uttered = _utterance(tracker, kind, body)
        if uttered is not None:
            events.append(uttered)
        if kind in RESUMING:
            events += [ConversationResumed(), ActionExecuted("action_listen")]
        elif not tracker.is_paused():
            events.append(ConversationPaused())
        for event in events:
            tracker.update(event)
        await agent.tracker_store.save(tracker)
    if uttered is None:
        return {}
    payload = client_message({"text": uttered.text, **uttered.data})
    payload["id"] = f"b{uttered.timestamp}"
    await sio.emit("bot_uttered", payload, room=conversation_id)
    return {"id": payload["id"], "at": uttered.timestamp}


def owner_now(conversation_id: str) -> str:
    """The conversation's owner in the database (blocking: run it in an executor)."""
    with session_scope() as db:
        return owner_of(db, conversation_id)


def pause_events(tracker: Any, owner: str) -> list[Any]:
    """Events that make the tracker's pause match the ownership record (none if it does)."""
    held = owner in OPEN_STATES
    if not tracker.events or tracker.is_paused() == held:
        return []
    if held:
        return [ConversationPaused()]
    return [ConversationResumed(), ActionExecuted("action_listen")]


def _valid(body: Any) -> dict[str, Any] | None:
    if not isinstance(body, dict):
        return None
    conversation_id, kind = body.get("conversation_id"), body.get("kind")
    if not isinstance(conversation_id, str) or not 0 < len(conversation_id) <= 64:
        return None
    if kind == "reply":
        text = body.get("text")
        limit = get_settings().max_message_chars
        if not isinstance(text, str) or not text.strip() or len(text) > limit:
            return None
    elif kind not in MARKERS:
        return None
    return body


def add_relay_route(blueprint: Any, sio: AsyncServer, get_agent: Any) -> None:
    @blueprint.route("/relay", methods=["POST"])
    async def relay_endpoint(request: Request) -> HTTPResponse:
        if not _authorised(request):
            return response.json({"error": "forbidden"}, status=403)
        try:
            body = _valid(request.json)
        except Exception:  # malformed JSON; Sanic raises its own error types
            body = None
        agent = get_agent()
        if body is None:
            return response.json({"error": "invalid"}, status=400)
        if agent is None or agent.tracker_store is None:
            return response.json({"error": "not_ready"}, status=503)
        result = await relay(agent, sio, body)
        if result is None:
            return response.json({"error": "not_found"}, status=404)
        return response.json(result)
