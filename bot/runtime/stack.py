"""Start the whole Wegwijs stack on one machine: Rasa, the action server and the web app.

`make run` calls this. It creates the secrets it needs under var/ the first time, refuses to
start on a taken port or without a trained model (with a message that says what to do),
starts the three processes under honcho, waits until each answers its health check, prints the
URLs, and stops all of them on Ctrl-C.
"""

from __future__ import annotations

import os
import secrets
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bot.settings import PROJECT_ROOT

SECRET_NAMES = (
    "WEGWIJS_ACTION_SECRET",
    "WEGWIJS_RASA_JWT_SECRET",
    "WEGWIJS_REST_TOKEN",
    "WEGWIJS_SESSION_SECRET",
    "WEGWIJS_RELAY_SECRET",
)


@dataclass(frozen=True)
class Ports:
    rasa: int = 5005
    actions: int = 5055
    web: int = 8000

    @classmethod
    def from_env(cls) -> Ports:
        return cls(
            rasa=int(os.environ.get("WEGWIJS_RASA_PORT", 5005)),
            actions=int(os.environ.get("WEGWIJS_ACTIONS_PORT", 5055)),
            web=int(os.environ.get("WEGWIJS_WEB_PORT", 8000)),
        )


def load_secrets(var_dir: Path) -> dict[str, str]:
    """Secrets from the environment, else from var/secrets.env (created on first use)."""
    path = var_dir / "secrets.env"
    stored: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            key, _, value = line.partition("=")
            if key and value:
                stored[key.strip()] = value.strip()
    changed = False
    for name in SECRET_NAMES:
        if not os.environ.get(name) and not stored.get(name):
            stored[name] = secrets.token_urlsafe(32)
            changed = True
    if changed:
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{k}={v}\n" for k, v in stored.items()))
        path.chmod(0o600)
    return {name: os.environ.get(name) or stored[name] for name in SECRET_NAMES}


def stack_environment(ports: Ports, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(load_secrets(var_dir))
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "WEGWIJS_ACTION_SERVER_URL": f"http://127.0.0.1:{ports.actions}",
            "WEGWIJS_RASA_URL": f"http://127.0.0.1:{ports.rasa}",
            "PYTHONUNBUFFERED": "1",
            # Library deprecation warnings are noise for operators; logs stay JSON lines.
            "PYTHONWARNINGS": "ignore",
        }
    )
    if env.get("WEGWIJS_ENV", "development") != "production":
        # The demo municipality receives conversations that name no municipality.
        env.setdefault("WEGWIJS_DEFAULT_MUNICIPALITY", "lindewaard")
    env.setdefault(
        "WEGWIJS_ALLOWED_ORIGINS", f"http://127.0.0.1:{ports.web},http://localhost:{ports.web}"
    )
    return env


def commands(ports: Ports, model: Path, python: str = sys.executable) -> dict[str, list[str]]:
    return {
        "actions": [python, "-m", "bot.runtime.action_server", "--port", str(ports.actions)],
        "rasa": [
            python,
            "-m",
            "bot.runtime.rasa_server",
            "run",
            "--model",
            str(model),
            "--interface",
            "127.0.0.1",
            "--port",
            str(ports.rasa),
            "--endpoints",
            str(PROJECT_ROOT / "endpoints.yml"),
            "--credentials",
            str(PROJECT_ROOT / "credentials.yml"),
            "--logging-config-file",
            str(PROJECT_ROOT / "config" / "logging.yml"),
        ],
        "web": [
            python,
            "-m",
            "uvicorn",
            "bot.web.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(ports.web),
            "--no-access-log",
        ],
    }


def health_urls(ports: Ports) -> dict[str, str]:
    return {
        "actions": f"http://127.0.0.1:{ports.actions}/health",
        "rasa": f"http://127.0.0.1:{ports.rasa}/",
        "web": f"http://127.0.0.1:{ports.web}/health",
    }


def port_is_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def latest_model(folder: Path) -> Path | None:
    models = sorted(folder.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def wait_until_healthy(urls: dict[str, str], timeout: float) -> dict[str, float]:
    """Seconds until each URL answered 200; raises TimeoutError naming the ones that did not."""
    started = time.monotonic()
    ready: dict[str, float] = {}
    while len(ready) < len(urls):
        for name, url in urls.items():
            if name in ready:
                continue
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        ready[name] = time.monotonic() - started
            except (urllib.error.URLError, OSError):
                pass
        if time.monotonic() - started > timeout:
            missing = ", ".join(sorted(set(urls) - set(ready)))
            raise TimeoutError(f"not healthy after {timeout:.0f} s: {missing}")
        time.sleep(0.3)
    return ready


def prepare_database(env: dict[str, str], python: str = sys.executable) -> list[str]:
    """Migrate and seed the database; the demo log-in lines to print (none in production)."""
    result = subprocess.run(
        [python, "-m", "bot.partners.seed"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the database could not be prepared:\n{result.stderr[-2000:]}")
    return result.stdout.splitlines()


def _announce(ports: Ports, manager: object, logins: list[str]) -> None:
    try:
        wait_until_healthy(health_urls(ports), timeout=300)
    except TimeoutError as error:
        print(f"\nWegwijs did not start: {error}. See the log above.", flush=True)
        return
    print(
        "\nWegwijs is running:\n"
        f"  demo page with the chat widget  http://127.0.0.1:{ports.web}/demo\n"
        f"  web app health   http://127.0.0.1:{ports.web}/health\n"
        f"  Rasa REST channel http://127.0.0.1:{ports.rasa}/webhooks/rest/webhook"
        " (token WEGWIJS_REST_TOKEN in var/secrets.env)\n"
        f"  caseworker console http://127.0.0.1:{ports.web}/console\n",
        flush=True,
    )
    if logins:
        print("Demo log-ins (also in var/demo-logins.txt):", *logins, sep="\n  ", flush=True)
    print("Stop everything with Ctrl-C.\n", flush=True)


def main() -> int:
    from honcho.manager import Manager

    ports = Ports.from_env()
    taken = [f"{name} ({port})" for name, port in vars(ports).items() if port_is_taken(port)]
    if taken:
        print(
            f"Cannot start: port already in use: {', '.join(taken)}.\n"
            "Stop the program using it, or choose other ports, for example:\n"
            "  WEGWIJS_RASA_PORT=5006 WEGWIJS_ACTIONS_PORT=5056 WEGWIJS_WEB_PORT=8001 make run",
            file=sys.stderr,
        )
        return 2
    model = latest_model(PROJECT_ROOT / "models")
    if model is None:
        print(
            "Cannot start: no trained model in models/. Run `make train` (or `make run`).",
            file=sys.stderr,
        )
        return 2
    env = stack_environment(ports, PROJECT_ROOT / "var")
    try:
        logins = prepare_database(env)
    except RuntimeError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    manager = Manager()
    for name, command in commands(ports, model).items():
        manager.add_process(name, shlex.join(command), cwd=str(PROJECT_ROOT), env=env)
    threading.Thread(target=_announce, args=(ports, manager, logins), daemon=True).start()
    manager.loop()
    return manager.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
