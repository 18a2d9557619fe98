"""The caseworker console in a real browser against the real stack: log in, take a waiting
conversation from the live queue, answer it and hand it back; hostile text stays text;
right-to-left messages; accessibility; translated errors; the coordinator's panels."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
import time

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.conftest import ROOT
from tests.console_accounts import seed_caseworker, totp_now
from tests.e2e.socket_client import ChatClient

pytestmark = [pytest.mark.stack, pytest.mark.browser]

TEXTS = yaml.safe_load((ROOT / "content" / "console" / "nl.yml").read_text(encoding="utf-8"))
TEXTS_EN = yaml.safe_load((ROOT / "content" / "console" / "en.yml").read_text(encoding="utf-8"))
# Work questions go to the municipality's own team (content/topics.yml, partners.yml).
ORGANISATION = "lindewaard-gemeente"
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
# The bot offers a person with the buttons /affirm (consent) and /deny.
CONSENT = "/affirm"
QUEUE_ITEM = "#cw-queue-list [data-handoff-id]"


class Newcomer:
    """A newcomer in the web chat over socket.io. It runs on a thread of its own with its own
    event loop: Playwright's sync API keeps a loop running in the test thread."""

    def __init__(self, stack, language: str = "nl") -> None:
        self.language = language
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.client = self._run(self._make(stack))
        self._run(self.client.start(language=language))

    @staticmethod
    async def _make(stack) -> ChatClient:
        return ChatClient(stack.rasa_url, stack.web_url)

    def _run(self, coroutine, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def say(self, text: str) -> list[dict]:
        """Send a message; returns the bot's answers (all that arrive until a quiet second)."""

        async def exchange() -> list[dict]:
            await self.client.say(text, self.language)
            replies = [await self.client.next("bot_uttered", timeout=30)]
            while True:
                try:
                    replies.append(await self.client.next("bot_uttered", timeout=1.5))
                except asyncio.TimeoutError:
                    return replies

        return self._run(exchange())

    def write(self, text: str) -> None:
        """Send a message without waiting for an answer (a paused bot gives none)."""
        self._run(self.client.say(text, self.language))

    def ask_for_person(self) -> None:
        """Asks for a person and consents to sharing the conversation."""
        offer = self.say("/ask_human")
        payloads = [button["payload"] for reply in offer for button in reply.get("buttons") or []]
        assert CONSENT in payloads, offer
        self.say(CONSENT)

    def close(self) -> None:
        # Leaving politely can wait for a pending long-poll; the server forgets the client anyway.
        with contextlib.suppress(concurrent.futures.TimeoutError):
            self._run(self.client.close(), timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)


@pytest.fixture(scope="module")
def caseworker(stack):
    return seed_caseworker(stack, ORGANISATION)


@pytest.fixture
def newcomer(stack):
    people: list[Newcomer] = []

    def make(language: str = "nl") -> Newcomer:
        people.append(Newcomer(stack, language))
        return people[-1]

    yield make
    for person in people:
        person.close()


def log_in(page, stack, account) -> None:
    email, password = account
    page.goto(f"{stack.web_url}/console")
    page.get_by_label(TEXTS["login"]["email"]).fill(email)
    page.get_by_label(TEXTS["login"]["password"], exact=True).fill(password)
    page.get_by_role("button", name=TEXTS["login"]["submit"], exact=True).click()
    expect(page.get_by_role("button", name=TEXTS["account"]["logout"])).to_be_visible()


def known_handoffs(page) -> list[str]:
    """The open handoffs of the organisation, read with the page's own session."""
    answer = page.evaluate(
        "() => fetch('/api/handoffs', {credentials: 'same-origin'}).then(r => r.json())"
    )
    return [handoff["id"] for handoff in answer["handoffs"]]


def new_queue_item(page, known: list[str], timeout: float = 30):
    """Waits until the live queue shows a handoff that was not there before; returns it.
    (Polled from here: the page's CSP forbids the eval that wait_for_function needs.)"""
    deadline = time.monotonic() + timeout
    fresh: list[str] = []
    while not fresh and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        ids = page.eval_on_selector_all(QUEUE_ITEM, "items => items.map(e => e.dataset.handoffId)")
        fresh = [handoff_id for handoff_id in ids if handoff_id not in known]
    assert len(fresh) == 1, f"expected one new handoff in the queue, got {fresh}"
    return page.locator(f'{QUEUE_ITEM}[data-handoff-id="{fresh[0]}"]')


def open_new_handoff(page, stack, account, newcomer, messages, language="nl"):
    """Logs in, lets a newcomer ask for a person, opens the new handoff from the queue."""
    log_in(page, stack, account)
    known = known_handoffs(page)
    person = newcomer(language)
    for text in messages:
        person.say(text)
    person.ask_for_person()
    item = new_queue_item(page, known)
    item.click()
    expect(page.locator("#cw-detail-body")).to_be_visible()
    expect(page.locator("#cw-transcript .cw-msg").first).to_be_visible()
    return item, person


def close_handoff(page) -> None:
    page.get_by_role("button", name=TEXTS["handoff"]["close"], exact=True).click()
    expect(page.locator("#cw-detail-state")).to_contain_text(TEXTS["states"]["closed"])


def test_take_a_conversation_answer_and_hand_back(page, stack, caseworker, newcomer):
    item, person = open_new_handoff(page, stack, caseworker, newcomer, ["ik zoek werk"])
    handoff_id = item.get_attribute("data-handoff-id")
    expect(item).to_contain_text(TEXTS["queue"]["waiting"].split("{")[0].strip())
    expect(item).to_have_attribute("aria-current", "true")
    expect(page.locator(".cw-msg-user .cw-msg-text", has_text="ik zoek werk")).to_be_visible()
    # Caseworkers do not see the coordinator's panels.
    assert page.locator("#cw-team").is_hidden() and page.locator("#cw-audit").is_hidden()

    page.get_by_role("button", name=TEXTS["handoff"]["claim"], exact=True).click()
    expect(page.locator("#cw-detail-state")).to_contain_text(TEXTS["states"]["human"])
    expect(item).to_contain_text(TEXTS["queue"]["claimed_by_you"])
    reply_box = page.get_by_label(TEXTS["reply"]["label"])
    expect(reply_box).to_be_focused()

    reply = "Goedemiddag, u spreekt met team Inburgering."
    reply_box.fill("")
    reply_box.type(reply)
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("Waarmee kan ik u helpen?")
    page.keyboard.press("Enter")
    sent = page.locator(".cw-msg-person .cw-msg-text", has_text=reply)
    expect(sent).to_have_count(1)
    assert sent.inner_text() == f"{reply}\nWaarmee kan ik u helpen?"
    expect(reply_box).to_have_value("")

    # What the newcomer writes now arrives live; the reply is still shown once.
    person.write("Ik heb een diploma uit Syrië.")
    answer = page.locator(".cw-msg-user .cw-msg-text", has_text="diploma uit Syrië")
    expect(answer).to_have_count(1, timeout=15000)
    page.wait_for_timeout(3000)  # past the console's one extra read after claiming
    person.write("Kunt u mij helpen?")
    expect(page.locator(".cw-msg-user .cw-msg-text", has_text="Kunt u mij helpen?")).to_have_count(
        1, timeout=15000
    )
    expect(sent).to_have_count(1)
    expect(answer).to_have_count(1)
    screenshot(page, "console-claimed")

    page.get_by_role("button", name=TEXTS["handoff"]["release"], exact=True).click()
    expect(page.locator("#cw-detail-state")).to_contain_text(TEXTS["states"]["released"])
    expect(page.locator(f'{QUEUE_ITEM}[data-handoff-id="{handoff_id}"]')).to_have_count(0)
    expect(page.get_by_label(TEXTS["reply"]["label"])).to_be_hidden()


def test_hostile_text_in_a_transcript_stays_text(page, stack, caseworker, newcomer):
    open_new_handoff(page, stack, caseworker, newcomer, [HOSTILE, "ik zoek werk"])
    shown = page.locator(".cw-msg-user .cw-msg-text", has_text="alert(1)")
    expect(shown).to_have_count(1)
    assert shown.inner_text().strip() == HOSTILE
    assert page.locator("#cw-transcript img, #cw-transcript script").count() == 0
    assert page.locator("body img").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []
    close_handoff(page)


def test_right_to_left_and_no_serious_accessibility_violations(page, stack, caseworker, newcomer):
    open_new_handoff(page, stack, caseworker, newcomer, ["أبحث عن عمل في هولندا"], "ar")
    arabic = page.locator(".cw-msg-user .cw-msg-text").first
    assert arabic.get_attribute("lang") == "ar" and arabic.get_attribute("dir") == "rtl"
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.get_by_role("button", name=TEXTS["handoff"]["claim"], exact=True).click()
    expect(page.get_by_label(TEXTS["reply"]["label"])).to_be_visible()
    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 700})
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"horizontal scrolling at {width}px"
        results = Axe().run(page)
        serious = [
            violation["id"]
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert serious == [], results.generate_report()
    screenshot(page, "console-arabic-320px")
    close_handoff(page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_wrong_password_shows_the_translated_error(page, stack, language):
    texts = {"nl": TEXTS, "en": TEXTS_EN}[language]
    email, _password = seed_caseworker(stack, ORGANISATION)
    page.goto(f"{stack.web_url}/console")
    page.select_option("#cw-language", language)
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_label(texts["login"]["email"]).fill(email)
    page.get_by_label(texts["login"]["password"], exact=True).fill("not-the-password")
    page.get_by_role("button", name=texts["login"]["submit"], exact=True).click()
    expect(page.get_by_role("alert")).to_have_text(texts["errors"]["invalid_credentials"])
    expect(page.get_by_label(texts["login"]["password"], exact=True)).to_be_visible()
    assert page.locator("#cw-app").is_hidden()


def test_coordinator_with_one_time_code_sees_team_and_audit(page, stack):
    email, password = seed_caseworker(stack, ORGANISATION, role="coordinator")
    page.goto(f"{stack.web_url}/console")
    code_field = page.get_by_label(TEXTS["login"]["totp"])
    expect(code_field).to_be_hidden()
    page.get_by_label(TEXTS["login"]["email"]).fill(email)
    page.get_by_label(TEXTS["login"]["password"], exact=True).fill(password)
    page.get_by_role("button", name=TEXTS["login"]["submit"], exact=True).click()
    expect(page.get_by_role("alert")).to_have_text(TEXTS["errors"]["totp_required"])
    expect(code_field).to_be_focused()
    code_field.fill(totp_now(stack, email))
    page.get_by_role("button", name=TEXTS["login"]["submit"], exact=True).click()
    expect(page.get_by_role("button", name=TEXTS["account"]["logout"])).to_be_visible()
    expect(page.get_by_role("heading", name=TEXTS["team"]["title"], exact=True)).to_be_visible()
    expect(page.locator("#cw-team-body tr").first).to_be_visible()
    expect(page.get_by_role("heading", name=TEXTS["audit"]["title"], exact=True)).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name=TEXTS["account"]["logout"])).to_be_visible()
    page.get_by_role("button", name=TEXTS["account"]["logout"]).click()
    expect(page.get_by_label(TEXTS["login"]["email"])).to_be_visible()
    page.reload()
    expect(page.get_by_label(TEXTS["login"]["email"])).to_be_visible()
