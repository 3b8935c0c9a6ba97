"""A socket's queue of packets: the part of `asyncio.Queue` that engine.io and uvicorn use, at a tenth of its size.

Every websocket has two queues: engine.io's packets waiting to be written, and uvicorn's messages waiting to be
read by the application. An `asyncio.Queue` holds four deques (its items, getters, putters and an `Event`'s
waiters), about 3.2 KB even when empty: 6.4 MB for a thousand connections, most of what they cost beyond the
websocket itself (measured with tracemalloc in a join of 1,000). This one holds a list and, while someone waits,
one future.

`get()` returns a future, not a coroutine. engine.io's writer waits for it under `asyncio.wait_for`, which wraps a
coroutine in a new task on every call: for a future it does not, and an event to a thousand sockets then makes no
thousand tasks. The queue is unbounded, as engine.io and uvicorn create theirs.

An item goes straight to the first waiter's future. Were that waiter's task cancelled in the same turn of the loop,
before it ran, the item would be lost (`asyncio.Queue` keeps it); both users cancel their waiter only when the socket
ends, and `asyncio.wait_for` returns an item that arrived as it was cancelled.
"""

import asyncio
from typing import Generic, TypeVar

T = TypeVar("T")


class PacketQueue(Generic[T]):
    __slots__ = ("_items", "_getters", "_unfinished", "_idle")

    def __init__(self) -> None:
        self._items: list[T] = []
        # Futures of those waiting for an item, in the order they asked; some may have been cancelled since.
        self._getters: list[asyncio.Future[T]] | None = None
        self._unfinished = 0
        self._idle: asyncio.Future[None] | None = None

    def qsize(self) -> int:
        return len(self._items)

    def empty(self) -> bool:
        return not self._items

    def waiting(self) -> bool:
        """Whether the queue is empty and someone waits for its next item.

        engine.io's websocket writer is then idle: it has taken every packet put before and written it, since it asks
        for the next one only after writing the last."""
        getters = self._getters
        while getters and getters[0].done():
            getters.pop(0)
        return bool(getters) and not self._items

    def put_nowait(self, item: T) -> None:
        self._unfinished += 1
        getters = self._getters
        while getters:
            getter = getters.pop(0)
            if not getter.done():
                getter.set_result(item)
                return
        self._items.append(item)

    async def put(self, item: T) -> None:
        self.put_nowait(item)

    def get_nowait(self) -> T:
        if not self._items:
            raise asyncio.QueueEmpty
        return self._items.pop(0)

    def get(self) -> "asyncio.Future[T]":
        """The next item, as a future; cancelling the future gives up the place without losing an item."""
        getter: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        if self._items:
            getter.set_result(self._items.pop(0))
        else:
            if self._getters is None:
                self._getters = []
            self._getters.append(getter)
        return getter

    def task_done(self) -> None:
        if self._unfinished <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished -= 1
        if self._unfinished == 0 and self._idle is not None:
            if not self._idle.done():
                self._idle.set_result(None)
            self._idle = None

    async def join(self) -> None:
        """Returns once every item put has been taken and marked done."""
        if self._unfinished == 0:
            return
        if self._idle is None:
            self._idle = asyncio.get_running_loop().create_future()
        await asyncio.shield(self._idle)
