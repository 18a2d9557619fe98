"""Handoff to a person, end to end on the real servers.

A newcomer asks for a person in Arabic over socket.io, consents, a caseworker of the routed
partner claims and replies through the console API, the newcomer receives the reply live,
the bot stays silent (also in a second tab), the caseworker hands back and the bot answers
again. Caseworkers of other organisations cannot see or touch the conversation.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.evaluation.threads import run_coroutine
from tests.console_accounts import signed_in
from tests.e2e.socket_client import ChatClient

pytestmark = pytest.mark.stack
MUNICIPAL = "lindewaard-gemeente"
SILENCE_SECONDS = 3


def wait_for_handoff(console, predicate, timeout: float = 5.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [item for item in console.handoffs() if predicate(item)]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError("the handoff did not appear in the console queue")


async def in_thread(function, *args):
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


async def ask_for_person_in_arabic(client: ChatClient) -> None:
    await client.say("اريد التحدث مع موظف", language="ar")
    offer = (await client.replies())[0]
    assert offer["language"] == "ar" and offer["direction"] == "rtl"
    assert "Gemeente Lindewaard" in offer["text"]
    assert [button["payload"] for button in offer["buttons"]] == ["/affirm", "/deny"]
    await client.say("/affirm", language="ar")
    arranged = (await client.replies())[0]
    assert arranged["language"] == "ar" and "Gemeente Lindewaard" in arranged["text"]


async def silent(client: ChatClient) -> bool:
    await asyncio.sleep(SILENCE_SECONDS)
    return client.pending("bot_uttered") == 0


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_arabic_handoff_reply_and_back_to_the_bot(database, request):
    stack = request.getfixturevalue("stack" if database == "sqlite" else "pg_stack")
    caseworker = signed_in(stack, MUNICIPAL)
    outsider = signed_in(stack, "lindewaard-coc")

    async def scenario():
        newcomer = ChatClient(stack.rasa_url, stack.web_url)
        token = await newcomer.start(language="ar")
        await ask_for_person_in_arabic(newcomer)
        handoff = await in_thread(
            wait_for_handoff, caseworker, lambda item: item["language"] == "ar"
        )
        assert handoff["state"] == "waiting" and handoff["direction"] == "rtl"

        # Waiting for a person: the bot says nothing, whatever the newcomer writes.
        await newcomer.say("هل يوجد احد؟", language="ar")
        assert await silent(newcomer)

        claimed = await in_thread(caseworker.post, f"/api/handoffs/{handoff['id']}/claim")
        assert claimed.status_code == 200 and claimed.json()["handoff"]["mine"]
        joined = (await newcomer.replies())[0]
        assert joined["custom"] == {"from": "system"} and joined["language"] == "ar"

        answer = await in_thread(
            lambda: caseworker.post(
                f"/api/handoffs/{handoff['id']}/reply", {"text": "مرحبا، أنا من البلدية"}
            )
        )
        assert answer.status_code == 201, answer.text
        reply = (await newcomer.replies())[0]
        assert reply["text"] == "مرحبا، أنا من البلدية"
        assert reply["custom"] == {"from": "person"} and reply["direction"] == "rtl"

        # A second tab of the same conversation sees the reply, and the bot stays silent.
        second_tab = ChatClient(stack.rasa_url, stack.web_url)
        await second_tab.start(token=token, language="ar")
        assert any(entry["role"] == "person" for entry in second_tab.transcript)
        await second_tab.say("شكرا، عندي سؤال عن السكن", language="ar")
        assert await silent(newcomer) and await silent(second_tab)

        detail = (await in_thread(caseworker.get, f"/api/handoffs/{handoff['id']}")).json()
        texts = [entry["text"] for entry in detail["transcript"] if entry["role"] == "user"]
        assert "شكرا، عندي سؤال عن السكن" in texts
        assert detail["context"]["language"] == "ar"

        released = await in_thread(caseworker.post, f"/api/handoffs/{handoff['id']}/release")
        assert released.status_code == 200
        marker = (await newcomer.replies())[0]
        assert marker["custom"] == {"from": "system"}
        await newcomer.say("كيف أجد عملا في هولندا؟", language="ar")
        bot_answer = (await newcomer.replies())[0]
        assert "custom" not in bot_answer and bot_answer["language"] == "ar"
        await second_tab.close()
        await newcomer.close()
        return handoff["id"]

    handoff_id = run_coroutine(scenario())
    # The other organisation learns nothing, through any endpoint.
    assert all(item["id"] != handoff_id for item in outsider.handoffs())
    for method, path in [
        ("get", f"/api/handoffs/{handoff_id}"),
        ("post", f"/api/handoffs/{handoff_id}/claim"),
        ("post", f"/api/handoffs/{handoff_id}/reply"),
        ("post", f"/api/handoffs/{handoff_id}/notes"),
        ("post", f"/api/handoffs/{handoff_id}/release"),
        ("post", f"/api/handoffs/{handoff_id}/close"),
    ]:
        kwargs = {"json": {"text": "hallo"}} if method == "post" else {}
        answer = getattr(outsider, method)(path, **kwargs)
        assert (answer.status_code, answer.json()) == (404, {"error": "not_found"}), path
