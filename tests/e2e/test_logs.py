"""G1: no message text, token or conversation id in any log of the running stack."""

from __future__ import annotations

import secrets

import pytest

from bot.evaluation.threads import run_coroutine
from tests.e2e.socket_client import ChatClient

pytestmark = pytest.mark.stack


def test_canaries_appear_in_no_log(stack):
    canary = "canary" + secrets.token_hex(6)
    sender = "logtest-" + secrets.token_hex(12)
    stack.say(sender, f"ik ben homo en voel me niet veilig {canary}", {"language": "nl"})
    stack.say(sender, f"mag ik werken {canary}")
    stack.send(sender, f"{canary}\x00 kapot")  # refused input must not be logged either

    async def widget() -> str:
        client = ChatClient(stack.rasa_url, stack.web_url)
        token = await client.start()
        await client.say(f"ik zoek een taalcursus {canary}")
        await client.replies()
        await client.close()
        return token

    token = run_coroutine(widget())
    logs = {name: stack.log_path(name).read_text(errors="replace") for name in stack.processes}
    for name, text in logs.items():
        assert canary not in text, f"message text in the {name} log"
        assert sender not in text, f"conversation id in the {name} log"
        assert token.split(".")[0] not in text, f"web chat conversation id in the {name} log"
        for secret in ("WEGWIJS_REST_TOKEN", "WEGWIJS_ACTION_SECRET", "WEGWIJS_SESSION_SECRET"):
            assert stack.env[secret] not in text, f"{secret} in the {name} log"
