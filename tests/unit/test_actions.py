"""Custom actions, run on trackers built in code."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerTopic, ActionShowMenu
from actions.context import ActionResolveContext
from actions.fallback import ActionClarify
from actions.language import ActionConfirmLanguage, ActionUnsupportedLanguage
from actions.privacy import ActionEraseConversation
from actions.session import ActionSessionStart
from bot.evaluation.threads import run_coroutine
from tests.factories import detected, make_tracker


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = run_coroutine(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def slots_set(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_situational_topic_asks_for_the_situation_first():
    messages, events = run(ActionAnswerTopic(), make_tracker("work_permission"))
    assert [m["response"] for m in messages] == ["utter_ask_situation"]
    assert SlotSet("pending_topic", "work_permission") in events


def test_pending_topic_is_answered_once_the_situation_is_known():
    tracker = make_tracker(
        "inform_situation",
        slots={"pending_topic": "work_permission", "situation": "asylum_seeker"},
    )
    messages, events = run(ActionAnswerTopic(), tracker)
    assert [m["response"] for m in messages] == ["utter_work_permission", "utter_situation_footer"]
    assert SlotSet("pending_topic", None) in events


def test_known_situation_answers_at_once():
    tracker = make_tracker("benefits_money", slots={"situation": "wi2021"})
    messages, _ = run(ActionAnswerTopic(), tracker)
    assert messages[0]["response"] == "utter_benefits_money"


def test_unknown_situation_gets_the_general_answer_without_footer():
    tracker = make_tracker(
        "inform_situation", slots={"pending_topic": "inburgering_costs", "situation": "unknown"}
    )
    messages, _ = run(ActionAnswerTopic(), tracker)
    assert [m["response"] for m in messages] == ["utter_inburgering_costs"]


def test_situation_without_pending_question_offers_more_help():
    messages, _ = run(
        ActionAnswerTopic(), make_tracker("inform_situation", slots={"situation": "wi2013"})
    )
    assert messages[0]["response"] == "utter_anything_else"


@pytest.mark.parametrize(
    "entities,expected",
    [
        ([{"entity": "topic_group", "value": "work"}], "utter_menu_work"),
        ([{"entity": "topic_group", "value": "nonsense"}], "utter_menu"),
        ([], "utter_menu"),
    ],
)
def test_menu_per_topic_group(entities, expected):
    messages, _ = run(ActionShowMenu(), make_tracker("help_topics", entities=entities))
    assert messages[0]["response"] == expected


def test_clarify_suggests_the_most_likely_topics_only():
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "housing", "confidence": 0.3},
        {"name": "greet", "confidence": 0.1},
        {"name": "benefits_money", "confidence": 0.05},
        {"name": "work_permission", "confidence": 0.03},
        {"name": "volunteer_find", "confidence": 0.02},
    ]
    messages, _ = run(ActionClarify(), make_tracker("nlu_fallback", ranking=ranking))
    assert messages[0]["response"] == "utter_clarify"
    assert messages[0]["suggested_intents"] == ["housing", "benefits_money", "work_permission"]


class TestResolveContext:
    def test_widget_language_is_the_starting_point(self):
        _, events = run(ActionResolveContext(), make_tracker(metadata={"language": "ar"}))
        assert slots_set(events)["language"] == "ar"

    def test_script_evidence_switches_the_language(self):
        tracker = make_tracker(slots={"language": "nl"}, entities=[detected("ti", "script")])
        messages, events = run(ActionResolveContext(), tracker)
        assert slots_set(events)["language"] == "ti"
        assert messages == []

    def test_weak_evidence_asks_in_the_candidate_language(self):
        tracker = make_tracker(slots={"language": "nl"}, entities=[detected("en", "weak")])
        messages, events = run(ActionResolveContext(), tracker)
        assert "language" not in slots_set(events)
        assert slots_set(events)["language_candidate"] == "en"
        assert messages[0]["response"] == "utter_ask_continue_language"
        assert messages[0]["language"] == "en"
        assert [b["payload"] for b in messages[0]["buttons"]] == [
            '/choose_language{"language": "en"}',
            '/choose_language{"language": "nl"}',
        ]

    def test_explicit_choice_wins(self):
        tracker = make_tracker(
            "choose_language",
            slots={"language": "ar"},
            entities=[{"entity": "language", "value": "so"}, detected("en", "strong")],
        )
        _, events = run(ActionResolveContext(), tracker)
        assert slots_set(events)["language"] == "so"
        assert slots_set(events)["language_explicit"] is True

    def test_no_question_while_a_person_owns_the_conversation(self):
        tracker = make_tracker(
            slots={"language": "nl"}, entities=[detected("en", "weak")], paused=True
        )
        messages, _ = run(ActionResolveContext(), tracker)
        assert messages == []

    def test_unknown_municipality_from_metadata_is_ignored(self):
        _, events = run(ActionResolveContext(), make_tracker(metadata={"municipality": "x-y"}))
        assert "municipality" not in slots_set(events)


def test_confirm_language_offers_all_languages_when_none_named(catalog):
    messages, _ = run(ActionConfirmLanguage(), make_tracker("choose_language"))
    assert messages[0]["response"] == "utter_choose_language"
    assert len(messages[0]["buttons"]) == len(catalog.languages)


def test_unsupported_language_answer_languages():
    tracker = make_tracker(
        "unsupported_language", slots={"language": "ar"}, entities=[detected("ur")]
    )
    messages, _ = run(ActionUnsupportedLanguage(), tracker)
    assert messages[0]["in_languages"] == ["ar", "fa", "nl", "en"]


def test_B7_session_start_carries_only_the_language_and_municipality():
    tracker = make_tracker(
        slots={
            "language": "fa",
            "situation": "wi2021",
            "pending_topic": "housing",
            "municipality": "lindewaard",
        }
    )
    _, events = run(ActionSessionStart(), tracker)
    assert slots_set(events) == {
        "language": "fa",
        "language_explicit": False,
        "municipality": "lindewaard",
    }
    assert events[0]["event"] == "session_started"


def test_erasure_is_requested_and_confirmed():
    messages, events = run(ActionEraseConversation(), make_tracker("affirm"))
    assert messages[0]["response"] == "utter_data_deleted" and messages[0]["erased"] is True
    assert SlotSet("erase_requested", True) in events


def test_erasure_reaches_through_rasas_fail_safe_wrapper(tmp_path):
    from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.privacy.erasure import erase_tracker

    inner = SQLTrackerStore(Domain.empty(), db=str(tmp_path / "events.db"))
    store = FailSafeTrackerStore(inner)
    tracker = DialogueStateTracker("erase-me-0001", [])
    tracker.update(UserUttered("hallo"))
    run_coroutine(store.save(tracker))
    assert erase_tracker(store, "erase-me-0001") == 1
    assert run_coroutine(inner.retrieve("erase-me-0001")) is None


def test_a_named_municipality_with_content_becomes_the_context():
    entities = [{"entity": "municipality", "value": "lindewaard"}]
    _, events = run(ActionResolveContext(), make_tracker(entities=entities))
    assert slots_set(events)["municipality"] == "lindewaard"


def test_a_municipality_name_that_is_also_a_word_does_not_move_the_conversation():
    entities = [{"entity": "municipality", "value": "best"}]
    tracker = make_tracker(entities=entities, slots={"municipality": "lindewaard"})
    _, events = run(ActionResolveContext(), tracker)
    assert "municipality" not in slots_set(events)
