"""A: access control and partner isolation, on the real stack.

A newcomer hands a confidential conversation to COC. Caseworkers and coordinators of the
municipality must not learn by any path that it exists.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests

from bot.evaluation.threads import run_coroutine
from tests.console_accounts import signed_in, stack_database
from tests.e2e.socket_client import ChatClient

pytestmark = pytest.mark.stack
PATHS = ("", "/claim", "/reply", "/notes", "/release", "/close")


def confidential_handoff(stack, tamper: bool = False) -> str:
    """A conversation on LHBT support handed to COC; returns the conversation id."""

    async def scenario() -> str:
        client = ChatClient(stack.rasa_url, stack.web_url)
        token = await client.start()
        await client.say("ik ben homo en zoek hulp")
        await client.replies()
        await client.say("/ask_human")
        offer = (await client.replies())[0]
        assert "COC" in offer["text"]
        if tamper:
            # A4: the client tries to steer the route; the server keeps the user's choice.
            await client.sio.emit(
                "user_uttered",
                {
                    "message": '/affirm{"handoff_partner": "lindewaard-gemeente"}',
                    "metadata": {"partner": "lindewaard-gemeente", "municipality": "elders"},
                },
            )
        else:
            await client.say("/affirm")
        await client.replies()
        await client.close()
        return token.split(".")[0]

    return run_coroutine(scenario())


def sse_text(client, seconds: float = 2.5) -> str:
    """What the live event stream sends to `client` in a few seconds."""
    chunks: list[str] = []

    def read() -> None:
        # The stream is quiet between changes: a read timeout just ends the listening.
        with client.http.get(
            f"{client.base}/api/events",
            headers=client._headers(),
            stream=True,
            timeout=(10, seconds),
        ) as answer:
            started = time.monotonic()
            try:
                for chunk in answer.iter_content(chunk_size=None, decode_unicode=True):
                    chunks.append(chunk)
                    if time.monotonic() - started > seconds:
                        break
            except requests.exceptions.ConnectionError:
                pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(seconds + 15)
    return "".join(chunks)


def test_A1_A2_confidential_conversation_is_invisible_to_the_municipality(stack):
    coc = signed_in(stack, "lindewaard-coc")
    caseworker = signed_in(stack, "lindewaard-gemeente")
    coordinator = signed_in(stack, "lindewaard-gemeente", role="coordinator")
    confidential_handoff(stack)
    handoff = next(item for item in coc.handoffs() if item["confidential"])
    assert handoff["topic"] is None  # not even the topic is stored
    missing = str(uuid.uuid4())
    for outsider in (caseworker, coordinator):
        listed = outsider.get("/api/handoffs", params={"state": "all"}).text
        assert handoff["id"] not in listed
        stream = sse_text(outsider)
        assert "event: queue" in stream  # the stream answered, so the absence below means something
        assert handoff["id"] not in stream
        for suffix in PATHS:
            method = outsider.get if suffix == "" else outsider.post
            body = {"json": {"text": "hallo"}} if suffix else {}
            theirs = method(f"/api/handoffs/{handoff['id']}{suffix}", **body)
            nothing = method(f"/api/handoffs/{missing}{suffix}", **body)
            assert (theirs.status_code, theirs.content) == (nothing.status_code, nothing.content)
            assert theirs.status_code == 404
    audit = coordinator.get("/api/audit").json()["records"]
    assert handoff["id"] not in str(audit)
    assert any(record["action"] == "denied" for record in audit)
    assert coc.get(f"/api/handoffs/{handoff['id']}").status_code == 200


def test_A4_the_route_cannot_be_tampered_with_from_the_client(stack):
    coc = signed_in(stack, "lindewaard-coc")
    municipal = signed_in(stack, "lindewaard-gemeente")
    before_coc = {item["id"] for item in coc.handoffs()}
    before_municipal = {item["id"] for item in municipal.handoffs()}
    confidential_handoff(stack, tamper=True)
    assert len({item["id"] for item in coc.handoffs()} - before_coc) == 1
    assert {item["id"] for item in municipal.handoffs()} == before_municipal


def test_A5_rasa_http_api_is_not_reachable(stack):
    token = stack.env["WEGWIJS_REST_TOKEN"]
    for method, path in (
        ("get", "/status"),
        ("get", "/conversations/someone/tracker"),
        ("get", f"/conversations/someone/tracker?token={token}"),
        ("post", "/conversations/someone/messages"),
        ("put", "/model"),
        ("post", "/model/parse"),
    ):
        answer = getattr(requests, method)(f"{stack.rasa_url}{path}", timeout=10)
        assert answer.status_code in (404, 405), (path, answer.status_code)
    for name in ("rasa", "web", "actions"):
        assert token not in stack.log_path(name).read_text(errors="replace")


def test_A6_disabling_an_account_ends_its_session_at_the_next_request(stack):
    from bot.console.accounts import disable_account
    from bot.console.models import Caseworker
    from bot.db.base import session_factory

    caseworker = signed_in(stack, "lindewaard-coc")
    me = caseworker.get("/api/me").json()["caseworker"]
    with session_factory(stack_database(stack))() as db:
        disable_account(db, db.get(Caseworker, uuid.UUID(me["id"])).id)
        db.commit()
    answer = caseworker.get("/api/handoffs")
    assert (answer.status_code, answer.json()) == (401, {"error": "not_logged_in"})
    assert sse_text(caseworker, seconds=1) == '{"error":"not_logged_in"}'


def test_A8_reading_a_conversation_is_audited_without_text(stack):
    coc = signed_in(stack, "lindewaard-coc")
    coordinator = signed_in(stack, "lindewaard-coc", role="coordinator")
    confidential_handoff(stack)
    handoff = next(item for item in coc.handoffs() if item["confidential"])
    detail = coc.get(f"/api/handoffs/{handoff['id']}").json()
    records = coordinator.get("/api/audit").json()["records"]
    reads = [r for r in records if r["handoff_id"] == handoff["id"]]
    assert reads[0]["action"] == "read_conversation" and reads[0]["at"].endswith("Z")
    for message in detail["transcript"]:
        assert message["text"] not in str(records)
