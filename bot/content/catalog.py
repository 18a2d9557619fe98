"""The content catalog: every text Wegwijs shows, read from the files under content/.

The catalog is immutable once loaded; `CatalogSource` reloads it when a file changes, so an
editor's change is live without retraining or restarting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Variant:
    text: str
    buttons: tuple[Button, ...] = ()
    condition: Mapping[str, frozenset] = field(default_factory=dict)

    def matches(self, slots: Mapping[str, Any]) -> bool:
        return all(slots.get(name) in allowed for name, allowed in self.condition.items())


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    english_name: str
    direction: str
    langdetect: tuple[str, ...]
    scripts: tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    value: str
    source: str
    checked: str
    status: str


@dataclass(frozen=True)
class Topic:
    intent: str
    response: str
    partner: str
    needs_situation: bool = False
    confidential: bool = False


@dataclass(frozen=True)
class Municipality:
    slug: str
    name: str
    facts: Mapping[str, str]
    responses: Mapping[str, Mapping[str, tuple[Variant, ...]]]


Responses = dict[str, dict[str, tuple[Variant, ...]]]


@dataclass(frozen=True)
class Catalog:
    languages: Mapping[str, Language]
    default_language: str
    closest: Mapping[str, tuple[str, ...]]
    facts: Mapping[str, Fact]
    topics: Mapping[str, Topic]
    situations: tuple[str, ...]
    responses: Mapping[str, Mapping[str, tuple[Variant, ...]]]
    labels: Mapping[str, Mapping[str, Mapping[str, str]]]
    municipalities: Mapping[str, Municipality]

    def variants(
        self, name: str, language: str, municipality: str | None = None
    ) -> tuple[Variant, ...]:
        """The variants of a response, the municipality's own version first if it has one."""
        local = self.municipalities.get(municipality or "")
        if local is not None:
            override = local.responses.get(language, {}).get(name)
            if override:
                return override
        return self.responses.get(language, {}).get(name, ())

    def fact_values(self, municipality: str | None = None) -> dict[str, str]:
        values = {key: fact.value for key, fact in self.facts.items()}
        local = self.municipalities.get(municipality or "")
        if local is not None:
            values.update(local.facts)
            values["municipality_name"] = local.name
        return values

    def label(self, language: str, section: str, key: str) -> str | None:
        return self.labels.get(language, {}).get(section, {}).get(key)

    def supported(self, language: str | None) -> bool:
        return language in self.languages


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: not valid YAML ({error})") from error


def _parse_condition(raw: Any, where: str) -> dict[str, frozenset]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: condition must be a mapping")
    return {
        str(slot): frozenset(value if isinstance(value, list) else [value])
        for slot, value in raw.items()
    }


def _parse_variants(raw: Any, where: str) -> tuple[Variant, ...]:
    if not isinstance(raw, list) or not raw:
        raise ContentError(f"{where}: a response is a non-empty list of variants")
    variants = []
    for index, item in enumerate(raw):
        spot = f"{where}[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ContentError(f"{spot}: every variant needs a text")
        buttons = tuple(
            Button(title=str(button["title"]), payload=str(button["payload"]))
            for button in item.get("buttons") or []
        )
        variants.append(
            Variant(
                text=item["text"].strip(),
                buttons=buttons,
                condition=_parse_condition(item.get("condition"), spot),
            )
        )
    return tuple(variants)


def _load_responses(folder: Path) -> Responses:
    """Responses per language from <folder>/<lang>/*.yml."""
    result: Responses = {}
    if not folder.is_dir():
        return result
    for language_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        merged: dict[str, tuple[Variant, ...]] = {}
        for path in sorted(language_dir.glob("*.yml")):
            for name, raw in _read_yaml(path).items():
                if name in merged:
                    raise ContentError(f"{path}: response {name} is defined twice")
                merged[name] = _parse_variants(raw, f"{path}:{name}")
        result[language_dir.name] = merged
    return result


