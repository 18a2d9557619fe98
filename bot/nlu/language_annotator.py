"""Marks each message with the language it is written in.

Runs last in the NLU pipeline. It adds a `detected_language` entity (value, evidence,
confidence) that the `action_resolve_context` slot mapping weighs against the conversation's
history, and it replaces the intent with `unsupported_language` when the message is clearly in
a language Wegwijs does not speak, so the user is told which languages it does.

Training fits the n-gram language model (bot.language.ngram) on data/nlu/<lang>/ and the
everyday-word lists in bot/language/lexicon/; it is stored in the Rasa model with skops.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.pipeline import Pipeline

from bot.content.catalog import catalog_source
from bot.language.detect import NONE, detector_for
from bot.language.ngram import train as train_ngram
from bot.language.ngram import training_texts
from bot.nlu.storage import StoredModelComponent
from bot.settings import PROJECT_ROOT, get_settings

DETECTED_LANGUAGE = "detected_language"
UNSUPPORTED_INTENT = "unsupported_language"
MODEL_FILE = "language_model.skops"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class LanguageAnnotator(StoredModelComponent):
    """Adds the detected language; flags messages in languages Wegwijs does not speak."""

    MODEL_FILE = MODEL_FILE

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"nlu_folder": "data/nlu", "lexicon_folder": "bot/language/lexicon"}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Pipeline | None = None,
    ) -> None:
        super().__init__(config, model_storage, resource, model)
        catalog = catalog_source(get_settings().content_dir).get()
        self._detector = detector_for(catalog.languages, model)

    def train(self, training_data: TrainingData) -> Resource:
        texts = training_texts(
            PROJECT_ROOT / self.config["nlu_folder"],
            PROJECT_ROOT / self.config["lexicon_folder"],
        )
        return self.store(train_ngram(texts))

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
            message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)
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
        message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
