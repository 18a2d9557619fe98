"""Conversations with the real Rasa server and action server, over HTTP."""

from __future__ import annotations

import secrets

import pytest

pytestmark = pytest.mark.stack


def new_sender() -> str:
    return "e2e-" + secrets.token_hex(16)


def texts(messages):
    return "\n".join(m.get("text", "") for m in messages)


def test_dutch_greeting_offers_topics(stack, catalog):
    messages = stack.say(new_sender(), "hallo", {"language": "nl"})
    assert messages, "no answer"
    assert "Wegwijs" in messages[0]["text"]
    assert len(messages[0]["buttons"]) == 6
    assert messages[0]["language"] == "nl"


def test_english_question_gets_an_english_answer(stack):
    messages = stack.say(
        new_sender(), "how can I find a job in the Netherlands", {"language": "nl"}
    )
    assert messages[-1]["language"] == "en"
    assert "werk.nl" in texts(messages)


def test_situation_question_then_situational_answer(stack):
    sender = new_sender()
    first = stack.say(sender, "mag ik werken met mijn verblijfsvergunning?", {"language": "nl"})
    payloads = [b["payload"] for b in first[-1]["buttons"]]
    assert '/inform_situation{"situation": "asylum_seeker"}' in payloads
    answer = stack.say(sender, '/inform_situation{"situation": "asylum_seeker"}')
    assert "TWV" in texts(answer)


def test_emergency_answers_112_first(stack):
    messages = stack.say(
        new_sender(), "help my husband is hitting me, I am scared", {"language": "en"}
    )
    assert messages[0]["text"].lstrip().split("\n")[0].count("112") == 1


def test_unclear_message_is_clarified_then_a_person_is_offered(stack):
    sender = new_sender()
    first = stack.say(sender, "qwzx plork", {"language": "en"})
    assert first[0]["buttons"][-1]["payload"] == "/deny"
    second = stack.say(sender, "/deny")
    assert any(b["payload"] == "/ask_human" for b in second[0]["buttons"])


def test_bot_challenge_is_answered_honestly(stack):
    messages = stack.say(new_sender(), "are you a robot?", {"language": "en"})
    assert messages and messages[0]["language"] == "en"


def test_short_ok_does_not_flip_the_language(stack):
    sender = new_sender()
    stack.say(sender, "ik zoek een taalcursus Nederlands", {"language": "nl"})
    messages = stack.say(sender, "ok")
    assert all(m["language"] == "nl" for m in messages)


def test_arabic_message_gets_an_arabic_answer(stack):
    messages = stack.say(new_sender(), "هل يمكنني العمل في هولندا؟", {"language": "nl"})
    assert messages[-1]["language"] == "ar"
    assert messages[-1]["direction"] == "rtl"


class TestBadInput:
    def test_empty_and_whitespace_are_refused_clearly(self, stack):
        for text in ("", "   \n\t "):
            answer = stack.send(new_sender(), text)
            assert answer.status_code == 400 and answer.json()["error"] == "empty"

    def test_D4_huge_message_is_refused_clearly(self, stack):
        answer = stack.send(new_sender(), "a" * 100_000)
        assert answer.status_code == 413 and answer.json()["error"] == "too_long"

    def test_D6_nul_and_control_characters_are_refused(self, stack):
        answer = stack.send(new_sender(), "hallo\x00 wereld")
        assert answer.status_code == 400 and answer.json()["error"] == "invalid_characters"

    def test_binary_body_is_refused(self, stack):
        import requests

        answer = requests.post(
            f"{stack.rasa_url}/webhooks/rest/webhook",
            data=b"\xff\xfe\x00binary",
            headers={
                "Authorization": f"Bearer {stack.env['WEGWIJS_REST_TOKEN']}",
                "Content-Type": "application/json",
            },
            timeout=10,
        )
        assert answer.status_code == 400

    def test_D7_invalid_sender_ids_never_reach_the_tracker_store(self, stack):
        for sender in ("x" * 300, "../etc", "a'; drop table events;--", "short"):
            assert stack.send(sender, "hallo").status_code == 400

    def test_without_token_the_channel_refuses(self, stack):
        assert stack.send(new_sender(), "hallo", token="wrong-token").status_code == 401

    @pytest.mark.parametrize("text", ["👍👍👍", "🙂", "12345", "hallo مرحبا ሰላም", "?!?!"])
    def test_odd_messages_get_a_polite_answer(self, stack, text):
        sender = new_sender()
        messages = stack.say(sender, text, {"language": "nl"})
        assert messages, f"no answer to {text!r}"
        assert stack.say(sender, "dank je wel"), "conversation lost after odd input"


LANGUAGES = ["nl", "en", "ar", "ti", "fa", "tr", "so", "uk"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sentence_is_answered_in_its_own_language(stack, language):
    import yaml

    from tests.conftest import ROOT

    sentences = yaml.safe_load((ROOT / "tests" / "langid" / f"{language}.yml").read_text())[
        "sentences"
    ]
    start = "en" if language == "nl" else "nl"
    for sentence in sentences[:3]:
        messages = stack.say(new_sender(), sentence, {"language": start})
        assert messages, sentence
        languages = {m["language"] for m in messages if "parts" not in m}
        assert languages <= {language, start}, (sentence, languages)
        assert messages[-1]["language"] == language, (sentence, languages)


def stored_events(stack, sender: str) -> int:
    import sqlite3

    with sqlite3.connect(stack.var_dir / "wegwijs.db") as db:
        return db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[
            0
        ]


def test_G4_delete_my_data_erases_the_conversation(stack):
    sender = new_sender()
    stack.say(sender, "ik zoek werk", {"language": "nl"})
    assert stored_events(stack, sender) > 0
    confirm = stack.say(sender, "verwijder mijn gegevens alstublieft")
    assert any(b["payload"] == "/affirm" for b in confirm[-1]["buttons"])
    done = stack.say(sender, "/affirm")
    assert done[-1].get("erased") is True
    assert stored_events(stack, sender) == 0
