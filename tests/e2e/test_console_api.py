"""The console API on the real web app: log-in, CSRF, cookies, bad input, stale tabs,
coordinators, audit records without message text, and the OpenAPI document."""

from __future__ import annotations

import pytest
import requests

from bot.evaluation.threads import run_coroutine
from tests.console_accounts import ConsoleClient, seed_caseworker, signed_in
from tests.e2e.socket_client import ChatClient

pytestmark = pytest.mark.stack
MUNICIPAL = "lindewaard-gemeente"


def open_handoff(stack, text: str = "ik wil met een medewerker praten") -> None:
    async def scenario():
        newcomer = ChatClient(stack.rasa_url, stack.web_url)
        await newcomer.start()
        await newcomer.say(text)
        offer = (await newcomer.replies())[0]
        assert offer["buttons"][0]["payload"] == "/affirm", offer
        await newcomer.say("/affirm")
        await newcomer.replies()
        await newcomer.close()

    run_coroutine(scenario())


@pytest.fixture
def waiting(stack):
    caseworker = signed_in(stack, MUNICIPAL)
    before = {item["id"] for item in caseworker.handoffs()}
    open_handoff(stack)
    new = [item for item in caseworker.handoffs() if item["id"] not in before]
    assert len(new) == 1
    return caseworker, new[0]


def test_G6_cookie_is_http_only_strict_and_secure(stack):
    email, password = seed_caseworker(stack, MUNICIPAL)
    answer = requests.post(
        f"{stack.web_url}/api/login", json={"email": email, "password": password}, timeout=10
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie
    assert answer.headers["cache-control"] == "no-store"


def test_A7_wrong_password_and_throttling_per_account(stack):
    email, password = seed_caseworker(stack, MUNICIPAL)
    client = ConsoleClient(stack.web_url)
    codes = [client.login(email, "wrong").json()["error"] for _ in range(5)]
    assert codes == ["invalid_credentials"] * 5
    locked = client.login(email, password)
    assert (locked.status_code, locked.json()) == (429, {"error": "too_many_attempts"})


def test_A7_coordinator_needs_the_one_time_code(stack):
    email, password = seed_caseworker(stack, MUNICIPAL, role="coordinator")
    answer = ConsoleClient(stack.web_url).login(email, password)
    assert (answer.status_code, answer.json()) == (401, {"error": "totp_required"})


def test_writes_without_the_csrf_token_are_refused(stack, waiting):
    caseworker, handoff = waiting
    answer = caseworker.post(f"/api/handoffs/{handoff['id']}/claim", headers={"X-CSRF-Token": ""})
    assert (answer.status_code, answer.json()) == (403, {"error": "csrf"})
    assert caseworker.get(f"/api/handoffs/{handoff['id']}").json()["handoff"]["state"] == "waiting"


def test_A3_not_logged_in_and_made_up_ids(stack):
    anonymous = requests.get(f"{stack.web_url}/api/handoffs", timeout=10)
    assert (anonymous.status_code, anonymous.json()) == (401, {"error": "not_logged_in"})
    caseworker = signed_in(stack, MUNICIPAL)
    for made_up in ("00000000-0000-4000-8000-000000000000", "1", "../etc"):
        answer = caseworker.get(f"/api/handoffs/{made_up}")
        assert (answer.status_code, answer.json()) == (404, {"error": "not_found"})


def test_bad_replies_stale_tabs_and_closed_conversations(stack, waiting):
    caseworker, handoff = waiting
    path = f"/api/handoffs/{handoff['id']}"
    assert caseworker.post(f"{path}/reply", {"text": "te vroeg"}).json() == {"error": "not_yours"}
    assert caseworker.post(f"{path}/claim").status_code == 200
    stale_tab = caseworker.post(f"{path}/claim")
    assert (stale_tab.status_code, stale_tab.json()) == (409, {"error": "not_waiting"})
    assert caseworker.post(f"{path}/reply", {"text": "   "}).json() == {"error": "empty"}
    too_long = caseworker.post(f"{path}/reply", {"text": "x" * 2001})
    assert (too_long.status_code, too_long.json()) == (400, {"error": "too_long"})
    assert caseworker.post(f"{path}/reply", {"nothing": 1}).json() == {"error": "invalid"}
    note = caseworker.post(f"{path}/notes", {"text": "Belt morgen terug"})
    assert note.status_code == 201
    assert caseworker.post(f"{path}/close").status_code == 200
    for action in ("claim", "close", "release"):
        assert caseworker.post(f"{path}/{action}").status_code == 409
    after = caseworker.post(f"{path}/reply", {"text": "nog iets"})
    assert (after.status_code, after.json()) == (409, {"error": "not_yours"})
    detail = caseworker.get(path).json()
    assert detail["notes"][0]["text"] == "Belt morgen terug"
    assert detail["handoff"]["state"] == "closed"


def test_A8_coordinator_sees_team_and_audit_without_message_text(stack, waiting):
    caseworker, handoff = waiting
    caseworker.get(f"/api/handoffs/{handoff['id']}")
    coordinator = signed_in(stack, MUNICIPAL, role="coordinator")
    assert caseworker.get("/api/audit").status_code == 403
    assert caseworker.get("/api/team").status_code == 403
    records = coordinator.get("/api/audit").json()["records"]
    reads = [r for r in records if r["handoff_id"] == handoff["id"]]
    assert reads and reads[0]["action"] == "read_conversation"
    assert "medewerker" not in coordinator.get("/api/audit").text
    members = coordinator.get("/api/team").json()["members"]
    assert any(member["role"] == "coordinator" for member in members)
    coc = signed_in(stack, "lindewaard-coc", role="coordinator")
    assert all(r["handoff_id"] != handoff["id"] for r in coc.get("/api/audit").json()["records"])
    coc_team = {m["id"] for m in coc.get("/api/team").json()["members"]}
    assert coc_team and coc_team.isdisjoint({m["id"] for m in members})


def test_canned_replies_per_language(stack):
    caseworker = signed_in(stack, MUNICIPAL)
    arabic = caseworker.get("/api/canned", params={"language": "ar"}).json()["replies"]
    dutch = caseworker.get("/api/canned", params={"language": "nl"}).json()["replies"]
    assert [r["id"] for r in arabic] == [r["id"] for r in dutch] and arabic[0]["text"] != dutch[0][
        "text"
    ]


def test_openapi_documents_the_console_api(stack):
    document = requests.get(f"{stack.web_url}/api/openapi.json", timeout=10).json()
    for path in (
        "/api/login",
        "/api/handoffs",
        "/api/handoffs/{handoff_id}",
        "/api/handoffs/{handoff_id}/claim",
        "/api/handoffs/{handoff_id}/reply",
        "/api/handoffs/{handoff_id}/release",
        "/api/handoffs/{handoff_id}/close",
    ):
        assert path in document["paths"], path
