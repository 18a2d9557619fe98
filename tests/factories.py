"""Trackers built in code for action tests."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

SLOT_DEFAULTS: dict[str, Any] = {
    "language": None,
    "language_candidate": None,
    "language_explicit": False,
    "municipality": None,
    "situation": None,
    "pending_topic": None,
    "erase_requested": False,
    "handoff_partner": None,
    "handoff_topic": None,
}


def make_tracker(
    intent: str = "greet",
    text: str = "",
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    ranking: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    paused: bool = False,
    sender_id: str = "test-conversation-0001",
) -> Tracker:
    latest = {
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": ranking or [{"name": intent, "confidence": 0.9}],
        "entities": entities or [],
        "text": text,
        "metadata": metadata or {},
    }
    return Tracker(
        sender_id=sender_id,
        slots={**SLOT_DEFAULTS, **(slots or {})},
        latest_message=latest,
        events=events or [],
        paused=paused,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def detected(language: str, evidence: str = "strong") -> dict[str, Any]:
    return {"entity": "detected_language", "value": language, "evidence": evidence}
