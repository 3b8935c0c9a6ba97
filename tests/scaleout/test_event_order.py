"""Two processes on one Redis: a whole-state event older than one a client already got is not sent to it.

Process A sends the ballot's outcome; process B, which held an earlier count back for its tick, sends that count
afterwards (app/realtime/coalesce.py). Sent, it leaves every client with the count and the ballot still open
(docs/adr/0029-whole-state-never-goes-back.md). Two of our Socket.IO servers with the Redis manager, each on a
real uvicorn on 127.0.0.1, one real Redis, one real Socket.IO client on each.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
import socketio
import uvicorn

from app.__main__ import server_options
from app.realtime.managers import PacketJson, RedisManager
from app.realtime.transport import SocketServer
from tests.scaleout.servers import Redis
from tests.support import until

pytestmark = pytest.mark.scaleout

ROOM = "meeting:m1"


def envelope(type: str, version: int, **data: Any) -> dict[str, Any]:
    return {"version": version, "type": type, "data": data, "at": "2026-12-03T09:00:00Z"}


class Received:
    """What one client got, as (type, version) in the order it came; `events` lists unpacked."""

    def __init__(self, client: socketio.AsyncClient):
        self.seen: list[tuple[str, int]] = []
        client.on("event", self.one)
        client.on("events", self.many)

    def one(self, data: dict[str, Any]) -> None:
        self.seen.append((data["type"], data["version"]))

    def many(self, data: list[dict[str, Any]]) -> None:
        for item in data:
            self.one(item)


@pytest.fixture
async def two_processes(tmp_path: Path) -> AsyncIterator[list[tuple[SocketServer, Received]]]:
    redis = Redis(tmp_path / "redis").start()
    servers: list[uvicorn.Server] = []
    tasks: list[asyncio.Task[None]] = []
    clients: list[socketio.AsyncClient] = []
    made: list[tuple[SocketServer, Received]] = []
    try:
        for _ in range(2):
            sio = SocketServer(
                connect_timeout=10, async_mode="asgi", client_manager=RedisManager(redis.url), json=PacketJson, logger=False, engineio_logger=False
            )

            async def connect(sid: str, environ: dict[str, Any], auth: Any = None, sio: SocketServer = sio) -> None:
                await sio.enter_room(sid, ROOM)

            sio.on("connect", connect)
            config = uvicorn.Config(
                app=socketio.ASGIApp(sio), host="127.0.0.1", port=0, lifespan="off", log_level="warning", timeout_graceful_shutdown=1, **server_options()
            )
            server = uvicorn.Server(config)
            servers.append(server)
            tasks.append(asyncio.create_task(server.serve()))
            await until(lambda server=server: server.started)
            client = socketio.AsyncClient(reconnection=False)
            received = Received(client)
            await client.connect(f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}", transports=["websocket"], wait_timeout=10)
            clients.append(client)
            made.append((sio, received))
        # Each process listens to Redis from its first connection on: until both do, a message can miss one.
        for sender, (_, other) in ((made[0][0], made[1]), (made[1][0], made[0])):
            while not other.seen:
                await sender.emit("event", envelope("probe", 0), to=[ROOM])
                await asyncio.sleep(0.05)
        for _, received in made:
            received.seen.clear()
        yield made
    finally:
        for client in clients:
            await client.disconnect()
        for server in servers:
            server.should_exit = True
        for task in tasks:
            await asyncio.wait_for(task, 10)
        for sio, _ in made:
            await close_redis(sio.manager)
        redis.stop()


async def close_redis(manager: Any) -> None:
    """A process lets these go when it ends; a test ends them itself, or they are reported as left open."""
    listening = getattr(manager, "thread", None)
    if listening is not None:
        listening.cancel()
        with suppress(asyncio.CancelledError):
            await listening
    if manager.pubsub is not None:
        await manager.pubsub.aclose()
    if manager.redis is not None:
        await manager.redis.aclose()


async def test_a_count_sent_after_the_outcome_by_the_other_process_is_not_sent(two_processes: list[tuple[SocketServer, Received]]) -> None:
    (a, on_a), (b, on_b) = two_processes
    await a.emit("event", envelope("consent.changed", 11, state="recording_allowed"), to=[ROOM])
    await until(lambda: ("consent.changed", 11) in on_a.seen and ("consent.changed", 11) in on_b.seen)
    # B's held run goes out now: its count is older than the outcome both clients hold; its hand is not a state.
    await b.emit("events", [envelope("consent.changed", 10, state="ballot_open"), envelope("hand.raised", 10)], to=[ROOM])
    await b.emit("event", envelope("consent.changed", 9, state="ballot_open"), to=[ROOM])
    await a.emit("event", envelope("chat.sent", 12), to=[ROOM])
    expected = [("consent.changed", 11), ("hand.raised", 10), ("chat.sent", 12)]
    await until(lambda: ("chat.sent", 12) in on_a.seen and ("chat.sent", 12) in on_b.seen)
    assert on_a.seen == expected
    assert on_b.seen == expected


async def test_newer_states_still_go_out_in_any_number(two_processes: list[tuple[SocketServer, Received]]) -> None:
    (a, on_a), (b, on_b) = two_processes
    for version in range(1, 41):
        await (a if version % 2 else b).emit("event", envelope("consent.changed", version, state="ballot_open"), to=[ROOM])
    await until(lambda: len(on_a.seen) == 40 and len(on_b.seen) == 40)
    # The same count sent once more (a second audience's copy, a repeat) is not older: it goes out too.
    await a.emit("event", envelope("consent.changed", 40, state="ballot_open"), to=[ROOM])
    await until(lambda: len(on_a.seen) == 41 and len(on_b.seen) == 41)
    assert [version for _, version in on_b.seen] == [*range(1, 41), 40]
