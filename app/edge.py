"""The edge of every state change: one unit of work, its decisions, commit, then its events and effects.

REST routes, the socket dispatcher and the timers all go through `apply`; reads go through `read`.
The edge knows how events go out only through the `Publisher` interface, and what effects mean only
through the handlers wired into `EffectHandlers` at start-up (docs/adr/0010-layers.md).
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol, TypeVar

from app import effects
from app.db import Database, Published, UnitOfWork

T = TypeVar("T")
D = TypeVar("D", bound=effects.Decision)
A = TypeVar("A", bound=effects.AfterCommit)


class Publisher(Protocol):
    """Delivers committed events to their rooms (app/realtime implements it with Socket.IO)."""

    async def publish(self, events: Sequence[Published]) -> None: ...


class EffectHandlers:
    """The one registry of effect handlers: one handler per effect type, wired once at start-up."""

    def __init__(self) -> None:
        self._decisions: dict[type, Callable[[UnitOfWork, Any], Awaitable[None]]] = {}
        self._after_commit: dict[type, Callable[[Any], Awaitable[None]]] = {}

    def decision(self, kind: type[D], handler: Callable[[UnitOfWork, D], Awaitable[None]]) -> None:
        self._check_new(kind)
        self._decisions[kind] = handler

    def after_commit(self, kind: type[A], handler: Callable[[A], Awaitable[None]]) -> None:
        self._check_new(kind)
        self._after_commit[kind] = handler

    def _check_new(self, kind: type) -> None:
        if kind in self._decisions or kind in self._after_commit:
            raise RuntimeError(f"effect {kind.__name__} has a handler already")

    def check_complete(self) -> None:
        """At start-up: an effect without a handler would be lost silently at run time."""
        missing = [kind.__name__ for kind in effects.ALL if kind not in self._decisions and kind not in self._after_commit]
        if missing:
            raise RuntimeError(f"effects without a handler: {', '.join(missing)}")

    async def settle(self, uow: UnitOfWork) -> None:
        """Carry out the decisions, in order, inside the transaction (a handler may record more)."""
        while uow.decisions:
            decision = uow.decisions.pop(0)
            await self._decisions[type(decision)](uow, decision)

    async def run(self, uow: UnitOfWork) -> None:
        for effect in uow.effects:
            await self._after_commit[type(effect)](effect)


class Edge:
    def __init__(self, db: Database, publisher: Publisher, handlers: EffectHandlers):
        self.db = db
        self.publisher = publisher
        self.handlers = handlers

    async def apply(self, change: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        async with self.db.unit_of_work() as uow:
            result = await change(uow)
            await self.handlers.settle(uow)
        await self.publisher.publish(uow.events)
        await self.handlers.run(uow)
        return result

    async def read(self, query: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        """A query in a read-only transaction: it does not wait for writers, nor they for it."""
        async with self.db.read_only() as uow:
            return await query(uow)
