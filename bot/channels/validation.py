"""Checks every message must pass before it reaches Rasa's tracker store.

A NUL character or an over-long sender id makes the SQL tracker store fail, and Rasa then
silently keeps the conversation in memory; lone surrogates break JSON and PostgreSQL text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

SENDER_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
METADATA_KEYS = ("language", "municipality")
_METADATA_VALUE = re.compile(r"^[a-z0-9_-]{1,64}$")


class InvalidMessage(ValueError):
    """The message cannot be accepted; `reason` is a short machine-readable code."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def valid_sender_id(sender_id: Any) -> bool:
    return isinstance(sender_id, str) and bool(SENDER_ID.match(sender_id))


def clean_text(text: Any, max_chars: int) -> str:
    """The message text, NFC-normalised; raises InvalidMessage when it cannot be accepted."""
    if not isinstance(text, str):
        raise InvalidMessage("not_text")
    if _FORBIDDEN.search(text):
        raise InvalidMessage("invalid_characters")
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise InvalidMessage("empty")
    if len(text) > max_chars:
        raise InvalidMessage("too_long")
    return text


def clean_metadata(
    metadata: Any, allowed_values: Mapping[str, Iterable[str]] | None = None
) -> dict[str, str]:
    """Only known keys with short, simple values; anything else is dropped, never trusted."""
    if not isinstance(metadata, dict):
        return {}
    result = {}
    for key in METADATA_KEYS:
        value = metadata.get(key)
        if not isinstance(value, str) or not _METADATA_VALUE.match(value):
            continue
        if allowed_values and key in allowed_values and value not in allowed_values[key]:
            continue
        result[key] = value
    return result
