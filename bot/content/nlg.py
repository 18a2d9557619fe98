"""Rasa natural-language generator backed by the content catalog.

Configured in endpoints.yml (`nlg: type: bot.content.nlg.ContentNaturalLanguageGenerator`).
Rasa calls `generate` for every `utter_*` response, also those a custom action asks for; the
text comes from content/ in the conversation's language, never from the domain.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.trackers import DialogueStateTracker

from bot.content.catalog import Catalog, catalog_source
from bot.content.render import render
from bot.settings import get_settings

# Slots that select a variant or fill a placeholder.
CONTEXT_SLOTS = ("language", "municipality", "situation")


def conversation_context(catalog: Catalog, slots: dict[str, Any]) -> dict[str, Any]:
    """Slot values plus the derived placeholders every response may use."""
    language = slots.get("language") or catalog.default_language
    context = {name: slots.get(name) for name in CONTEXT_SLOTS}
    situation = slots.get("situation")
    if situation:
        context["situation_label"] = catalog.label(language, "situations", situation) or ""
    context["language_list"] = ", ".join(info.name for info in catalog.languages.values())
    return context


def intent_buttons(catalog: Catalog, language: str, intents: Iterable[str]) -> list[dict]:
    buttons = []
    for intent in intents:
        title = catalog.label(language, "intents", intent)
        if title:
            buttons.append({"title": title, "payload": f"/{intent}"})
    return buttons


def generate_message(
    catalog: Catalog,
    name: str,
    slots: dict[str, Any],
    language: str | None = None,
    in_languages: list[str] | None = None,
    suggested_intents: list[str] | None = None,
    values: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """One message for `name`; with `in_languages`, the same text in each of them."""
    context = conversation_context(catalog, slots)
    language = language or context["language"] or catalog.default_language
    municipality = context.get("municipality")
    if in_languages:
        rendered = [
            render(catalog, name, code, municipality, context, values)
            for code in in_languages
            if catalog.supported(code)
        ]
        parts = [part for part in rendered if part is not None]
        if not parts:
            return None
        combined = dict(parts[0])
        combined["text"] = "\n\n".join(part["text"] for part in parts)
        combined["parts"] = [
            {key: part[key] for key in ("text", "language", "direction")} for part in parts
        ]
        return combined
    message = render(catalog, name, language, municipality, context, values)
    if message is None:
        return None
    if suggested_intents:
        message["buttons"] = intent_buttons(catalog, message["language"], suggested_intents) + (
            message.get("buttons") or []
        )
    return message


class ContentNaturalLanguageGenerator(NaturalLanguageGenerator):
    """Renders responses from content/ by language, municipality and situation."""

    def __init__(self, endpoint_config: Any = None, domain: Any = None) -> None:
        self._source = catalog_source(get_settings().content_dir)

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        slots = {name: tracker.get_slot(name) for name in CONTEXT_SLOTS}
        return generate_message(
            self._source.get(),
            utter_action,
            slots,
            language=kwargs.get("language"),
            in_languages=kwargs.get("in_languages"),
            suggested_intents=kwargs.get("suggested_intents"),
            values=kwargs.get("values"),
        )
