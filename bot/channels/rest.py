"""Rasa's REST channel, for tests and integrations, behind a bearer token.

The stock REST channel accepts anyone. This one refuses requests without the token, and
refuses invalid sender ids and messages with a clear 4xx before they reach the tracker store.
"""

from __future__ import annotations

import hmac
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.validation import InvalidMessage, clean_metadata, clean_text, valid_sender_id
from bot.settings import get_settings

STATUS_FOR_REASON = {"too_long": 413}


class AuthenticatedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(token=(credentials or {}).get("token") or get_settings().rest_channel_token)

    def __init__(self, token: str) -> None:
        self._token = token.encode()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        return clean_metadata(request.json.get("metadata"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        max_chars = get_settings().max_message_chars

        @blueprint.middleware("request")
        async def check(request: Request) -> Optional[HTTPResponse]:
            if request.method != "POST":
                return None
            given = request.headers.get("Authorization", "").removeprefix("Bearer ").encode()
            if not self._token or not hmac.compare_digest(given, self._token):
                return response.json({"error": "unauthorized"}, status=401)
            try:
                body = request.json
            except Exception:  # noqa: BLE001 - any undecodable body is the client's error
                body = None
            if not isinstance(body, dict) or not valid_sender_id(body.get("sender")):
                return response.json({"error": "invalid_sender"}, status=400)
            try:
                body["message"] = clean_text(body.get("message"), max_chars)
            except InvalidMessage as error:
                status = STATUS_FOR_REASON.get(error.reason, 400)
                return response.json({"error": error.reason}, status=status)
            return None

        return blueprint