def _load_languages(root: Path) -> tuple[dict[str, Language], str, dict[str, tuple[str, ...]]]:
    raw = _read_yaml(root / "languages.yml")
    languages = {
        code: Language(
            code=code,
            name=info["name"],
            english_name=info.get("english_name", code),
            direction=info.get("direction", "ltr"),
            langdetect=tuple(info.get("langdetect") or ()),
            scripts=tuple(info.get("scripts") or ()),
        )
        for code, info in raw["languages"].items()
    }
    closest = {key: tuple(value or ()) for key, value in (raw.get("closest") or {}).items()}
    return languages, raw.get("default", "nl"), closest


def _load_municipalities(root: Path) -> dict[str, Municipality]:
    result: dict[str, Municipality] = {}
    folder = root / "municipalities"
    if not folder.is_dir():
        return result
    for path in sorted(p for p in folder.iterdir() if p.is_dir()):
        info = _read_yaml(path / "municipality.yml")
        result[path.name] = Municipality(
            slug=path.name,
            name=str(info.get("name", path.name)),
            facts={key: str(value) for key, value in (info.get("facts") or {}).items()},
            responses=_load_responses(path / "responses"),
        )
    return result


def load_catalog(root: Path) -> Catalog:
    """Read every content file under `root`; raises ContentError on malformed content."""
    languages, default_language, closest = _load_languages(root)
    facts = {
        key: Fact(
            value=str(item["value"]),
            source=str(item.get("source", "")),
            checked=str(item.get("checked", "")),
            status=str(item.get("status", "recheck")),
        )
        for key, item in (_read_yaml(root / "facts.yml").get("facts") or {}).items()
    }
    topics_raw = _read_yaml(root / "topics.yml")
    topics = {
        intent: Topic(
            intent=intent,
            response=info["response"],
            partner=info.get("partner", "municipality"),
            needs_situation=bool(info.get("needs_situation", False)),
            confidential=bool(info.get("confidential", False)),
        )
        for intent, info in (topics_raw.get("topics") or {}).items()
    }
    labels = {path.stem: _read_yaml(path) for path in sorted((root / "labels").glob("*.yml"))}
    return Catalog(
        languages=languages,
        default_language=default_language,
        closest=closest,
        facts=facts,
        topics=topics,
        situations=tuple(topics_raw.get("situations") or ()),
        responses=_load_responses(root / "responses"),
        labels=labels,
        municipalities=_load_municipalities(root),
    )


def _newest_mtime(root: Path) -> float:
    return max((p.stat().st_mtime for p in root.rglob("*.yml")), default=0.0)


class CatalogSource:
    """Holds the current catalog and reloads it when a content file changed.

    A broken edit never takes the assistant down: the last good catalog stays in use.
    """

    def __init__(self, root: Path, check_interval: float = 1.0) -> None:
        self._root = root
        self._check_interval = check_interval
        self._lock = threading.Lock()
        self._catalog = load_catalog(root)
        self._mtime = _newest_mtime(root)
        self._checked_at = time.monotonic()
        self.last_error: str | None = None

    def get(self) -> Catalog:
        now = time.monotonic()
        if now - self._checked_at < self._check_interval:
            return self._catalog
        with self._lock:
            self._checked_at = now
            mtime = _newest_mtime(self._root)
            if mtime != self._mtime:
                try:
                    self._catalog = load_catalog(self._root)
                    self.last_error = None
                except (ContentError, KeyError, OSError) as error:
                    self.last_error = str(error)
                self._mtime = mtime
        return self._catalog


_sources: dict[Path, CatalogSource] = {}
_sources_lock = threading.Lock()


def catalog_source(root: Path) -> CatalogSource:
    """One shared source per content folder and process, created on first use."""
    with _sources_lock:
        if root not in _sources:
            _sources[root] = CatalogSource(root)
        return _sources[root]
