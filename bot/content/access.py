"""The content catalog for the current process, as configured by the settings."""

from __future__ import annotations

from bot.content.catalog import Catalog, catalog_source
from bot.settings import get_settings


def current_catalog() -> Catalog:
    return catalog_source(get_settings().content_dir).get()
