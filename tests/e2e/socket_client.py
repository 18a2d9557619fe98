"""A real socket.io client for the web chat channel, collecting every event it receives.

It uses the long-polling transport: the websocket transport of python-engineio's client needs
a newer aiohttp than Rasa 3.6 allows. Browsers use websockets; the browser tests cover those.
"""

from __future__ import annotations

import asyncio
from typing import Any

import socketio


class ChatClient:
    EVENTS = (
        "session_confirm",
        "transcript",
        "bot_uttered",
        "typing",
        "system_message",
        "conversation_ended",
    )

    def __init__(self, url: str, origin: str) -> None:
        self.url = url
        self.origin = origin
        self.sio = socketio.AsyncClient(reconnection=False)
        self.received: dict[str, asyncio.Queue] = {name: asyncio.Queue() for name in self.EVENTS}
        for name in self.EVENTS:
            self.sio.on(name, self._collector(name))

    def _collector(self, name: str) -> Any:
        async def collect(data: Any = None) -> None:
            await self.received[name].put(data)

        return collect

    async def connect(self) -> None:
        await self.sio.connect(
            self.url,
            headers={"Origin": self.origin},
            transports=["polling"],
            socketio_path="/socket.io",
            wait_timeout=10,
        )

    async def start(self, token: str | None = None, language: str = "nl") -> str:
        await self.connect()
        await self.sio.emit(
            "session_request", {"token": token, "language": language, "municipality": "lindewaard"}
        )
        confirm = await self.next("session_confirm")
        self.transcript = (await self.next("transcript"))["messages"]
        return confirm["token"]

    async def say(self, text: str, language: str = "nl") -> None:
        await self.sio.emit("user_uttered", {"message": text, "metadata": {"language": language}})

    async def next(self, name: str, timeout: float = 20) -> Any:
        return await asyncio.wait_for(self.received[name].get(), timeout)

    async def replies(self, count: int = 1, timeout: float = 20) -> list[dict]:
        return [await self.next("bot_uttered", timeout) for _ in range(count)]

    def pending(self, name: str) -> int:
        return self.received[name].qsize()

    async def close(self) -> None:
        await self.sio.disconnect()
