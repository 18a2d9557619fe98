"""Marks each message with the language it is written in.

Runs last in the NLU pipeline. It adds a `detected_language` entity (value, evidence,
confidence) that the `action_resolve_language` slot mapping weighs against the conversation's
history, and it replaces the intent with `unsupported_language` when the message is clearly in
a language Wegwijs does not speak, so the user is told which languages it does.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.content.catalog import catalog_source
from bot.language.detect import NONE, LanguageDetector, detector_for
from bot.settings import get_settings

DETECTED_LANGUAGE = "detected_language"
UNSUPPORTED_INTENT = "unsupported_language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageAnnotator(GraphComponent):
    """Adds the detected language; flags messages in languages Wegwijs does not speak."""

    def __init__(self, detector: LanguageDetector) -> None:
        self._detector = detector

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageAnnotator:
        catalog = catalog_source(get_settings().content_dir).get()
        return cls(detector_for(dict(catalog.languages)))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            detection = self._detector.detect(text)
            if detection.supported or detection.evidence == NONE:
                self._unless_detected_unsupported(message)
            if detection.language is None or detection.evidence == NONE:
                continue
            entity = {
                "entity": DETECTED_LANGUAGE,
                "value": detection.language,
                "evidence": detection.evidence,
                "confidence_entity": round(detection.confidence, 3),
                "start": 0,
                "end": len(text),
                "extractor": self.__class__.__name__,
            }
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
            if not detection.supported:
                self._mark_unsupported(message)
        return messages

    @staticmethod
    def _unless_detected_unsupported(message: Message) -> None:
        """The intent classifier is no language detector: without the detector's word, a
        message is not treated as written in another language."""
        ranking = [
            r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != UNSUPPORTED_INTENT
        ]
        if (message.get(INTENT) or {}).get("name") == UNSUPPORTED_INTENT and ranking:
            message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

    @staticmethod
    def _mark_unsupported(message: Message) -> None:
        intent = {"name": UNSUPPORTED_INTENT, "confidence": 1.0}
        ranking = message.get(INTENT_RANKING_KEY) or []
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
