"""A REST channel for tests and integrations, behind a bearer token.

Same address and request body as Rasa's REST channel (POST /webhooks/rest/webhook with
`sender`, `message`, `metadata`), but it refuses requests without the token, refuses invalid
sender ids and messages with a clear 4xx before they reach the tracker store, and returns each
message with its language and text direction.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.output import CollectingClientOutput
from bot.channels.validation import InvalidMessage, clean_metadata, clean_text, valid_sender_id
from bot.settings import get_settings

STATUS_FOR_REASON = {"too_long": 413}


class AuthenticatedRestInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(token=(credentials or {}).get("token") or get_settings().rest_channel_token)

    def __init__(self, token: str) -> None:
        self._token = token.encode()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = Blueprint("wegwijs_rest", __name__)
        max_chars = get_settings().max_message_chars

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            given = request.headers.get("Authorization", "").removeprefix("Bearer ").encode()
            if not self._token or not hmac.compare_digest(given, self._token):
                return response.json({"error": "unauthorized"}, status=401)
            try:
                body = json.loads(request.body)
            except ValueError:
                body = None
            if not isinstance(body, dict) or not valid_sender_id(body.get("sender")):
                return response.json({"error": "invalid_sender"}, status=400)
            try:
                text = clean_text(body.get("message"), max_chars)
            except InvalidMessage as error:
                status = STATUS_FOR_REASON.get(error.reason, 400)
                return response.json({"error": error.reason}, status=status)
            collector = CollectingClientOutput()
            await on_new_message(
                UserMessage(
                    text,
                    collector,
                    body["sender"],
                    input_channel=self.name(),
                    metadata=clean_metadata(body.get("metadata")),
                )
            )
            return response.json(collector.messages)

        return blueprint
