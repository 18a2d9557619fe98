"""Security headers for every web app response."""

from __future__ import annotations

from urllib.parse import urlparse

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

from bot.settings import Settings


def content_security_policy(settings: Settings) -> str:
    rasa = urlparse(settings.public_rasa_url)
    socket_scheme = "wss" if rasa.scheme == "https" else "ws"
    connect = f"'self' {rasa.scheme}://{rasa.netloc} {socket_scheme}://{rasa.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src {connect}; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'; object-src 'none'"
    )


class SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: object, settings: Settings) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self._headers = {
            "Content-Security-Policy": content_security_policy(settings),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cross-Origin-Opener-Policy": "same-origin",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        }
        if settings.is_production:
            self._headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        answer = await call_next(request)
        for name, value in self._headers.items():
            answer.headers.setdefault(name, value)
        if request.scope["path"].startswith("/api/"):
            answer.headers["Cache-Control"] = "no-store"
        return answer
