"""The action server over HTTP: only Rasa (with the shared secret) may call it."""

from __future__ import annotations

import zlib

import pytest
import requests

pytestmark = pytest.mark.stack
CANARY = "canary-7f3a9 my secret message"


def action_call(name: str, text: str = "hallo", tracker_extra: dict | None = None) -> dict:
    tracker = {
        "sender_id": "action-test-0001",
        "slots": {"language": "nl"},
        "latest_message": {"intent": {"name": "greet"}, "entities": [], "text": text},
        "events": [],
        "paused": False,
        "latest_action_name": "action_listen",
        **(tracker_extra or {}),
    }
    return {
        "next_action": name,
        "sender_id": "action-test-0001",
        "tracker": tracker,
        "domain": {},
        "version": "3.6.21",
    }


@pytest.fixture
def actions_url(stack):
    return f"http://127.0.0.1:{stack.ports.actions}"


@pytest.fixture
def secret(stack):
    return {"X-Wegwijs-Action-Secret": stack.env["WEGWIJS_ACTION_SECRET"]}


def test_C1_without_the_secret_nothing_is_answered(actions_url):
    assert (
        requests.post(
            f"{actions_url}/webhook", json=action_call("action_show_menu"), timeout=10
        ).status_code
        == 401
    )
    assert requests.get(f"{actions_url}/actions", timeout=10).status_code == 401
    wrong = {"X-Wegwijs-Action-Secret": "not-the-secret"}
    assert requests.get(f"{actions_url}/actions", headers=wrong, timeout=10).status_code == 401


def test_with_the_secret_an_action_runs(actions_url, secret):
    answer = requests.post(
        f"{actions_url}/webhook", json=action_call("action_show_menu"), headers=secret, timeout=10
    )
    assert answer.status_code == 200
    assert answer.json()["responses"][0]["response"] == "utter_menu"


def test_C2_errors_do_not_echo_the_conversation(actions_url, secret, stack):
    broken = action_call(
        "action_resolve_context",
        text=CANARY,
        tracker_extra={"latest_message": "not-a-dict " + CANARY},
    )
    answer = requests.post(f"{actions_url}/webhook", json=broken, headers=secret, timeout=10)
    assert answer.status_code == 500
    assert CANARY not in answer.text and "request_body" not in answer.text
    assert CANARY not in stack.log_path("actions").read_text(errors="replace")


def test_C3_compressed_bodies_are_refused(actions_url, secret):
    body = zlib.compress(b'{"next_action": "action_show_menu"}' + b" " * 1_000_000)
    answer = requests.post(
        f"{actions_url}/webhook",
        data=body,
        timeout=10,
        headers={**secret, "Content-Encoding": "deflate"},
    )
    assert answer.status_code == 415


def test_C3_oversized_bodies_are_refused(actions_url, secret):
    answer = requests.post(
        f"{actions_url}/webhook", data=b"x" * 2_000_000, headers=secret, timeout=10
    )
    assert answer.status_code == 413
