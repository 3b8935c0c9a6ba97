"""Delivers what a committed unit of work recorded: events to their rooms, then effects."""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import socketio

from app.db import UnitOfWork
from app.services.participants import Disconnect

log = logging.getLogger(__name__)


class Publisher:
    def __init__(self, sio: socketio.AsyncServer):
        self.sio = sio
        # Effects other packages add (the recording outbox wakes its sender, for instance).
        self.effect_handlers: dict[type, Callable[[Any], Awaitable[None]]] = {Disconnect: self._disconnect}

    async def deliver(self, uow: UnitOfWork) -> None:
        for published in uow.events:
            await self.sio.emit("event", published.envelope(), to=list(published.rooms))
        for effect in uow.effects:
            handler = self.effect_handlers.get(type(effect))
            if handler is None:
                log.error("no handler for effect %s", type(effect).__name__)
                continue
            await handler(effect)

    async def _disconnect(self, effect: Disconnect) -> None:
        for sid in effect.sids:
            await self.sio.disconnect(sid)
