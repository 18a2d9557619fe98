"""H and G2: headers, CORS, telemetry and log level, checked on the running stack."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from pydantic import ValidationError

from bot.settings import Settings

PAGES = ("/demo", "/console", "/api/me", "/widget-texts.json")


@pytest.mark.stack
def test_H5_security_headers_on_every_page(stack):
    for path in PAGES:
        answer = requests.get(f"{stack.web_url}{path}", timeout=10)
        headers = answer.headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "frame-ancestors 'none'" in policy, path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert headers["cross-origin-opener-policy"] == "same-origin", path
    assert requests.get(f"{stack.web_url}/console", timeout=10).headers["cache-control"] == (
        "no-store"
    )


@pytest.mark.stack
def test_H4_cors_only_for_the_exact_allowed_origins(stack):
    evil = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    for url in (
        f"{stack.web_url}/api/login",
        f"{stack.web_url}/widget/wegwijs.js",
        f"{stack.rasa_url}/webhooks/rest/webhook",
        f"{stack.rasa_url}/webhooks/webchat/relay",
    ):
        for method in (requests.options, requests.get):
            answer = method(url, headers=evil, timeout=10)
            assert "access-control-allow-origin" not in answer.headers, url
    allowed = requests.get(
        f"{stack.web_url}/widget/wegwijs.js", headers={"Origin": stack.web_url}, timeout=10
    )
    assert allowed.headers["access-control-allow-origin"] == stack.web_url


@pytest.mark.stack
def test_H6_relay_and_action_server_need_their_secrets(stack):
    relay = requests.post(
        f"{stack.rasa_url}/webhooks/webchat/relay",
        json={"conversation_id": "x", "kind": "reply", "text": "hallo"},
        headers={"X-Wegwijs-Relay-Secret": "guess"},
        timeout=10,
    )
    assert (relay.status_code, relay.json()) == (403, {"error": "forbidden"})
    listing = requests.get(f"http://127.0.0.1:{stack.ports.actions}/actions", timeout=10)
    assert listing.status_code in (401, 403, 404)


@pytest.mark.stack
def test_G2_telemetry_is_off_in_every_process(stack):
    assert stack.env["RASA_TELEMETRY_ENABLED"] == "false"
    for name, process in stack.processes.items():
        environ = Path(f"/proc/{process.pid}/environ").read_bytes().split(b"\0")
        assert b"RASA_TELEMETRY_ENABLED=false" in environ, name


def test_G1_debug_logging_is_refused_in_production():
    with pytest.raises(ValidationError, match="DEBUG"):
        Settings(env="production", log_level="DEBUG")
    assert Settings(env="development", log_level="DEBUG").log_level == "DEBUG"
