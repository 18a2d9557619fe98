"""Widget figures: size on the wire, page load to a usable widget, socket.io round trips."""

from __future__ import annotations

import asyncio
import gzip
import statistics
import time

import requests

from bot.evaluation.threads import run_coroutine
from tests.bench.report import percentile, print_table
from tests.e2e.socket_client import ChatClient

ASSETS = ("wegwijs.js", "wegwijs.css", "socket.io.min.js")
CONNECTED = '() => Object.values(sessionStorage).some(v => v.includes(\'"token":"w\'))'
THINK_SECONDS = 3.0
QUESTIONS = ("hallo", "mag ik werken?", "ik zoek een taalcursus", "dank je wel")


def bench_widget_size(web_url: str) -> None:
    rows = [["asset", "bytes", "gzipped"]]
    total = total_gzip = 0
    for name in ASSETS:
        body = requests.get(f"{web_url}/widget/{name}", timeout=10).content
        packed = len(gzip.compress(body, 9))
        rows.append([name, str(len(body)), str(packed)])
        total, total_gzip = total + len(body), total_gzip + packed
    texts = requests.get(f"{web_url}/widget-texts.json", timeout=10).content
    rows.append(["widget-texts.json", str(len(texts)), str(len(gzip.compress(texts, 9)))])
    rows.append(["code and style", str(total), str(total_gzip)])
    print_table("Widget size", rows)


def bench_page_load(web_url: str, runs: int = 5) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS

    shown, connected = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            started = time.perf_counter()
            page.goto(f"{web_url}/demo")
            page.locator(".wegwijs-launcher").wait_for()
            shown.append((time.perf_counter() - started) * 1000)
            page.locator(".wegwijs-launcher").click()
            while not page.evaluate(CONNECTED):  # wait_for_function would need 'unsafe-eval'
                time.sleep(0.01)
            connected.append((time.perf_counter() - started) * 1000)
            context.close()
        browser.close()
    print_table(
        "Page load to a usable widget (ms, median of 5)",
        [
            ["moment", "ms"],
            ["launcher button shown", f"{statistics.median(shown):.0f}"],
            ["opened and connected", f"{statistics.median(connected):.0f}"],
        ],
    )


async def _session(rasa_url: str, origin: str, turns: int) -> list[float]:
    client = ChatClient(rasa_url, origin)
    await client.start()
    times = []
    for index in range(turns):
        started = time.perf_counter()
        await client.say(QUESTIONS[index % len(QUESTIONS)])
        await client.next("bot_uttered", timeout=60)
        while not client.received["bot_uttered"].empty():
            client.received["bot_uttered"].get_nowait()
        times.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(THINK_SECONDS)  # a person reads before typing again
    await client.close()
    return times


def bench_socket_round_trip(rasa_url: str, origin: str, sessions: int = 50, turns: int = 6) -> None:
    async def all_sessions() -> list[list[float]]:
        return await asyncio.gather(*[_session(rasa_url, origin, turns) for _ in range(sessions)])

    results = run_coroutine(all_sessions())
    times = [value for result in results for value in result]
    print_table(
        f"socket.io round trip, {sessions} concurrent widget sessions, "
        f"{THINK_SECONDS:.0f} s between messages (ms)",
        [
            ["turns", "p50", "p95"],
            [str(len(times)), f"{statistics.median(times):.0f}", f"{percentile(times, 95):.0f}"],
        ],
    )


def main() -> None:
    """Run in its own process: Playwright next to a loaded TensorFlow model crashes."""
    import sys

    web_url, rasa_url = sys.argv[1], sys.argv[2]
    bench_widget_size(web_url)
    bench_page_load(web_url)
    bench_socket_round_trip(rasa_url, web_url)


if __name__ == "__main__":
    main()
