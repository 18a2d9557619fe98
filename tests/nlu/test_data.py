"""Held-out messages are unseen: none is trained on, in any language.

How many examples each intent has is checked by scripts/check_language.py (test_content).
"""

from __future__ import annotations

from functools import cache

from rasa.shared.nlu.training_data.loading import load_data

from bot.nlu.normalize import normalize_text
from tests.conftest import ROOT

LANGUAGES = ["nl", "en", "ar", "ti", "fa", "tr", "so", "uk"]


@cache
def training(folder: str) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for path in sorted((ROOT / "data" / "nlu" / folder).glob("*.yml")):
        pairs += [(m.get("text"), m.get("intent")) for m in load_data(str(path)).intent_examples]
    return tuple(pairs)


@cache
def heldout(language: str) -> tuple[tuple[str, str], ...]:
    data = load_data(str(ROOT / "tests" / "nlu" / f"{language}.yml"))
    return tuple((m.get("text"), m.get("intent")) for m in data.intent_examples)


def test_no_heldout_message_is_trained_on_in_any_language():
    # One model learns every language, so a held-out text is a leak wherever it is trained.
    folders = [path.name for path in (ROOT / "data" / "nlu").iterdir() if path.is_dir()]
    trained = {normalize_text(text) for folder in folders for text, _ in training(folder)}
    leaks = {
        language: sorted(text for text, _ in heldout(language) if normalize_text(text) in trained)
        for language in LANGUAGES
    }
    assert {language: texts for language, texts in leaks.items() if texts} == {}
