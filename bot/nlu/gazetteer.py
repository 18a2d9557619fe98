"""Entities from word lists: languages, organisations, municipalities, situations.

A spaCy PhraseMatcher on a blank multi-language pipeline (no model download) matches the
normalised tokens of a message against the lists in bot/nlu/gazetteers/*.yml. Each list maps a
normalised value (e.g. `en`, `coa`, `lindewaard`) to the ways users write it, in any script.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import spacy
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from bot.nlu.normalize import normalize_token
from bot.settings import PROJECT_ROOT

# Arabic script attaches "the", "in the", "and" to the word: بالعربية = in Arabic.
_ARABIC_PREFIX = re.compile(r"^(وبال|بال|وال|لل|ال|ب|و)(?=[\u0600-\u06ff]{3,})")

Gazetteer = dict[str, dict[str, list[str]]]  # entity -> value -> spellings


def load_gazetteers(folder: Path) -> Gazetteer:
    result: Gazetteer = {}
    for path in sorted(folder.glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entity = raw["entity"]
        values = result.setdefault(entity, {})
        for value, spellings in (raw.get("values") or {}).items():
            values.setdefault(str(value), []).extend(str(s) for s in spellings or [])
    return result


class PhraseIndex:
    """Finds gazetteer phrases in text; returns (start, end, entity, value) spans."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._nlp = spacy.blank("xx")
        self._matcher = PhraseMatcher(self._nlp.vocab, attr="ORTH")
        self._labels: dict[int, tuple[str, str]] = {}
        for entity, values in gazetteer.items():
            for value, spellings in values.items():
                key = f"{entity}\u241f{value}"
                patterns = [self._normalised(self._nlp.make_doc(s)) for s in spellings]
                self._matcher.add(key, [p for p in patterns if len(p)])
                self._labels[self._nlp.vocab.strings[key]] = (entity, value)

    def _normalised(self, doc: Doc) -> Doc:
        words = [_ARABIC_PREFIX.sub("", normalize_token(token.text)) or token.text for token in doc]
        return Doc(self._nlp.vocab, words=words)

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        original = self._nlp.make_doc(text)
        matches = self._matcher(self._normalised(original))
        spans = []
        taken: set = set()
        # Longest match first, so "gemeente Lindewaard" is not also "gemeente".
        for match_id, start, end in sorted(matches, key=lambda m: m[1] - m[2]):
            if taken & set(range(start, end)):
                continue
            taken.update(range(start, end))
            entity, value = self._labels[match_id]
            span = original[start:end]
            spans.append((span.start_char, span.end_char, entity, value))
        return sorted(spans)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class GazetteerEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds entities for every gazetteer phrase found in a message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"folder": "bot/nlu/gazetteers"}

    def __init__(self, config: dict[str, Any]) -> None:
        folder = Path(config["folder"])
        if not folder.is_absolute():
            folder = PROJECT_ROOT / folder
        self._index = PhraseIndex(load_gazetteers(folder))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GazetteerEntityExtractor:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text: str | None = message.get(TEXT)
            if not text:
                continue
            found = [
                {"start": start, "end": end, "value": value, "entity": entity, "confidence": 1.0}
                for start, end, entity, value in self._index.find(text)
            ]
            if found:
                found = self.add_extractor_name(found)
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
