"""Every text exists in every language, with the same shape and placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.content.render import placeholders
from tests.conftest import ROOT

# Filled by the code: derived from the conversation, or from the partner directory.
DERIVED_PLACEHOLDERS = {
    "situation_label",
    "language_list",
    "max_characters",
    "municipality_name",
    "partner_name",
    "partner_contact",
    "next_opening",
}


def _shape(variants):
    return [
        (
            sorted((k, sorted(v)) for k, v in variant.condition.items()),
            [button.payload for button in variant.buttons],
            placeholders(variant.text)
            | set().union(*[placeholders(b.title) for b in variant.buttons]),
        )
        for variant in variants
    ]


def _responses_named_in_code() -> set:
    names = set()
    for path in list((ROOT / "actions").glob("*.py")) + list((ROOT / "bot").rglob("*.py")):
        names |= set(re.findall(r'"(utter_[a-z_]+)"', path.read_text(encoding="utf-8")))
    return names - {"utter_menu_"}


def test_every_language_has_every_response_with_the_same_shape(catalog):
    reference = catalog.responses[catalog.default_language]
    for language in catalog.languages:
        responses = catalog.responses.get(language)
        assert responses is not None, f"no responses for {language}"
        assert set(responses) == set(reference), f"{language}: response names differ"
        for name, variants in reference.items():
            assert _shape(responses[name]) == _shape(variants), f"{language}:{name} differs"


def test_every_response_has_a_default_variant(catalog):
    for language, responses in catalog.responses.items():
        for name, variants in responses.items():
            assert any(not v.condition for v in variants), f"{language}:{name} has no default"


def test_domain_and_code_only_use_responses_that_exist(catalog, domain_dict):
    known = set(catalog.responses[catalog.default_language])
    assert set(domain_dict["responses"]) <= known
    missing = _responses_named_in_code() - known
    menus = {
        f"utter_menu_{group}"
        for group in ("inburgering", "language", "work", "money_housing", "support")
    }
    assert not missing, f"code names responses without content: {missing}"
    assert menus <= known


def test_placeholders_have_values(catalog):
    allowed = set(catalog.facts) | DERIVED_PLACEHOLDERS
    for language, responses in catalog.responses.items():
        for name, variants in responses.items():
            for variant in variants:
                unknown = placeholders(variant.text) - allowed
                assert not unknown, f"{language}:{name} uses unknown {unknown}"


def test_volatile_facts_name_their_source_and_date(catalog):
    for key, fact in catalog.facts.items():
        assert fact.source.startswith("http"), key
        assert re.match(r"\d{4}-\d{2}-\d{2}$", fact.checked), key
        assert fact.status in {"verified", "recheck"}, key


def test_no_amount_or_phone_number_is_written_into_a_text(catalog):
    # Volatile facts live in facts.yml; texts refer to them by placeholder.
    pattern = re.compile(r"€\s?\d|\b\d{3,4}[- ]\d{2,4}[- ]?\d{0,4}\b")
    for language, responses in catalog.responses.items():
        for name, variants in responses.items():
            for variant in variants:
                text = re.sub(r"https?://\S+", "", variant.text)
                assert not pattern.search(text), f"{language}:{name}: {pattern.search(text)}"


def test_payloads_name_intents_of_the_domain(catalog, domain_dict):
    intents = set(domain_dict["intents"])
    for language, responses in catalog.responses.items():
        for name, variants in responses.items():
            for variant in variants:
                for button in variant.buttons:
                    intent = re.match(r"/(\w+)", button.payload)
                    assert intent and intent.group(1) in intents, (language, name, button.payload)


def test_labels_cover_every_topic_and_situation(catalog):
    for language in catalog.languages:
        labels = catalog.labels.get(language, {})
        assert set(catalog.topics) <= set(labels.get("intents", {})), language
        assert set(catalog.situations) <= set(labels.get("situations", {})), language


def test_situational_topics_are_answered_by_the_topic_action():
    rules = {}
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            steps = rule["steps"]
            if len(steps) == 2 and "intent" in steps[0]:
                rules[steps[0]["intent"]] = steps[1]["action"]
    topics = yaml.safe_load((ROOT / "content" / "topics.yml").read_text())["topics"]
    for intent, topic in topics.items():
        expected = "action_answer_topic" if topic.get("needs_situation") else topic["response"]
        assert rules.get(intent) == expected, intent


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_right_to_left_languages_are_marked(catalog, code):
    assert catalog.languages[code].direction == "rtl"


def test_municipality_overrides_exist_in_every_language(catalog):
    for municipality in catalog.municipalities.values():
        names = {lang: set(r) for lang, r in municipality.responses.items()}
        union = set().union(*names.values()) if names else set()
        for language in catalog.languages:
            assert names.get(language, set()) == union, (municipality.slug, language)


def test_content_files_are_plain_yaml_mappings():
    for path in Path(ROOT / "content").rglob("*.yml"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path


def test_every_language_passes_the_new_language_check(catalog):
    import importlib.util

    spec = importlib.util.spec_from_file_location("check", ROOT / "scripts" / "check_language.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for code in catalog.languages:
        assert module.problems(code) == [], code
    assert module.problems("ku") == ["content/languages.yml does not declare ku"]
