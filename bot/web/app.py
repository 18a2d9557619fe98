"""The Wegwijs web app (FastAPI), started by `make run` on port 8000."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bot.console.api import install as install_console_api
from bot.logging_setup import configure_logging
from bot.privacy.schedule import retention_loop
from bot.settings import get_settings
from bot.web.console_views import router as console_router
from bot.web.security import SecurityHeaders
from bot.web.widget_views import router as widget_router

STATIC = Path(__file__).parent / "static"


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(settings)
    app = FastAPI(title="Wegwijs", openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.add_middleware(SecurityHeaders, settings=settings)
    app.include_router(widget_router)
    app.include_router(console_router)
    install_console_api(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    retention: list[asyncio.Task] = []

    @app.on_event("startup")
    async def start_retention() -> None:
        if settings.retention_interval_minutes > 0:
            loop = retention_loop(settings.retention_interval_minutes)
            retention.append(asyncio.create_task(loop))

    @app.on_event("shutdown")
    async def stop_retention() -> None:
        for task in retention:
            task.cancel()

    @app.get("/health", include_in_schema=False)
    async def health() -> dict:
        return {"status": "ok"}

    return app
