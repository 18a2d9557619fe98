"""Held-out intent accuracy per language, on examples the model never saw."""

from __future__ import annotations

import pytest

from bot.evaluation.heldout import heldout_examples, load_agent, score
from tests.conftest import ROOT
from tests.stack_runner import MODEL

# The targets: at least 0.90 in every language, 0.95 for Dutch and English.
MINIMUM_ACCURACY = {"nl": 0.95, "en": 0.95}
DEFAULT_MINIMUM = 0.90


@pytest.fixture(scope="module")
def scores():
    return score(load_agent(MODEL), heldout_examples(ROOT / "tests" / "nlu"))


def test_every_language_has_a_heldout_file(scores, catalog):
    assert set(catalog.languages) <= set(scores)


@pytest.mark.parametrize("language", ["nl", "en", "ar", "ti", "fa", "tr", "so", "uk"])
def test_heldout_accuracy(scores, language):
    result = scores[language]
    minimum = MINIMUM_ACCURACY.get(language, DEFAULT_MINIMUM)
    sample = "\n".join(f"  {t!r}: expected {e}, got {p}" for t, e, p in result.errors[:15])
    assert result.accuracy >= minimum, (
        f"{language}: accuracy {result.accuracy:.3f} < {minimum} "
        f"({len(result.errors)} of {result.examples} wrong)\n{sample}"
    )
