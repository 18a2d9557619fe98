"""Wegwijs web chat: a socket.io channel for the widget, safe for confidential conversations.

Unlike Rasa's stock socket.io channel, the server issues every conversation id (128 random
bits, handed to the client as a signed token) and ignores ids a client makes up; the Origin
of each connection must be on the allowlist; frames, messages and metadata have size limits;
messages are rate-limited per conversation; room joins are awaited; and on every (re)connect
the client receives the transcript, so no message is lost or shown twice.

Events from the client: `session_request {token?, language?, municipality?}`,
`user_uttered {message, client_id?, metadata?}`, `end_conversation {}`.
Events to the client: `session_confirm {token}`, `transcript {messages}`,
`bot_uttered {id, text, buttons?, language, direction, ...}`, `typing {active}`,
`system_message {code, text, language, direction}`, `conversation_ended {}`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.core.events import UserUttered
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels.history import transcript
from bot.channels.messages import client_message
from bot.channels.ratelimit import SlidingWindowLimiter
from bot.channels.relay import add_relay_route, owner_now
from bot.channels.tokens import issue_token, new_conversation_id, verify_token
from bot.channels.validation import InvalidMessage, clean_metadata, clean_text
from bot.content.access import current_catalog
from bot.content.render import render
from bot.handoff.models import OPEN_STATES
from bot.privacy.erasure import erase_conversation
from bot.settings import get_settings

logger = logging.getLogger(__name__)
SYSTEM_RESPONSES = {
    "too_long": "utter_message_too_long",
    "empty": "utter_empty_message",
    "invalid_characters": "utter_technical_problem",
    "not_text": "utter_technical_problem",
    "rate_limited": "utter_slow_down",
    "no_session": "utter_technical_problem",
    "unavailable": "utter_service_unavailable",
}


def _expired(tracker: Any, domain: Any) -> bool:
    """Idle longer than the session expiry: a shared phone must not show the old chat.

    A conversation that a person holds is never hidden: its reply must be there when the
    newcomer comes back.
    """
    if tracker.is_paused():
        return False
    minutes = domain.session_config.session_expiration_time if domain else 0
    last = tracker.get_last_event_for(UserUttered)
    return bool(minutes and last and time.time() - last.timestamp > minutes * 60)


class WebChatOutput(OutputChannel):
    """Sends bot messages to every open tab of the conversation (its room)."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    def __init__(self, sio: AsyncServer) -> None:
        self.sio = sio

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        payload = client_message(message)
        payload["id"] = f"b{message.get('timestamp') or time.time()}"
        await self.sio.emit("bot_uttered", payload, room=recipient_id)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


class _SocketBlueprint(Blueprint):
    """Attaches the socket.io server to Rasa's Sanic app and keeps the app for later use."""

    def __init__(self, sio: AsyncServer, path: str, on_register: Callable[[Sanic], None]) -> None:
        super().__init__("wegwijs_webchat", __name__)
        # Sanic blueprints refuse new attributes; `ctx` is the place for them.
        self.ctx.sio = sio
        self.ctx.path = path
        self.ctx.on_register = on_register

    def register(self, app: Sanic, options: dict[str, Any]) -> None:
        self.ctx.sio.attach(app, self.ctx.path)
        self.ctx.on_register(app)
        super().register(app, options)


class WebChatInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(socketio_path=(credentials or {}).get("socketio_path", "/socket.io"))

    def __init__(self, socketio_path: str = "/socket.io") -> None:
        settings = get_settings()
        self._settings = settings
        self._path = socketio_path
        self._limiter = SlidingWindowLimiter(settings.messages_per_minute)
        self.app: Sanic | None = None
        self.sio = AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=list(settings.allowed_origins) or None,
            max_http_buffer_size=settings.max_frame_bytes,
            logger=False,
            engineio_logger=False,
        )

    def get_output_channel(self) -> OutputChannel:
        return WebChatOutput(self.sio)

    # --- helpers -------------------------------------------------------------------------
    def _agent(self) -> Any:
        return getattr(self.app.ctx, "agent", None) if self.app else None

    async def _system_message(
        self, sid: str, code: str, language: str | None, client_id: str | None = None
    ) -> None:
        catalog = current_catalog()
        chosen = language if language and catalog.supported(language) else None
        values = {"max_characters": self._settings.max_message_chars}
        message = render(
            catalog, SYSTEM_RESPONSES[code], chosen or catalog.default_language, values=values
        )
        if message:
            extra = {"client_id": client_id} if client_id else {}
            await self.sio.emit("system_message", {"code": code, **message, **extra}, to=sid)

    async def _handle(
        self, message: UserMessage, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        conversation_id = message.sender_id
        owner = await asyncio.get_running_loop().run_in_executor(None, owner_now, conversation_id)
        if owner not in OPEN_STATES:  # while a person holds it, the bot is not "writing"
            await self.sio.emit("typing", {"active": True}, room=conversation_id)
        try:
            await on_new_message(message)
        finally:
            await self.sio.emit("typing", {"active": False}, room=conversation_id)

    async def _send_transcript(self, sid: str, conversation_id: str) -> None:
        agent = self._agent()
        messages: list[dict[str, Any]] = []
        if agent is not None and agent.tracker_store is not None:
            tracker = await agent.tracker_store.retrieve(conversation_id)
            if tracker is not None and not _expired(tracker, agent.domain):
                messages = transcript([event.as_dict() for event in tracker.events])
        await self.sio.emit("transcript", {"messages": messages}, to=sid)

    def _metadata(self, raw: Any) -> dict[str, str]:
        if isinstance(raw, dict) and len(json.dumps(raw)) > self._settings.max_metadata_bytes:
            return {}
        catalog = current_catalog()
        allowed = {
            "language": list(catalog.languages),
            "municipality": list(catalog.municipalities),
        }
        return clean_metadata(raw, allowed)

    # --- blueprint -----------------------------------------------------------------------
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = self.sio
        secret = self._settings.session_secret

        def remember_app(app: Sanic) -> None:
            self.app = app

        webhook = _SocketBlueprint(sio, self._path, remember_app)
        add_relay_route(webhook, sio, self._agent)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect")
        async def connect(sid: str, environ: dict, auth: Any = None) -> bool:
            return True  # the Origin was checked by engine.io against the allowlist

        @sio.on("session_request")
        async def session_request(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            conversation_id = verify_token(secret, data.get("token")) or new_conversation_id()
            metadata = self._metadata(data)
            await sio.save_session(
                sid, {"conversation": conversation_id, "language": metadata.get("language")}
            )
            await sio.enter_room(sid, conversation_id)
            await sio.emit(
                "session_confirm", {"token": issue_token(secret, conversation_id)}, to=sid
            )
            try:
                await self._send_transcript(sid, conversation_id)
            except Exception as error:
                logger.error("transcript unavailable", extra={"error_type": type(error).__name__})
                await self._system_message(sid, "unavailable", metadata.get("language"))

        @sio.on("user_uttered")
        async def user_uttered(sid: str, data: Any) -> None:
            session = await sio.get_session(sid)
            conversation_id = session.get("conversation")
            data = data if isinstance(data, dict) else {}
            metadata = self._metadata(data.get("metadata"))
            language = metadata.get("language") or session.get("language")
            if not conversation_id:
                await self._system_message(sid, "no_session", language)
                return
            try:
                text = clean_text(data.get("message"), self._settings.max_message_chars)
            except InvalidMessage as error:
                await self._system_message(sid, error.reason, language)
                return
            if not self._limiter.allow(conversation_id):
                await self._system_message(sid, "rate_limited", language)
                return
            client_id = data.get("client_id")
            if isinstance(client_id, str) and len(client_id) <= 64:
                metadata["client_id"] = client_id
            display = (data.get("metadata") or {}).get("display")
            if text.startswith("/") and isinstance(display, str):
                with contextlib.suppress(InvalidMessage):
                    metadata["display"] = clean_text(display, 200)
            message = UserMessage(
                text,
                WebChatOutput(sio),
                conversation_id,
                input_channel=self.name(),
                metadata=metadata,
            )
            try:
                await self._handle(message, on_new_message)
            except Exception as error:
                # The database is unreachable (Wegwijs' records or Rasa's tracker store): refuse
                # the turn instead of answering from a blank in-memory copy. The widget keeps
                # the message and sends it again.
                logger.error("turn refused", extra={"error_type": type(error).__name__})
                await self._system_message(
                    sid, "unavailable", language, client_id=metadata.get("client_id")
                )

        @sio.on("end_conversation")
        async def end_conversation(sid: str, data: Any = None) -> None:
            session = await sio.get_session(sid)
            conversation_id = session.get("conversation")
            agent = self._agent()
            if conversation_id and agent is not None:
                async with agent.lock_store.lock(conversation_id):
                    count = erase_conversation(agent.tracker_store, conversation_id)
                logger.info("conversation ended and erased by the user", extra={"count": count})
                self._limiter.forget(conversation_id)
                await sio.emit("conversation_ended", {}, room=conversation_id)
                await sio.close_room(conversation_id)
            await sio.save_session(sid, {})

        return webhook
