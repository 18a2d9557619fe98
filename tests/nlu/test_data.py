"""Held-out messages are unseen: none is trained on, in any language.

How many examples each intent has is checked by scripts/check_language.py (test_content).
"""

from __future__ import annotations

from rasa.shared.nlu.training_data.loading import load_data

from bot.evaluation.heldout import heldout_examples
from bot.nlu.normalize import normalize_text
from tests.conftest import ROOT


def test_no_heldout_message_is_trained_on_in_any_language():
    # One model learns every language, so a held-out text is a leak wherever it is trained.
    trained = {
        normalize_text(message.get("text"))
        for path in (ROOT / "data" / "nlu").glob("*/*.yml")
        for message in load_data(str(path)).intent_examples
    }
    leaks = {
        language: sorted(text for text, _ in pairs if normalize_text(text) in trained)
        for language, pairs in heldout_examples(ROOT / "tests" / "nlu").items()
    }
    assert {language: texts for language, texts in leaks.items() if texts} == {}
