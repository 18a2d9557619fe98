"""Turn a response name into a message for one language, municipality and situation."""

from __future__ import annotations

import logging
import string
from collections.abc import Iterable, Mapping
from typing import Any

from bot.content.catalog import Catalog, Variant

logger = logging.getLogger(__name__)
_formatter = string.Formatter()


def placeholders(text: str) -> set[str]:
    """The {names} a text uses."""
    return {name for _, name, _, _ in _formatter.parse(text) if name}


class _KeepMissing(dict):
    """Leaves an unknown {placeholder} visible instead of failing the whole reply."""

    def __missing__(self, key: str) -> str:
        logger.warning("content placeholder without value", extra={"placeholder": key})
        return "{" + key + "}"


def fill(text: str, values: Mapping[str, Any]) -> str:
    return _formatter.vformat(text, (), _KeepMissing(values))


def choose_variant(variants: Iterable[Variant], slots: Mapping[str, Any]) -> Variant | None:
    default = None
    for variant in variants:
        if not variant.condition:
            default = default or variant
        elif variant.matches(slots):
            return variant
    return default


def render(
    catalog: Catalog,
    name: str,
    language: str,
    municipality: str | None = None,
    slots: Mapping[str, Any] | None = None,
    values: Mapping[str, Any] | None = None,
) -> dict[str, Any] | None:
    """The message for `name`, or None when the catalog has no such response."""
    if not catalog.supported(language):
        language = catalog.default_language
    slots = slots or {}
    variant = choose_variant(catalog.variants(name, language, municipality), slots)
    if variant is None:
        return None
    fill_values: dict[str, Any] = catalog.fact_values(municipality)
    fill_values.update({key: value for key, value in slots.items() if value is not None})
    fill_values.update(values or {})
    message: dict[str, Any] = {
        "text": fill(variant.text, fill_values),
        "language": language,
        "direction": catalog.languages[language].direction,
    }
    buttons: list[dict[str, str]] = [
        {"title": fill(button.title, fill_values), "payload": button.payload}
        for button in variant.buttons
    ]
    if buttons:
        message["buttons"] = buttons
    return message
