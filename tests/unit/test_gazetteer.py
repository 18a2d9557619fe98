"""Entities from the word lists, in several scripts."""

from __future__ import annotations

import pytest

from bot.nlu.gazetteer import PhraseIndex, load_gazetteers
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def index():
    return PhraseIndex(load_gazetteers(ROOT / "bot" / "nlu" / "gazetteers"))


def found(index, text):
    return [(entity, value) for _, _, entity, value in index.find(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("in English please", [("language", "en")]),
        ("ممكن بالعربي", [("language", "ar")]),
        ("ትግርኛ", [("language", "ti")]),
        (
            "wat doet de gemeente en wat doet het COA?",
            [("organisation", "gemeente"), ("organisation", "coa")],
        ),
        ("ik woon in gemeente Lindewaard", [("municipality", "lindewaard")]),
        ("ik woon in Den Bosch", [("municipality", "s-hertogenbosch")]),
        ("ik ben asielzoeker", [("situation", "asylum_seeker")]),
    ],
)
def test_phrases_in_any_script(index, text, expected):
    assert found(index, text) == expected


def test_every_dutch_municipality_is_listed():
    values = load_gazetteers(ROOT / "bot" / "nlu" / "gazetteers")["municipality"]
    assert len(values) >= 342
