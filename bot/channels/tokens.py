"""Conversation ids that only the server can issue.

A web chat conversation id is 128 random bits. The client gets it as a token signed with the
server's secret and presents the token to resume after a reload; an id the client makes up,
or another conversation's id without its signature, is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ID_BYTES = 16  # 128 bits


def new_conversation_id() -> str:
    return "w" + secrets.token_hex(ID_BYTES)


def _signature(secret: str, conversation_id: str) -> str:
    digest = hmac.new(secret.encode(), conversation_id.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def issue_token(secret: str, conversation_id: str) -> str:
    return f"{conversation_id}.{_signature(secret, conversation_id)}"


def verify_token(secret: str, token: object) -> str | None:
    """The conversation id of a genuine token, else None."""
    if not secret or not isinstance(token, str) or token.count(".") != 1 or len(token) > 100:
        return None
    conversation_id, signature = token.split(".")
    expected = _signature(secret, conversation_id)
    if hmac.compare_digest(signature, expected) and conversation_id.startswith("w"):
        return conversation_id
    return None
