"""`make bench`: measure Wegwijs on this machine and print the figures.

Training time, held-out intent accuracy and macro-F1 per language, start-up time to healthy,
latency of a full turn through the real servers (one conversation, per language, and 20 at
once), turns per second, resident memory of each process, and language identification beside
langdetect and lingua. Nothing here asserts: the figures go into the issue notes.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from tests.bench.report import percentile, print_table

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = [
    ("hallo", "nl"),
    ("mag ik werken met mijn verblijfsvergunning?", "nl"),
    ("how do I find a job", "en"),
    ("where can I practise Dutch", "en"),
    ("متى سأحصل على بيت؟", "ar"),
    ("ኣብ ሆላንድ ክሰርሕ ይኽእል ዶ", "ti"),
    ("چطور می‌توانم هلندی یاد بگیرم", "fa"),
    ("bijstand alırken çalışabilir miyim", "tr"),
    ("sideen u heli karaa shaqo", "so"),
    ("де знайти курси нідерландської", "uk"),
    ("who pays for my inburgering course", "en"),
    ("ik heb geen geld voor de huur", "nl"),
]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MiB."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(
                next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pids.extend(int(child) for child in children)
        except (OSError, StopIteration):
            continue
    return total / 1024


def measure_training(out: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.runtime.rasa_server",
            "train",
            "--force",
            "--fixed-model-name",
            "bench",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


TURNS_PER_CONVERSATION = 8  # a typical conversation; a new one starts after that


def conversation(stack, turns: int, per_conversation: int = TURNS_PER_CONVERSATION) -> list[float]:
    latencies = []
    sender = ""
    for index in range(turns):
        if index % per_conversation == 0:
            sender = "bench-" + secrets.token_hex(12)
        text, language = MESSAGES[index % len(MESSAGES)]
        started = time.perf_counter()
        stack.say(sender, text, {"language": language})
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def bench_heldout(model: Path) -> None:
    from bot.evaluation.heldout import heldout_examples, load_agent, score

    scores = score(load_agent(model), heldout_examples(ROOT / "tests" / "nlu"))
    rows = [["language", "examples", "accuracy", "macro-F1"]]
    rows += [
        [s.language, str(s.examples), f"{s.accuracy:.3f}", f"{s.macro_f1:.3f}"]
        for s in scores.values()
    ]
    print_table("Held-out intent accuracy (fallback counts as a miss)", rows)


def bench_stack() -> None:
    from tests.stack_runner import start_stack

    started = time.monotonic()
    stack = start_stack(Path(tempfile.mkdtemp(prefix="wegwijs-bench-")))
    total_start = time.monotonic() - started
    try:
        conversation(stack, 12)  # warm-up
        single = conversation(stack, 120)
        long_one = conversation(stack, 60, per_conversation=60)[40:]
        workers, turns = 20, 30
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda _: conversation(stack, turns), range(workers)))
        elapsed = time.perf_counter() - began
        concurrent = [value for result in results for value in result]
        print_table(
            "Start-up to healthy (seconds)",
            [
                ["process", "seconds"],
                *[[name, f"{secs:.1f}"] for name, secs in stack.startup_seconds.items()],
                ["all three", f"{total_start:.1f}"],
            ],
        )
        print_table(
            f"Latency of a full turn over HTTP (ms), {TURNS_PER_CONVERSATION}-turn conversations",
            [
                ["load", "turns", "p50", "p95", "turns/s"],
                [
                    "1 user at a time",
                    str(len(single)),
                    f"{statistics.median(single):.0f}",
                    f"{percentile(single, 95):.0f}",
                    f"{len(single) / (sum(single) / 1000):.1f}",
                ],
                [
                    f"{workers} concurrent users",
                    str(len(concurrent)),
                    f"{statistics.median(concurrent):.0f}",
                    f"{percentile(concurrent, 95):.0f}",
                    f"{len(concurrent) / elapsed:.1f}",
                ],
                [
                    "turns 41-60 of one conversation",
                    str(len(long_one)),
                    f"{statistics.median(long_one):.0f}",
                    f"{percentile(long_one, 95):.0f}",
                    "-",
                ],
            ],
        )
        by_language: dict[str, list[float]] = {}
        for index, latency in enumerate(single):
            by_language.setdefault(MESSAGES[index % len(MESSAGES)][1], []).append(latency)
        print_table(
            "Latency of a turn per language, 1 user at a time (ms)",
            [
                ["language", "turns", "p50", "p95"],
                *[
                    [lang, str(len(v)), f"{statistics.median(v):.0f}", f"{percentile(v, 95):.0f}"]
                    for lang, v in sorted(by_language.items())
                ],
            ],
        )
        print_table(
            "Resident memory (MiB)",
            [
                ["process", "RSS"],
                *[[name, f"{rss_mb(p.pid):.0f}"] for name, p in stack.processes.items()],
            ],
        )
        from tests.bench.handoff import bench_handoff

        bench_handoff(stack)
        # Playwright must not share a process with the TensorFlow model loaded above.
        subprocess.run(
            [sys.executable, "-m", "tests.bench.widget", stack.web_url, stack.rasa_url],
            cwd=ROOT,
            check=True,
        )
    finally:
        stack.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print("Wegwijs benchmark on", os.uname().nodename, f"({os.cpu_count()} cores)")
    model = ROOT / "models" / "wegwijs.tar.gz"
    if not args.skip_training:
        with tempfile.TemporaryDirectory() as out:
            seconds = measure_training(Path(out))
        print_table(
            "Training (rasa train --force)",
            [["what", "seconds"], ["full training", f"{seconds:.0f}"]],
        )
    bench_heldout(model)
    from tests.bench.langid import bench_language_identification

    bench_language_identification()
    bench_stack()


if __name__ == "__main__":
    main()
