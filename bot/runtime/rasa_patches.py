"""Corrections to Rasa 3.6 behaviour that Wegwijs depends on, applied at process start.

Rasa 3.6 waits 300 s for a custom action (its conversation lock lasts 60 s) and, when an
action fails, logs "Bot will continue, but the actions events are lost" and sends the user
nothing. Wegwijs waits a few seconds and then tells the user, in their language, that
something went wrong and that their message is kept. And since Rasa 3.6 cannot delete a
conversation, an erasure the user asked for happens right after the turn is saved.
"""

from __future__ import annotations

import asyncio
import logging
from functools import lru_cache
from typing import Any

import rasa.core.actions.action as rasa_action
import rasa.utils.io as rasa_io
from rasa.core.actions.action import RemoteAction, create_bot_utterance
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.exceptions import RasaException

from bot.channels.relay import owner_now, pause_events
from bot.logging_setup import configure_logging
from bot.privacy.erasure import erase_if_requested
from bot.settings import Settings

logger = logging.getLogger(__name__)
FAILURE_RESPONSE = "utter_technical_problem"
_applied = False


def _slot_mapping_actions(domain: Any) -> set[str]:
    """Custom actions that Rasa runs to fill slots; they must fail silently."""
    return {
        mapping["action"]
        for slot in domain.slots
        for mapping in slot.mappings
        if mapping.get("action")
    }


def _with_user_facing_failure(original: Any) -> Any:
    async def run(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> list[Event]:
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except RasaException:
            if self.name() in _slot_mapping_actions(domain):
                raise
            # The action's name is safe to log; the exception text may quote the tracker.
            logger.error("custom action failed", extra={"action": self.name()})
            message = await nlg.generate(FAILURE_RESPONSE, tracker, output_channel.name())
            return [create_bot_utterance(message)] if message else []

    return run


def _erasing_after_save(original: Any) -> Any:
    async def save_tracker(self: MessageProcessor, tracker: Any) -> None:
        await original(self, tracker)
        erase_if_requested(self.tracker_store, tracker)

    return save_tracker


@lru_cache(maxsize=1)
def _action_result_validator() -> Any:
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: dict) -> bool:
    """Rasa's check of the action server's answer with a validator built once.

    `jsonschema.validate` checks the schema itself again on every call: that took two thirds
    of the Rasa server's CPU per turn. Same schema, same errors.
    """
    error = next(iter(_action_result_validator().iter_errors(result)), None)
    if error is not None:
        raise error
    return True


def _failing_closed(method_name: str) -> Any:
    """A FailSafeTrackerStore method that raises instead of forking into memory.

    Rasa's fail-safe store answers a failed read with an empty tracker and keeps a failed
    write in memory: the bot would silently start over and lose what it accepted. Wegwijs
    refuses the turn instead (the channel tells the user); only the error type is logged,
    since database errors quote the conversation id.
    """

    async def call(self: FailSafeTrackerStore, *args: Any) -> Any:
        try:
            return await getattr(self._tracker_store, method_name)(*args)
        except Exception as error:
            logger.error(
                "tracker store unavailable",
                extra={"action": method_name, "error_type": type(error).__name__},
            )
            raise TrackerStoreUnavailable from None

    return call


def _following_the_owner(original: Any) -> Any:
    """Fetch the tracker, then make its pause match who owns the conversation.

    Runs for every channel, in the same fetch and under the same lock as the turn itself. A
    database that cannot say who owns the conversation refuses the turn (the error
    propagates): the bot must never guess and talk over a person.
    """

    async def fetch(self: MessageProcessor, sender_id: str, *args: Any, **kwargs: Any) -> Any:
        tracker = await original(self, sender_id, *args, **kwargs)
        owner = await asyncio.get_running_loop().run_in_executor(None, owner_now, sender_id)
        events = pause_events(tracker, owner)
        for event in events:
            tracker.update(event)
        if events:
            logger.warning("conversation pause corrected from the ownership record")
        return tracker

    return fetch


class TrackerStoreUnavailable(RasaException):
    """The conversation could not be read or saved; the turn is refused."""


def apply(settings: Settings) -> None:
    global _applied
    if _applied:
        return
    rasa_action.DEFAULT_REQUEST_TIMEOUT = int(max(1, settings.action_timeout_seconds))
    # Rasa installs coloured text logs on the root logger after reading --logging-config-file;
    # Wegwijs keeps its JSON lines without message text instead.
    rasa_io.configure_colored_logging = lambda loglevel: configure_logging(settings)
    RemoteAction.run = _with_user_facing_failure(RemoteAction.run)  # type: ignore[method-assign]
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    MessageProcessor.save_tracker = _erasing_after_save(  # type: ignore[method-assign]
        MessageProcessor.save_tracker
    )
    MessageProcessor.fetch_tracker_and_update_session = _following_the_owner(  # type: ignore[method-assign]
        MessageProcessor.fetch_tracker_and_update_session
    )
    for method_name in ("retrieve", "retrieve_full_tracker", "save"):
        setattr(FailSafeTrackerStore, method_name, _failing_closed(method_name))
    _applied = True
