"""The edge of every state change: one unit of work, commit, then deliver its events.

REST routes, the socket dispatcher and the timers all go through `apply`.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from app.db import Database, UnitOfWork
from app.realtime.publish import Publisher

T = TypeVar("T")


class Edge:
    def __init__(self, db: Database, publisher: Publisher):
        self.db = db
        self.publisher = publisher

    async def apply(self, change: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        async with self.db.unit_of_work() as uow:
            result = await change(uow)
        await self.publisher.deliver(uow)
        return result

    async def read(self, query: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        async with self.db.unit_of_work() as uow:
            return await query(uow)
