"""Socket.IO's side of a committed change: events to their rooms, and the socket effects (app/effects.py)."""

from collections.abc import Sequence

import socketio
from socketio.async_pubsub_manager import AsyncPubSubManager

from app.db import Published
from app.edge import EffectHandlers
from app.effects import CloseRooms, Disconnect, MoveSockets
from app.realtime.coalesce import Coalescer


class SocketPublisher:
    """The edge's `Publisher`, and the handlers of the effects that concern sockets."""

    def __init__(self, sio: socketio.AsyncServer):
        self.sio = sio
        self.coalescer = Coalescer(sio)

    def wire(self, handlers: EffectHandlers) -> None:
        handlers.after_commit(Disconnect, self.disconnect)
        handlers.after_commit(MoveSockets, self.move_sockets)
        handlers.after_commit(CloseRooms, self.close_rooms)

    async def publish(self, events: Sequence[Published]) -> None:
        for published in events:
            await self.coalescer.emit(published.envelope(), published.rooms)

    async def flush(self) -> None:
        """Sends the events a burst is holding back (see app/realtime/coalesce.py)."""
        await self.coalescer.flush()

    async def disconnect(self, effect: Disconnect) -> None:
        for sid in effect.sids:
            await self.sio.disconnect(sid)

    async def move_sockets(self, effect: MoveSockets) -> None:
        # With the Redis manager a socket held by another process is moved there; locally, only live ones.
        shared = isinstance(self.sio.manager, AsyncPubSubManager)
        for move in effect.moves:
            if not shared and not self.sio.manager.is_connected(move.sid, "/"):
                continue
            if move.leave:
                await self.sio.leave_room(move.sid, move.leave)
            if move.enter:
                await self.sio.enter_room(move.sid, move.enter)

    async def close_rooms(self, effect: CloseRooms) -> None:
        for room in effect.rooms:
            await self.sio.close_room(room)
