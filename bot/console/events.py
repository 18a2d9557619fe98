"""Live updates for the console as server-sent events, checked about once a second.

Each tick runs one short database transaction in a worker thread: the caller's session must
still be valid (log-out or a disabled account ends the stream), the organisation's open
queue is compared with the last one sent, and new messages of the caller's own claimed
conversations are sent. Opening a conversation's live messages is audited once per stream.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timezone
from typing import Any

from fastapi import Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from bot.console import accounts, service
from bot.db.base import session_scope
from bot.handoff.models import HUMAN, Handoff

TICK_SECONDS = 1.0
CLOCK_SLACK_SECONDS = 2.0
KEEPALIVE_TICKS = 15


@dataclass
class _Seen:
    queue: str = ""
    message_counts: dict[uuid.UUID, int] = field(default_factory=dict)
    started: float = field(default_factory=time.time)


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _before_claim(messages: list[dict[str, Any]], handoff: Handoff, seen: _Seen) -> int:
    """How many messages the caller already has when a claimed handoff is first seen.

    A handoff claimed while this stream was open is sent from its claim on, so a message
    written between the claim and this check is not missed (the page drops duplicates).
    """
    claimed = (
        handoff.claimed_at.replace(tzinfo=timezone.utc).timestamp() if handoff.claimed_at else 0
    )
    if claimed < seen.started:
        return len(messages)
    return sum(1 for message in messages if message["at"] < claimed - CLOCK_SLACK_SECONDS)


def _tick(token: str, caseworker_id: uuid.UUID, seen: _Seen) -> list[str] | None:
    """The events to send now; None when the session has ended."""
    out: list[str] = []
    with session_scope() as db:
        found = accounts.session_for(db, token)
        if found is None or found[1].id != caseworker_id:
            return None
        actor = found[1]
        handoffs = service.queue(db, actor)
        # waiting_seconds changes every second; only other changes are news.
        steady = [{k: v for k, v in item.items() if k != "waiting_seconds"} for item in handoffs]
        snapshot = json.dumps(steady, sort_keys=True)
        if snapshot != seen.queue:
            seen.queue = snapshot
            out.append(_sse("queue", {"handoffs": handoffs}))
        mine = db.execute(
            select(Handoff).where(Handoff.claimed_by == actor.id, Handoff.state == HUMAN)
        ).scalars()
        for handoff in mine:
            messages = service.messages(
                handoff, service.conversation_events(db, handoff.conversation_id)
            )
            known = seen.message_counts.get(handoff.id)
            if known is None:
                service.audit(db, actor, "read_conversation_live", handoff.id)
                known = _before_claim(messages, handoff, seen)
            if len(messages) > known:
                out.append(
                    _sse("messages", {"handoff_id": str(handoff.id), "messages": messages[known:]})
                )
            seen.message_counts[handoff.id] = len(messages)
    return out


async def event_stream(
    request: Request, token: str, caseworker_id: uuid.UUID
) -> AsyncIterator[str]:
    seen = _Seen()
    quiet = 0
    yield "retry: 2000\n\n"
    while not await request.is_disconnected():
        events = await run_in_threadpool(_tick, token, caseworker_id, seen)
        if events is None:
            yield _sse("ended", {})
            return
        for event in events:
            yield event
        quiet = 0 if events else quiet + 1
        if quiet >= KEEPALIVE_TICKS:
            quiet = 0
            yield ": keep-alive\n\n"
        await asyncio.sleep(TICK_SECONDS)
