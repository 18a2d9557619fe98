"""The web chat channel with a real socket.io client against the real Rasa server."""

from __future__ import annotations

import asyncio

import pytest
import socketio

from bot.channels.tokens import new_conversation_id
from bot.evaluation.threads import run_coroutine
from tests.e2e.socket_client import ChatClient

pytestmark = pytest.mark.stack


@pytest.fixture
def chat(stack):
    def make(origin: str | None = None) -> ChatClient:
        return ChatClient(stack.rasa_url, origin or stack.web_url)

    return make


def run(coroutine):
    return run_coroutine(coroutine)


def test_conversation_with_server_issued_id(chat):
    async def scenario():
        client = chat()
        token = await client.start()
        assert token.startswith("w") and len(token.split(".")[0]) == 33  # 128-bit id
        await client.say("hallo")
        reply = (await client.replies())[0]
        assert reply["language"] == "nl" and "Wegwijs" in reply["text"]
        await client.close()

    run(scenario())


def test_B1_made_up_or_stolen_ids_get_nothing_of_another_conversation(chat):
    async def scenario():
        victim = chat()
        victim_token = await victim.start()
        await victim.say("ik zoek werk, hoe vind ik een baan?")
        await victim.replies()
        victim_id = victim_token.split(".")[0]
        for forged in (victim_id, f"{victim_id}.{'0' * 32}", new_conversation_id(), "x" * 500):
            attacker = chat()
            attacker_token = await attacker.start(token=forged)
            assert attacker_token.split(".")[0] != victim_id
            assert attacker.transcript == []
            await attacker.say("hallo")
            await attacker.replies()
            await attacker.close()
        await asyncio.sleep(0.5)
        assert victim.pending("bot_uttered") == 0, "the victim received the attacker's replies"
        await victim.close()
        again = chat()
        await again.start(token=victim_token)
        assert [m["text"] for m in again.transcript if m["role"] == "user"] == [
            "ik zoek werk, hoe vind ik een baan?"
        ]
        await again.close()

    run(scenario())


def test_B4_foreign_origin_is_refused(chat):
    async def scenario():
        client = chat(origin="https://evil.example")
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.connect()

    run(scenario())


def test_B6_reload_keeps_the_conversation(chat):
    async def scenario():
        first = chat()
        token = await first.start()
        await first.say("mag ik werken?")
        await first.replies()
        await first.close()
        second = chat()
        await second.start(token=token)
        roles = [m["role"] for m in second.transcript]
        assert roles[:2] == ["user", "bot"]
        assert second.transcript[1]["buttons"], "buttons of the last answer are kept"
        await second.close()

    run(scenario())


def test_D4_oversized_frame_is_refused_without_harming_others(chat):
    async def scenario():
        bystander = chat()
        await bystander.start()
        attacker = chat()
        await attacker.start()
        await attacker.sio.emit("user_uttered", {"message": "x" * 1_000_000})
        await asyncio.sleep(1)
        await bystander.say("dank je wel")
        assert (await bystander.replies())[0]["text"]
        await bystander.close()

    run(scenario())


@pytest.mark.parametrize(
    "payload,code",
    [
        ({"message": "a" * 5000}, "too_long"),
        ({"message": "   "}, "empty"),
        ({"message": "hallo\x00"}, "invalid_characters"),
        ({"message": "kapot \ud800 teken"}, "invalid_characters"),
        ({"message": 12345}, "not_text"),
        ({}, "not_text"),
        ("not a dict", "not_text"),
    ],
)
def test_D6_D9_malformed_messages_get_a_translated_refusal(chat, payload, code):
    async def scenario():
        client = chat()
        await client.start(language="ar")
        await client.sio.emit("user_uttered", payload)
        refusal = await client.next("system_message")
        assert refusal["code"] == code and refusal["language"] == "ar"
        await client.sio.emit("unknown_event", {"x": 1})
        await client.say("شكرا", language="ar")
        assert (await client.replies())[0]["text"], "conversation lost after bad input"
        await client.close()

    run(scenario())


def test_F4_rate_limit_per_conversation(chat, stack):
    async def scenario():
        client = chat()
        await client.start()
        for index in range(25):
            await client.say(f"bericht nummer {index}")
            await asyncio.sleep(0.05)  # engine.io refuses more than 16 packets in one poll
        refusal = await client.next("system_message", timeout=60)
        assert refusal["code"] == "rate_limited"
        await client.close()

    run(scenario())


def test_B8_G4_end_conversation_erases_it(chat):
    async def scenario():
        client = chat()
        token = await client.start()
        await client.say("ik heb geen geld voor de huur")
        await client.replies()
        await client.sio.emit("end_conversation", {})
        await client.next("conversation_ended")
        await client.close()
        again = chat()
        await again.start(token=token)
        assert again.transcript == []
        await again.close()

    run(scenario())
