"""Handoff latencies on the running stack.

- consent to console: from the newcomer's "yes, connect me" (socket.io) until the handoff
  arrives in a caseworker's live queue (the console's server-sent events);
- reply to widget: from a caseworker's POST of a reply until the newcomer's socket.io
  client receives it.

The newcomer uses socket.io's long-polling transport (see tests/e2e/socket_client.py);
browsers use websockets, which are not slower.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import threading
import time

import requests

from bot.evaluation.threads import run_coroutine
from tests.bench.report import percentile, print_table
from tests.console_accounts import signed_in
from tests.e2e.socket_client import ChatClient


class QueueWatcher(threading.Thread):
    """Reads the console's event stream and notes when each handoff id first appears."""

    def __init__(self, console) -> None:
        super().__init__(daemon=True)
        self.console = console
        self.first_seen: dict[str, float] = {}
        self.response = None

    def run(self) -> None:
        self.response = self.console.http.get(
            f"{self.console.base}/api/events",
            headers=self.console._headers(),
            stream=True,
            timeout=120,
        )
        # Closing the stream at the end of the benchmark ends the read with an error.
        with contextlib.suppress(AttributeError, OSError, requests.RequestException):
            self._read()

    def _read(self) -> None:
        event = ""
        assert self.response is not None
        for line in self.response.iter_lines(decode_unicode=True):
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "queue":
                now = time.perf_counter()
                for item in json.loads(line[6:])["handoffs"]:
                    self.first_seen.setdefault(item["id"], now)

    def wait_for_new(self, known: set[str], timeout: float = 10) -> tuple[str, float]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = [key for key in self.first_seen if key not in known]
            if new:
                return new[0], self.first_seen[new[0]]
            time.sleep(0.005)
        raise TimeoutError("handoff did not reach the console")


def one_round(stack, console, watcher: QueueWatcher) -> tuple[float, float]:
    async def newcomer_flow() -> tuple[float, float]:
        client = ChatClient(stack.rasa_url, stack.web_url)
        await client.start()
        await client.say("ik wil met een medewerker praten")
        await client.replies()
        known = set(watcher.first_seen)
        consented = time.perf_counter()
        await client.say("/affirm")
        await client.replies()
        handoff_id, seen = watcher.wait_for_new(known)
        console.post(f"/api/handoffs/{handoff_id}/claim").raise_for_status()
        await client.replies()  # "a staff member joined"
        sent = time.perf_counter()
        console.post(f"/api/handoffs/{handoff_id}/reply", {"text": "Goedemiddag"})
        await client.replies()
        received = time.perf_counter()
        console.post(f"/api/handoffs/{handoff_id}/close")
        await client.close()
        return (seen - consented) * 1000, (received - sent) * 1000

    return run_coroutine(newcomer_flow())


def bench_handoff(stack, rounds: int = 20) -> None:
    console = signed_in(stack, "lindewaard-gemeente")
    watcher = QueueWatcher(console)
    watcher.start()
    time.sleep(1.5)
    to_console, to_widget = [], []
    for _ in range(rounds):
        first, second = one_round(stack, console, watcher)
        to_console.append(first)
        to_widget.append(second)
    if watcher.response is not None:
        watcher.response.close()
    rows = [["path", "rounds", "p50", "p95"]]
    for name, values in (
        ("consent -> handoff in the console's live queue", to_console),
        ("caseworker reply -> newcomer's socket.io client", to_widget),
    ):
        rows.append(
            [
                name,
                str(len(values)),
                f"{statistics.median(values):.0f}",
                f"{percentile(values, 95):.0f}",
            ]
        )
    print_table("Handoff latency (ms)", rows)


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    from tests.stack_runner import start_stack

    running = start_stack(Path(tempfile.mkdtemp(prefix="wegwijs-bench-")))
    try:
        bench_handoff(running)
    finally:
        running.stop()
