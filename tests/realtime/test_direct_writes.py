"""A broadcast's frame written straight to idle websockets (app/realtime/transport.py `EngineServer.write_now`), and
queued as engine.io does whenever that could put it out of order: each client still gets every event, in order.

The server here is our Socket.IO server with its managers on a real uvicorn (the options `python -m app serve` uses)
on 127.0.0.1, in this process so that a test can reach a socket's protocol; the clients are real Socket.IO clients.
"""

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import socketio
import uvicorn
import websockets
from engineio import packet as eio_packet

from app.__main__ import server_options
from app.realtime.managers import LocalManager, PacketJson
from app.realtime.transport import EngineServer, SocketServer
from app.realtime.websocket import WebSocketProtocol, text_frame
from tests.support import until

ROOM = "everyone"


@dataclass
class Served:
    sio: SocketServer
    url: str
    clients: list[socketio.AsyncClient] = field(default_factory=list)

    @property
    def eio(self) -> EngineServer:
        assert isinstance(self.sio.eio, EngineServer)
        return self.sio.eio

    async def client(self, transports: list[str] | None = None) -> tuple[socketio.AsyncClient, list[int]]:
        """A connected client and the numbers it has received, in the order they came."""
        client = socketio.AsyncClient(reconnection=False)
        received: list[int] = []
        client.on("n", received.append)
        await client.connect(self.url, transports=transports or ["websocket"], wait_timeout=10)
        self.clients.append(client)
        return client, received

    def eio_sid(self, client: socketio.AsyncClient) -> str:
        sid = client.get_sid("/")
        eio_sid = self.sio.manager.eio_sid_from_sid(sid, "/")
        assert eio_sid is not None
        return str(eio_sid)

    def wire(self, client: socketio.AsyncClient) -> WebSocketProtocol:
        wire = getattr(self.eio.sockets[self.eio_sid(client)], "wire", None)
        assert isinstance(wire, WebSocketProtocol), "the websocket's uvicorn protocol is not known to engine.io"
        return wire


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    sio = SocketServer(
        connect_timeout=10, async_mode="asgi", client_manager=LocalManager(), json=PacketJson, logger=False, engineio_logger=False
    )

    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        await sio.enter_room(sid, ROOM)

    sio.on("connect", connect)
    # A long-poll the server holds for a client that has gone would keep a graceful shutdown waiting 45 s.
    config = uvicorn.Config(
        app=socketio.ASGIApp(sio), host="127.0.0.1", port=0, lifespan="off", log_level="warning", timeout_graceful_shutdown=1, **server_options()
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    await until(lambda: server.started)
    port = server.servers[0].sockets[0].getsockname()[1]
    made = Served(sio, f"http://127.0.0.1:{port}")
    try:
        yield made
    finally:
        for client in made.clients:
            await client.disconnect()
        server.should_exit = True
        await asyncio.wait_for(serving, 10)


async def test_an_idle_websocket_is_written_to_at_once_and_the_client_reads_the_event(served: Served) -> None:
    client, received = await served.client()
    await until(lambda: served.eio.sockets[served.eio_sid(client)].queue.waiting())
    frame = text_frame('42["n",7]')
    assert served.eio.write_now(served.eio_sid(client), frame), "a broadcast would be queued for an idle websocket"
    await until(lambda: received == [7])


async def test_broadcasts_reach_every_client_in_order(served: Served) -> None:
    clients = [await served.client() for _ in range(5)]
    for n in range(200):
        await served.sio.emit("n", n, room=ROOM)
    for _, received in clients:
        await until(lambda received=received: len(received) == 200)
        assert received == list(range(200))


async def test_a_broadcast_does_not_overtake_packets_queued_before_it(served: Served) -> None:
    """Acks, pings and engine.io's own packets always go through the socket's queue; a broadcast right after one
    must wait its turn."""
    client, received = await served.client()
    sid = served.eio_sid(client)
    for n in range(300):
        if n % 3 == 0:
            await served.eio.send_packet(sid, eio_packet.Packet(eio_packet.MESSAGE, f'2["n",{n}]'))
        else:
            await served.sio.emit("n", n, room=ROOM)
    await until(lambda: len(received) == 300)
    assert received == list(range(300))


async def test_a_slow_reader_is_queued_for_and_still_gets_every_event_in_order(served: Served) -> None:
    """When a client reads slowly, uvicorn's transport buffer passes its high-water mark and asyncio pauses writing
    (`pause_writing`): `send` then waits, and a frame written past it would overtake the packets waiting."""
    client, received = await served.client()
    other, others = await served.client()
    wire, sid = served.wire(client), served.eio_sid(client)
    await until(lambda: served.eio.sockets[sid].queue.waiting())
    wire.pause_writing()
    for n in range(10):
        await served.sio.emit("n", n, room=ROOM)
    assert not served.eio.write_now(sid, text_frame('42["n",-1]')), "a frame went past a paused transport"
    await until(lambda: others == list(range(10)))
    await asyncio.sleep(0.05)
    assert received == [], "the paused socket was written to"
    wire.resume_writing()
    for n in range(10, 20):
        await served.sio.emit("n", n, room=ROOM)
    await until(lambda: len(received) == 20)
    assert received == list(range(20))
    assert others == list(range(20))


async def test_a_client_that_polls_then_upgrades_misses_nothing_and_gets_it_in_order(served: Served) -> None:
    """Events keep coming while the client connects by long-polling and upgrades to a websocket: what it receives
    has no gap and no event out of order, across the queued and the written paths."""
    sent = 0
    stop = asyncio.Event()

    async def keep_sending() -> None:
        nonlocal sent
        while not stop.is_set():
            await served.sio.emit("n", sent, room=ROOM)
            sent += 1
            await asyncio.sleep(0.002)

    sender = asyncio.create_task(keep_sending())
    try:
        client, received = await served.client(transports=["polling", "websocket"])
        await until(lambda: client.transport() == "websocket")
        await until(lambda: len(received) > 50 and served.eio.sockets[served.eio_sid(client)].upgraded)
        upgraded_at = sent
        await until(lambda: sent > upgraded_at + 100)
    finally:
        stop.set()
        await sender
    await until(lambda: received and received[-1] == sent - 1)
    assert received == list(range(received[0], sent))


async def test_nothing_is_written_to_a_websocket_before_its_upgrade_is_complete(served: Served) -> None:
    """engine.io's upgrade, played by hand: a client polling, then probing a websocket. Until it sends UPGRADE, the
    websocket carries only the probe's answer; the event sent meanwhile comes after, in its place."""
    query = {"EIO": "4", "transport": "polling"}
    async with httpx.AsyncClient(base_url=served.url) as http:
        opened = await http.get("/socket.io/", params=query)
        sid = json.loads(opened.text[1:])["sid"]
        query["sid"] = sid
        await http.post("/socket.io/", params=query, content="40")
        assert (await http.get("/socket.io/", params=query)).text.startswith("40")
        ws_url = served.url.replace("http", "ws") + f"/socket.io/?EIO=4&transport=websocket&sid={sid}"
        async with websockets.connect(ws_url) as ws:
            await ws.send("2probe")
            assert await ws.recv() == "3probe"
            await served.sio.emit("n", 1, room=ROOM)
            assert not served.eio.write_now(sid, text_frame('42["n",-1]'))
            with pytest.raises(TimeoutError):
                early = await asyncio.wait_for(ws.recv(), 0.2)
                raise AssertionError(f"written before the upgrade: {early!r}")
            await ws.send("5")
            messages = [await asyncio.wait_for(ws.recv(), 5) for _ in range(2)]
            assert messages == ["6", '42["n",1]']
            await served.sio.emit("n", 2, room=ROOM)
            assert await asyncio.wait_for(ws.recv(), 5) == '42["n",2]'


async def test_a_polling_client_is_queued_for(served: Served) -> None:
    client, received = await served.client(transports=["polling"])
    assert not served.eio.write_now(served.eio_sid(client), text_frame('42["n",-1]'))
    # Python's engine.io client refuses a poll that brings more than 16 packets at once.
    for n in range(10):
        await served.sio.emit("n", n, room=ROOM)
    await until(lambda: len(received) == 10)
    assert received == list(range(10))
    # Closed from the server's side, which answers the poll it holds; a client hanging up waits out that poll.
    await served.sio.disconnect(client.get_sid("/"))
    await until(lambda: not client.connected)


async def test_a_socket_that_has_gone_is_not_written_to_and_the_others_still_get_the_event(served: Served) -> None:
    leaving, _ = await served.client()
    staying, received = await served.client()
    sid, wire = served.eio_sid(leaving), served.wire(leaving)
    await leaving.disconnect()
    served.clients.remove(leaving)
    await until(lambda: wire.disconnected or wire.close_sent)
    assert not served.eio.write_now(sid, text_frame('42["n",-1]'))
    await served.sio.emit("n", 1, room=ROOM)
    await until(lambda: received == [1])
