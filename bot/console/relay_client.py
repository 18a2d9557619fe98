"""Calls from the web app to Rasa's web chat relay (see `bot.channels.relay`)."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

import httpx

from bot.channels.messages import RELAY_HEADER as HEADER
from bot.settings import get_settings

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 5.0


class RelayUnavailable(Exception):
    """Rasa did not take the message; nothing was delivered."""


async def send(conversation_id: str, kind: str, **fields: Any) -> dict[str, Any]:
    settings = get_settings()
    body = {"conversation_id": conversation_id, "kind": kind, **fields}
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
            answer = await client.post(
                f"{settings.rasa_url}/webhooks/webchat/relay",
                json=body,
                headers={HEADER: settings.relay_secret},
            )
    except httpx.HTTPError as error:
        logger.error("relay to the chat failed", extra={"error_type": type(error).__name__})
        raise RelayUnavailable from error
    if answer.status_code != 200:
        logger.error("relay to the chat refused", extra={"status": answer.status_code})
        raise RelayUnavailable
    result: dict[str, Any] = answer.json()
    return result


async def marker(conversation_id: str, kind: str, partner_name: str = "") -> None:
    """A best-effort notice in the chat; the chat catches up from the ownership record."""
    with contextlib.suppress(RelayUnavailable):
        await send(conversation_id, kind, partner_name=partner_name)
