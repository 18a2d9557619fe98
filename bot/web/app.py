"""The Wegwijs web app (FastAPI), started by `make run` on port 8000."""

from __future__ import annotations

from fastapi import FastAPI

from bot.logging_setup import configure_logging
from bot.settings import get_settings


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings)
    app = FastAPI(
        title="Wegwijs",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )

    @app.get("/health", include_in_schema=False)
    async def health() -> dict:
        return {"status": "ok"}

    return app
