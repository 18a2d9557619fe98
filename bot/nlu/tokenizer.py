"""A whitespace tokenizer whose tokens carry normalised spelling."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.normalize import normalize_token


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class NormalizingTokenizer(WhitespaceTokenizer):
    """Splits like WhitespaceTokenizer; token text and lemma are normalised.

    Offsets still point into the original message, so entity spans stay exact.
    """

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            token.text = normalize_token(token.text)
            token.lemma = token.text
        return [token for token in tokens if token.text]
