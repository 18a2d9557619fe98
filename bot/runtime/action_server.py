"""The action server, hardened: shared secret, loopback by default, no echo of the tracker.

rasa_sdk 3.6 has no authentication, answers every error with the whole request body (the
conversation) and decompresses request bodies without a size limit. Wegwijs wraps its app.
Usage: python -m bot.runtime.action_server [--port 5055] [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import hmac
import logging

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.logging_setup import configure_logging
from bot.settings import Settings, get_settings

SECRET_HEADER = "X-Wegwijs-Action-Secret"  # noqa: S105 - a header name
MAX_BODY_BYTES = 1_000_000
logger = logging.getLogger(__name__)


def build_app(settings: Settings) -> Sanic:
    app = create_app("actions", cors_origins=None)
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    secret = settings.action_server_secret.encode()

    @app.middleware("request")
    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path == "/health":
            return None
        if request.headers.get("Content-Encoding"):
            return response.json({"error": "compressed bodies are not accepted"}, status=415)
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not secret or not hmac.compare_digest(given, secret):
            return response.json({"error": "unauthorized"}, status=401)
        return None

    async def generic_error(request: Request, exception: Exception) -> HTTPResponse:
        if isinstance(exception, SanicException):
            return response.json({"error": "request refused"}, status=exception.status_code)
        # Only the type of error: its text and the request body may contain the conversation.
        logger.error("action server error", extra={"error_type": type(exception).__name__})
        return response.json({"error": "internal error"}, status=500)

    app.error_handler.add(Exception, generic_error)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args()
    settings = get_settings()
    configure_logging(settings)
    if not settings.action_server_secret:
        raise SystemExit("WEGWIJS_ACTION_SECRET is not set; `make run` creates one in var/.")
    build_app(settings).run(args.host, args.port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
