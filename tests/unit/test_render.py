"""Rendering a response: variant by situation, municipality override, facts, languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.catalog import CatalogSource, load_catalog
from bot.content.nlg import generate_message
from bot.content.render import render
from tests.conftest import ROOT


def test_situation_selects_the_variant(catalog):
    asylum = render(catalog, "utter_work_permission", "en", slots={"situation": "asylum_seeker"})
    holder = render(catalog, "utter_work_permission", "en", slots={"situation": "wi2021"})
    general = render(catalog, "utter_work_permission", "en", slots={})
    assert "TWV" in asylum["text"] and asylum["text"] != holder["text"] != general["text"]


def test_facts_fill_placeholders_and_texts_carry_language_and_direction(catalog):
    message = render(catalog, "utter_emergency", "ar")
    assert catalog.facts["emergency_number"].value in message["text"]
    assert "{" not in message["text"]
    assert (message["language"], message["direction"]) == ("ar", "rtl")


def test_unknown_language_falls_back_to_the_default(catalog):
    assert render(catalog, "utter_greet", "xx")["language"] == catalog.default_language


def test_same_text_in_several_languages_keeps_each_part_apart(catalog):
    slots = {"language": "fa"}
    message = generate_message(
        catalog, "utter_unsupported_language", slots, in_languages=["fa", "nl", "en"]
    )
    assert [part["language"] for part in message["parts"]] == ["fa", "nl", "en"]
    assert message["parts"][0]["direction"] == "rtl"


def test_suggested_intents_become_buttons_titled_in_the_language(catalog):
    message = generate_message(
        catalog,
        "utter_clarify",
        {"language": "tr"},
        suggested_intents=["housing", "work_permission"],
    )
    titles = [button["title"] for button in message["buttons"]]
    assert titles[:2] == [
        catalog.label("tr", "intents", "housing"),
        catalog.label("tr", "intents", "work_permission"),
    ]
    assert message["buttons"][-1]["payload"] == "/deny"


def _copy_content(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_a_municipality_overrides_a_response_and_adds_facts(tmp_path):
    content = _copy_content(tmp_path)
    local = content / "municipalities" / "lindewaard" / "responses"
    for code in yaml.safe_load((content / "languages.yml").read_text())["languages"]:
        (local / code).mkdir(parents=True)
        (local / code / "basics.yml").write_text(
            yaml.safe_dump({"utter_goodbye": [{"text": f"[{code}] {{municipality_name}}"}]})
        )
    catalog = load_catalog(content)
    assert (
        render(catalog, "utter_goodbye", "nl", "lindewaard")["text"] == "[nl] Gemeente Lindewaard"
    )
    assert render(catalog, "utter_goodbye", "nl", None)["text"] != "[nl] Gemeente Lindewaard"


def test_an_edit_is_live_without_restart_and_a_broken_edit_keeps_the_last_good(tmp_path):
    content = _copy_content(tmp_path)
    source = CatalogSource(content, check_interval=0)
    path = content / "responses" / "en" / "basics.yml"
    data = yaml.safe_load(path.read_text())
    data["utter_goodbye"] = [{"text": "See you soon!"}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert render(source.get(), "utter_goodbye", "en")["text"] == "See you soon!"
    path.write_text("utter_goodbye: [unclosed")
    assert render(source.get(), "utter_goodbye", "en")["text"] == "See you soon!"
    assert source.last_error


@pytest.mark.parametrize("name", ["utter_greet", "utter_emergency", "utter_ask_situation"])
def test_buttons_are_the_same_in_every_language(catalog, name):
    payloads = {
        code: [b["payload"] for b in render(catalog, name, code).get("buttons", [])]
        for code in catalog.languages
    }
    assert len(set(map(tuple, payloads.values()))) == 1
