"""Start the real Wegwijs processes for a test session, on free ports and a private database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bot.runtime.stack import (
    Ports,
    commands,
    health_urls,
    prepare_database,
    stack_environment,
    wait_until_healthy,
)
from tests.conftest import ROOT

MODEL = ROOT / "models" / "wegwijs.tar.gz"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningStack:
    ports: Ports
    env: dict[str, str]
    var_dir: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    startup_seconds: dict[str, float] = field(default_factory=dict)
    demo_logins: list[str] = field(default_factory=list)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.rasa}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.web}"

    def log_path(self, name: str) -> Path:
        return self.var_dir / f"{name}.log"

    def start(self, names: list[str] | None = None) -> None:
        wanted = names or ["actions", "rasa", "web"]
        all_commands = commands(self.ports, MODEL, python=sys.executable)
        for name in wanted:
            log = self.log_path(name).open("ab")
            self.processes[name] = subprocess.Popen(
                all_commands[name],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        urls = {k: v for k, v in health_urls(self.ports).items() if k in wanted}
        self.startup_seconds.update(wait_until_healthy(urls, timeout=240))

    def stop(self, names: list[str] | None = None) -> None:
        for name in names or list(self.processes):
            process = self.processes.pop(name, None)
            if process is None:
                continue
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def send(
        self,
        sender: str,
        text: str,
        metadata: dict | None = None,
        token: str | None = None,
        timeout: float = 30,
    ) -> requests.Response:
        return requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text, "metadata": metadata or {}},
            headers={"Authorization": f"Bearer {token or self.env['WEGWIJS_REST_TOKEN']}"},
            timeout=timeout,
        )

    def say(self, sender: str, text: str, metadata: dict | None = None) -> list[dict]:
        answer = self.send(sender, text, metadata)
        answer.raise_for_status()
        return answer.json()


def start_stack(var_dir: Path, extra_env: dict[str, str] | None = None) -> RunningStack:
    if not MODEL.exists():
        raise RuntimeError("no trained model: run `make train` first")
    ports = Ports(rasa=free_port(), actions=free_port(), web=free_port())
    var_dir.mkdir(parents=True, exist_ok=True)
    env = stack_environment(ports, var_dir)
    env.update({"WEGWIJS_VAR_DIR": str(var_dir), **(extra_env or {})})
    stack = RunningStack(ports=ports, env=env, var_dir=var_dir)
    stack.demo_logins = prepare_database(env)
    stack.start()
    return stack
