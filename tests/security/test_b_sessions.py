"""B7: after the session expired, a shared phone shows nothing of the old conversation."""

from __future__ import annotations

import time
from types import SimpleNamespace

from rasa.shared.core.events import ConversationPaused, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.webchat import _expired

DOMAIN = SimpleNamespace(session_config=SimpleNamespace(session_expiration_time=30))


def tracker(minutes_ago: float, paused: bool = False) -> DialogueStateTracker:
    events = [UserUttered("ik ben homo", timestamp=time.time() - minutes_ago * 60)]
    if paused:
        events.append(ConversationPaused())
    return DialogueStateTracker.from_events("shared-phone", events)


def test_B7_idle_conversation_is_not_shown_again():
    assert _expired(tracker(31), DOMAIN)
    assert not _expired(tracker(5), DOMAIN)


def test_B7_a_conversation_held_by_a_person_is_kept_for_the_newcomer():
    assert not _expired(tracker(600, paused=True), DOMAIN)
