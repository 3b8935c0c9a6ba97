"""A socket's packet queue (app/realtime/queues.py): asyncio.Queue's behaviour where engine.io and uvicorn rely on
it, in a tenth of the memory; and the server uses it for both."""

import asyncio
import tracemalloc

import pytest
import uvicorn
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn.server import ServerState

from app.__main__ import server_options
from app.realtime.queues import PacketQueue
from app.realtime.transport import SocketServer


async def test_items_come_out_in_the_order_they_went_in() -> None:
    queue: PacketQueue[str] = PacketQueue()
    for item in ("a", "b", "c"):
        await queue.put(item)
    assert queue.qsize() == 3
    assert await queue.get() == "a"
    assert queue.get_nowait() == "b"
    assert await queue.get() == "c"
    assert queue.empty()
    with pytest.raises(asyncio.QueueEmpty):
        queue.get_nowait()


async def test_waiters_are_served_in_turn_and_a_cancelled_one_loses_no_item() -> None:
    queue: PacketQueue[str] = PacketQueue()
    first, gone, second = queue.get(), queue.get(), queue.get()
    gone.cancel()
    queue.put_nowait("x")
    queue.put_nowait("y")
    queue.put_nowait("z")
    assert await first == "x"
    assert await second == "y"
    assert queue.get_nowait() == "z"


async def test_a_wait_that_times_out_leaves_the_next_item_for_the_next_get() -> None:
    """engine.io waits for a packet under asyncio.wait_for: its timeout must not swallow what comes after."""
    queue: PacketQueue[int] = PacketQueue()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(queue.get(), 0.01)
    queue.put_nowait(1)
    assert await asyncio.wait_for(queue.get(), 1) == 1
    waiting = asyncio.ensure_future(asyncio.wait_for(queue.get(), 5))
    await asyncio.sleep(0)
    queue.put_nowait(2)
    assert await waiting == 2


async def test_join_returns_once_every_item_is_done() -> None:
    queue: PacketQueue[int] = PacketQueue()
    await queue.join()
    queue.put_nowait(1)
    queue.put_nowait(2)
    joined = asyncio.ensure_future(queue.join())
    queue.get_nowait()
    queue.task_done()
    await asyncio.sleep(0)
    assert not joined.done()
    queue.get_nowait()
    queue.task_done()
    await asyncio.wait_for(joined, 1)
    with pytest.raises(ValueError):
        queue.task_done()


def test_a_thousand_queues_take_a_fifth_of_what_asyncio_queues_take() -> None:
    def allocated(make: type) -> int:
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            kept = [make() for _ in range(1000)]
            size = tracemalloc.get_traced_memory()[0] - before
            del kept
            return size
        finally:
            tracemalloc.stop()

    light, standard = allocated(PacketQueue), allocated(asyncio.Queue)
    assert light * 5 < standard, (light, standard)


async def test_the_server_queues_with_it_both_ways() -> None:
    """engine.io's outgoing packets, and uvicorn's incoming messages in the protocol `python -m app serve` runs."""
    server = SocketServer(connect_timeout=10, async_mode="asgi")
    assert isinstance(server.eio.create_queue(), PacketQueue)
    options = server_options()
    config = uvicorn.Config(app=server_app, **options)
    config.load()
    protocol = options["ws"](config=config, server_state=ServerState(), app_state={}, _loop=asyncio.get_running_loop())
    assert isinstance(protocol, WebSocketsSansIOProtocol)
    assert isinstance(protocol.queue, PacketQueue)
    # engine.io's heartbeat closes silent sockets; uvicorn's would be a second timer per connection.
    assert options["ws_ping_interval"] is None


async def server_app(scope: dict, receive: object, send: object) -> None:
    raise AssertionError("never served")
