"""The widget in a real browser: conversation, right-to-left, reload, reconnect, privacy,
accessibility and inert rendering of hostile text."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.stack, pytest.mark.browser]
BOT = ".wegwijs-bot"


def open_widget(page, stack):
    page.goto(f"{stack.web_url}/demo")
    page.get_by_role("button", name="Chat met Wegwijs openen").click()
    expect(page.locator("#wegwijs-input")).to_be_focused()


def ask(page, text):
    before = page.locator(BOT).count()
    page.locator("#wegwijs-input").fill(text)
    page.keyboard.press("Enter")
    page.locator(BOT).nth(before).wait_for(timeout=20000)
    return page.locator(BOT).last


def storage_keys(page) -> list[str]:
    return page.evaluate(
        "() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)]"
        ".filter(k => k.startsWith('wegwijs'))"
    )


def test_dutch_conversation(page, stack):
    open_widget(page, stack)
    answer = ask(page, "hallo")
    assert "Wegwijs" in answer.inner_text()
    assert answer.locator("p").first.get_attribute("lang") == "nl"
    assert page.locator(".wegwijs-buttons button").count() == 6
    screenshot(page, "widget-dutch")


def test_arabic_right_to_left_and_reload(page, stack):
    open_widget(page, stack)
    page.select_option("#wegwijs-language", "ar")
    page.locator(BOT).first.wait_for(timeout=20000)
    assert page.locator("#wegwijs-panel").get_attribute("dir") == "rtl"
    answer = ask(page, "كيف أجد عملا في هولندا؟")
    paragraph = answer.locator("p").first
    assert paragraph.get_attribute("lang") == "ar" and paragraph.get_attribute("dir") == "rtl"
    direction = page.eval_on_selector("#wegwijs-panel", "e => getComputedStyle(e).direction")
    assert direction == "rtl"
    screenshot(page, "widget-arabic")
    count = page.locator(".wegwijs-message").count()
    page.reload()
    page.wait_for_selector("#wegwijs-panel:not([hidden])")
    page.locator(".wegwijs-message").nth(count - 1).wait_for()
    assert page.locator(".wegwijs-message").count() == count
    assert page.locator("#wegwijs-panel").get_attribute("dir") == "rtl"
    ask(page, "شكرا")


def test_D1_hostile_text_is_shown_as_text(page, stack):
    open_widget(page, stack)
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    ask(page, hostile)
    user = page.locator(".wegwijs-user p").last
    assert user.inner_text().strip() == hostile
    assert page.locator(".wegwijs img, .wegwijs script").count() == 0
    assert page.dialogs == []


def test_B8_end_and_clear_leaves_nothing_on_the_device(page, stack):
    open_widget(page, stack)
    ask(page, "ik zoek vrijwilligerswerk")
    assert storage_keys(page)
    page.get_by_role("button", name="Stoppen en wissen").click()
    page.get_by_role("button", name="Ja, wissen").click()
    expect(page.locator(".wegwijs-user")).to_have_count(0)
    assert [
        k
        for k in storage_keys(page)
        if page.evaluate(f"sessionStorage.getItem('{k}')")
        and "ik zoek" in page.evaluate(f"sessionStorage.getItem('{k}')")
    ] == []
    assert page.evaluate("indexedDB.databases ? indexedDB.databases() : []") == []
    page.reload()
    page.wait_for_selector("#wegwijs-panel:not([hidden])")
    assert page.locator(".wegwijs-user").count() == 0


def test_quick_exit_leaves_and_wipes(page, stack):
    page.route("https://www.knmi.nl/**", lambda route: route.fulfill(body="neutral", status=200))
    open_widget(page, stack)
    ask(page, "ik ben homo en ik voel me niet veilig")
    page.get_by_role("button", name="Verlaat deze website direct en wis het gesprek").click()
    page.wait_for_url("https://www.knmi.nl/**")
    page.goto(f"{stack.web_url}/demo")
    assert storage_keys(page) == []


def test_small_screen_and_large_text(page, stack):
    page.set_viewport_size({"width": 320, "height": 640})
    open_widget(page, stack)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    ask(page, "hallo")
    screenshot(page, "widget-320px-200pct")
    overflow = page.evaluate(
        "() => { const p = document.querySelector('#wegwijs-panel');"
        " return p.scrollWidth - p.clientWidth; }"
    )
    assert overflow <= 1
    assert page.locator("#wegwijs-input").is_visible()
    assert page.locator(".wegwijs-send").is_visible()


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_no_serious_accessibility_violations(page, stack, language):
    open_widget(page, stack)
    if language != "nl":
        page.select_option("#wegwijs-language", language)
    ask(page, "hallo")
    results = Axe().run(page)
    serious = [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], results.generate_report()


def test_keyboard_only(page, stack):
    page.goto(f"{stack.web_url}/demo")
    # The widget builds itself after its texts arrive, which can be after the load event.
    page.locator(".wegwijs-launcher").wait_for()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('wegwijs-launcher')"):
            break
    expect(page.locator(".wegwijs-launcher")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#wegwijs-input")).to_be_focused()
    page.keyboard.type("hallo")
    page.keyboard.press("Enter")
    page.locator(BOT).first.wait_for(timeout=20000)
    page.keyboard.press("Escape")
    assert page.locator("#wegwijs-panel").is_hidden()


def test_reconnect_after_server_restart_loses_nothing(page, stack):
    open_widget(page, stack)
    ask(page, "hallo")
    stack.stop(["rasa"])
    page.wait_for_selector(".wegwijs-status:not(:empty)", timeout=8000)
    page.locator("#wegwijs-input").fill("ik zoek werk")
    page.keyboard.press("Enter")
    stack.start(["rasa"])
    page.locator(BOT, has_text="werk.nl").first.wait_for(timeout=60000)
    users = page.locator(".wegwijs-user p").all_inner_texts()
    assert [text.strip() for text in users] == ["hallo", "ik zoek werk"]
    screenshot(page, "widget-after-reconnect")
