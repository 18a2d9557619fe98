"""G1: no message text, token, session or conversation id in any log of the running stack,
after ordinary and confidential conversations, a handoff, a reply and a note."""

from __future__ import annotations

import secrets

import pytest

from bot.evaluation.threads import run_coroutine
from tests.console_accounts import signed_in
from tests.e2e.socket_client import ChatClient

pytestmark = pytest.mark.stack


def test_G1_canaries_appear_in_no_log(stack):
    canary = "canary" + secrets.token_hex(6)
    sender = "logtest-" + secrets.token_hex(12)
    stack.say(sender, f"ik ben homo en voel me niet veilig {canary}", {"language": "nl"})
    stack.say(sender, f"mag ik werken {canary}")
    stack.send(sender, f"{canary}\x00 kapot")  # refused input must not be logged either

    coc = signed_in(stack, "lindewaard-coc")

    async def widget() -> str:
        client = ChatClient(stack.rasa_url, stack.web_url)
        token = await client.start()
        await client.say(f"ik zoek een taalcursus {canary}")
        await client.replies()
        # A confidential conversation handed to COC, with a reply and a private note.
        await client.say("ik ben lesbisch en zoek steun")
        await client.replies()
        await client.say("/ask_human")  # the button "talk to COC in confidence"
        offer = (await client.replies())[0]
        assert offer["buttons"][0]["payload"] == "/affirm"
        await client.say("/affirm")
        await client.replies()
        await client.say(f"mijn vriendin heet {canary}")
        handoff = next(item for item in coc.handoffs() if item["confidential"])
        coc.post(f"/api/handoffs/{handoff['id']}/claim").raise_for_status()
        await client.replies()
        coc.post(f"/api/handoffs/{handoff['id']}/reply", {"text": f"welkom {canary}"})
        await client.replies()
        coc.post(f"/api/handoffs/{handoff['id']}/notes", {"text": f"notitie {canary}"})
        coc.get(f"/api/handoffs/{handoff['id']}").raise_for_status()
        coc.post(f"/api/handoffs/{handoff['id']}/close").raise_for_status()
        await client.close()
        return token

    token = run_coroutine(widget())
    logs = {name: stack.log_path(name).read_text(errors="replace") for name in stack.processes}
    for name, text in logs.items():
        assert canary not in text, f"message text in the {name} log"
        assert sender not in text, f"conversation id in the {name} log"
        assert token.split(".")[0] not in text, f"web chat conversation id in the {name} log"
        assert coc.cookie not in text and coc.csrf not in text, f"console session in {name}"
        for secret in (
            "WEGWIJS_REST_TOKEN",
            "WEGWIJS_ACTION_SECRET",
            "WEGWIJS_SESSION_SECRET",
            "WEGWIJS_RELAY_SECRET",
        ):
            assert stack.env[secret] not in text, f"{secret} in the {name} log"
