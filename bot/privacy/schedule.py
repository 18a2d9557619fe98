"""Runs the retention job inside the web app, now and then every interval."""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool

from bot.privacy.retention import run_once

logger = logging.getLogger(__name__)


async def retention_loop(interval_minutes: int) -> None:
    while True:
        try:
            await run_in_threadpool(run_once)
        except Exception as error:  # a failed run is logged and retried at the next interval
            logger.error("retention run failed", extra={"error_type": type(error).__name__})
        await asyncio.sleep(interval_minutes * 60)
