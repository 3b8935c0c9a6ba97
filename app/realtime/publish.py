"""Delivers what a committed unit of work recorded: events to their rooms, then effects."""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import socketio
from socketio.async_pubsub_manager import AsyncPubSubManager

from app.db import UnitOfWork
from app.realtime.coalesce import Coalescer
from app.services.breakout_rooms import CloseRooms, MoveSockets
from app.services.participants import Disconnect

log = logging.getLogger(__name__)


class Publisher:
    def __init__(self, sio: socketio.AsyncServer):
        self.sio = sio
        self.coalescer = Coalescer(sio)
        # Effects other packages add (the recording outbox wakes its sender, for instance).
        self.effect_handlers: dict[type, Callable[[Any], Awaitable[None]]] = {Disconnect: self._disconnect}
        self.effect_handlers[MoveSockets] = self._move_sockets
        self.effect_handlers[CloseRooms] = self._close_rooms

    async def deliver(self, uow: UnitOfWork) -> None:
        for published in uow.events:
            await self.coalescer.emit(published.envelope(), published.rooms)
        for effect in uow.effects:
            handler = self.effect_handlers.get(type(effect))
            if handler is None:
                log.error("no handler for effect %s", type(effect).__name__)
                continue
            await handler(effect)

    async def flush(self) -> None:
        """Sends the events a burst is holding back (see app/realtime/coalesce.py)."""
        await self.coalescer.flush()

    async def _disconnect(self, effect: Disconnect) -> None:
        for sid in effect.sids:
            await self.sio.disconnect(sid)

    async def _move_sockets(self, effect: MoveSockets) -> None:
        # With the Redis manager a socket held by another process is moved there; locally, only live ones.
        shared = isinstance(self.sio.manager, AsyncPubSubManager)
        for move in effect.moves:
            if not shared and not self.sio.manager.is_connected(move.sid, "/"):
                continue
            if move.leave:
                await self.sio.leave_room(move.sid, move.leave)
            if move.enter:
                await self.sio.enter_room(move.sid, move.enter)

    async def _close_rooms(self, effect: CloseRooms) -> None:
        for room in effect.rooms:
            await self.sio.close_room(room)
