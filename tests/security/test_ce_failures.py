"""C and E: the action server or the database fails in the middle of a conversation."""

from __future__ import annotations

import asyncio
import time

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bot.db.base import session_factory
from bot.evaluation.threads import run_coroutine
from bot.handoff.models import Handoff
from tests.console_accounts import stack_database
from tests.e2e.socket_client import ChatClient

pytestmark = pytest.mark.stack


def handoffs_of(stack, conversation_id: str) -> int:
    with session_factory(stack_database(stack))() as db:
        return db.execute(
            sa.select(sa.func.count())
            .select_from(Handoff)
            .where(Handoff.conversation_id == conversation_id)
        ).scalar_one()


def user_events(stack, conversation_id: str) -> list[str]:
    with session_factory(stack_database(stack))() as db:
        rows = db.execute(
            sa.text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user'"),
            {"s": conversation_id},
        ).scalars()
        return list(rows)


def test_C4_action_server_killed_while_handing_over(stack):
    async def in_thread(function, *args):
        return await asyncio.get_running_loop().run_in_executor(None, function, *args)

    async def scenario() -> tuple[str, dict, float, int, dict, bool]:
        client = ChatClient(stack.rasa_url, stack.web_url)
        conversation_id = (await client.start()).split(".")[0]
        await client.say("ik wil met een medewerker praten")
        assert (await client.replies())[0]["buttons"][0]["payload"] == "/affirm"
        await in_thread(stack.stop, ["actions"])
        try:
            started = time.monotonic()
            await client.say("/affirm")
            reply = (await client.replies(timeout=10))[0]
            seconds = time.monotonic() - started
            during = await in_thread(handoffs_of, stack, conversation_id)
        finally:
            await in_thread(stack.start, ["actions"])
        await client.say("/ask_human")
        await client.replies()
        await client.say("/affirm")
        arranged = (await client.replies())[0]
        await client.say("/affirm")  # pressed again
        await asyncio.sleep(3)
        quiet = client.pending("bot_uttered") == 0
        await client.close()
        return conversation_id, reply, seconds, during, arranged, quiet

    conversation_id, reply, seconds, during, arranged, quiet = run_coroutine(scenario())
    assert seconds < 5 and "112" in reply["text"] and reply["language"] == "nl"
    assert during == 0
    assert any('"/affirm"' in event for event in user_events(stack, conversation_id))
    assert "Gemeente Lindewaard" in arranged["text"] and quiet
    assert handoffs_of(stack, conversation_id) == 1


@pytest.fixture
def unreachable_database(pg_stack):
    url = make_url(stack_database(pg_stack))
    admin = sa.create_engine(
        url.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )

    def set_reachable(reachable: bool) -> None:
        with admin.connect() as connection:
            connection.execute(
                sa.text(f"ALTER DATABASE {url.database} ALLOW_CONNECTIONS {str(reachable).lower()}")
            )
            if not reachable:
                connection.execute(
                    sa.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": url.database},
                )

    yield set_reachable
    set_reachable(True)


def test_E1_database_unreachable_refuses_turns_and_loses_nothing(pg_stack, unreachable_database):
    stack = pg_stack

    async def scenario():
        client = ChatClient(stack.rasa_url, stack.web_url)
        token = await client.start()
        await client.say("hallo")
        await client.replies()
        unreachable_database(False)
        started = time.monotonic()
        message = {"message": "mag ik werken?", "client_id": "c-outage-1"}
        await client.sio.emit("user_uttered", message)
        refusal = await client.next("system_message", timeout=10)
        refused_after = time.monotonic() - started
        assert client.pending("bot_uttered") == 0
        unreachable_database(True)
        await client.sio.emit("user_uttered", message)  # the widget sends it again
        answer = (await client.replies())[0]
        await client.close()
        again = ChatClient(stack.rasa_url, stack.web_url)
        await again.start(token=token)
        await again.close()
        return token, refusal, refused_after, answer, again.transcript

    token, refusal, refused_after, answer, transcript = run_coroutine(scenario())
    assert refusal["code"] == "unavailable" and refusal["client_id"] == "c-outage-1"
    assert refused_after < 5 and "112" in refusal["text"]
    assert answer["language"] == "nl"
    users = [entry["text"] for entry in transcript if entry["role"] == "user"]
    assert users == ["hallo", "mag ik werken?"]  # nothing lost, nothing twice
    assert len(user_events(stack, token.split(".")[0])) == 2
