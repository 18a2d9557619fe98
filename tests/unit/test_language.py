"""Language detection and the decision which language to answer in."""

from __future__ import annotations

import pytest

from bot.language.choice import LanguageState, decide
from bot.language.detect import NONE, SCRIPT, STRONG, WEAK, detector_for
from bot.language.ngram import train, training_texts
from tests.conftest import ROOT

SUPPORTED = ["nl", "en", "ar", "ti", "fa", "tr", "so", "uk"]


@pytest.fixture(scope="module")
def detector(catalog):
    model = train(training_texts(ROOT / "data" / "nlu", ROOT / "bot" / "language" / "lexicon"))
    return detector_for(catalog.languages, model)


@pytest.mark.parametrize(
    "text,language,evidence",
    [
        ("ሰላም ከመይ ኣለኹም", "ti", SCRIPT),
        ("Привіт, де знайти роботу", "uk", SCRIPT),
        ("سلام چطوری", "fa", SCRIPT),
        ("مرحبا كيف حالك اليوم", "ar", STRONG),
        ("mag ik werken met mijn verblijfsvergunning?", "nl", STRONG),
        ("i need help with my bijstand when I start working", "en", STRONG),
        ("bijstand alırken çalışabilir miyim", "tr", STRONG),
        ("sideen u heli karaa shaqo gemeente", "so", STRONG),
    ],
)
def test_detects_supported_languages(detector, text, language, evidence):
    result = detector.detect(text)
    assert (result.language, result.supported, result.evidence) == (language, True, evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, je cherche un travail à Paris",
        "Hola, necesito ayuda con mi casa por favor",
        "Guten Tag, ich suche eine Wohnung für meine Familie",
        "Dzień dobry, szukam pracy i mieszkania",
    ],
)
def test_recognises_languages_it_does_not_speak(detector, text):
    result = detector.detect(text)
    assert result.supported is False and result.evidence == STRONG


@pytest.mark.parametrize("text", ["ok", "👍👍", "112", "?!", "", "   ", "https://example.org"])
def test_no_evidence_in_short_or_letterless_messages(detector, text):
    assert detector.detect(text).evidence == NONE


def state(language, candidate=None, explicit=False):
    return LanguageState(language=language, candidate=candidate, explicit=explicit)


def test_explicit_choice_beats_everything():
    decision = decide(state("nl"), SUPPORTED, "nl", chosen="ar", detected="en", evidence=STRONG)
    assert (decision.language, decision.explicit) == ("ar", True)


def test_widget_language_starts_a_conversation():
    assert decide(state(None), SUPPORTED, "nl", widget_language="so").language == "so"


def test_strong_evidence_switches_without_asking():
    decision = decide(state("nl"), SUPPORTED, "nl", detected="tr", evidence=STRONG)
    assert (decision.language, decision.ask_about) == ("tr", None)


def test_weak_evidence_asks_then_switches_when_the_next_message_agrees():
    first = decide(state("nl"), SUPPORTED, "nl", detected="en", evidence=WEAK)
    assert (first.language, first.ask_about) == ("nl", "en")
    second = decide(state("nl", candidate="en"), SUPPORTED, "nl", detected="en", evidence=WEAK)
    assert second.language == "en"


def test_after_an_explicit_choice_even_strong_evidence_only_asks():
    decision = decide(state("en", explicit=True), SUPPORTED, "nl", detected="ar", evidence=STRONG)
    assert (decision.language, decision.ask_about) == ("en", "ar")


def test_no_evidence_changes_nothing():
    decision = decide(state("fa", candidate="en"), SUPPORTED, "nl", detected="en", evidence=NONE)
    assert (decision.language, decision.candidate) == ("fa", "en")


def test_unsupported_detection_never_switches():
    assert decide(state("nl"), SUPPORTED, "nl", detected="fr", evidence=STRONG).language == "nl"
