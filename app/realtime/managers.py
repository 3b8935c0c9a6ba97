"""python-socketio's client managers with a cheaper broadcast.

python-socketio encodes a broadcast once, then starts one asyncio task per recipient to put the same
packet on each socket's queue and waits for all of them. Putting a packet on a queue does not block, so
the tasks buy nothing: at 1,000 recipients they were most of the server's CPU per event. Here the packet
is encoded once, framed once for the websocket, and in one loop written straight to every recipient whose
websocket writer is idle, or else put on its queue (app/realtime/transport.py `EngineServer.write_now`).
Everything else (rooms, callbacks, Redis pub/sub) is python-socketio's own.
"""

import json
import logging
from collections import OrderedDict
from typing import Any

import socketio
from engineio import packet as eio_packet
from socketio import packet

from app.realtime.transport import EngineServer
from app.realtime.websocket import text_frame

log = logging.getLogger(__name__)


class Encoded(str):
    """A message already in JSON (a snapshot dumped by pydantic): put in its packet as it is.

    A snapshot of a meeting of a thousand is about 220 KB. Dumping the model to Python objects and then
    encoding them with the standard library's JSON encoder was a third of the server's work in a join storm;
    pydantic writes the same JSON in one step."""


class PacketJson:
    """The JSON module Socket.IO and Engine.IO encode packets with: the standard one, except that an
    `Encoded` argument of an event goes into the packet unchanged."""

    @staticmethod
    def dumps(obj: Any, **kwargs: Any) -> str:
        if isinstance(obj, list) and any(isinstance(item, Encoded) for item in obj):
            return "[" + ",".join(item if isinstance(item, Encoded) else json.dumps(item, **kwargs) for item in obj) + "]"
        return json.dumps(obj, **kwargs)

    @staticmethod
    def loads(text: str | bytes, **kwargs: Any) -> Any:
        return json.loads(text, **kwargs)


# Events that carry the whole state they speak of (`consent.changed`: the state and the counts): a client that
# got a newer one needs no older one, and an older one after it would show what is no longer so.
WHOLE_STATE = frozenset({"consent.changed"})
# Audiences whose newest whole-state event is remembered; the longest quiet are forgotten first.
AUDIENCES_REMEMBERED = 4096


class _QueueInPlace(socketio.AsyncManager):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._newest: OrderedDict[tuple[str, tuple[str, ...]], int] = OrderedDict()

    def _fresh(self, event: str, data: Any, target: Any) -> Any:
        """`data` without the whole-state events older than one this process already sent to the same audience;
        None if nothing is left.

        With several processes, two changes committed moments apart by different processes can reach this
        process in the other order: each process sends its own after its commit, and holds bursts back for a tick
        (app/realtime/coalesce.py). At the end of a ballot a count held by one process could come after the
        outcome sent by the other, and every client would show the ballot still open. Other events are sent as
        they come (docs/adr/0029-whole-state-never-goes-back.md)."""
        if event == "events" and isinstance(data, list):
            kept = [envelope for envelope in data if not self._stale(envelope, target)]
            return kept or None
        if event == "event" and isinstance(data, dict):
            return None if self._stale(data, target) else data
        return data

    def _stale(self, envelope: dict[str, Any], target: Any) -> bool:
        if envelope.get("type") not in WHOLE_STATE or not isinstance(envelope.get("version"), int):
            return False
        audience = tuple(sorted(target)) if isinstance(target, (list, tuple)) else (str(target),)
        key = (envelope["type"], audience)
        newest = self._newest.get(key)
        if newest is not None and envelope["version"] < newest:
            return True
        self._newest[key] = envelope["version"]
        self._newest.move_to_end(key)
        if len(self._newest) > AUDIENCES_REMEMBERED:
            self._newest.popitem(last=False)
        return False

    async def emit(
        self, event: str, data: Any, namespace: str, room: Any = None, skip_sid: Any = None, callback: Any = None, to: Any = None, **kwargs: Any
    ) -> None:
        if callback is not None or namespace not in self.rooms:
            await super().emit(event, data, namespace, room=room, skip_sid=skip_sid, callback=callback, to=to, **kwargs)
            return
        data = self._fresh(event, data, to or room)
        if data is None:
            return
        args = list(data) if isinstance(data, tuple) else [] if data is None else [data]
        skip = skip_sid if isinstance(skip_sid, list) else [skip_sid]
        # Everything we emit is JSON (models dumped with mode="json"), never bytes: without `binary=False`
        # python-socketio walks every value of the payload looking for bytes, a fifth of the cost of sending
        # a snapshot of a thousand people.
        encoded = self.server.packet_class(packet.EVENT, namespace=namespace, data=[event, *args], binary=False).encode()
        frames = [eio_packet.Packet(eio_packet.MESSAGE, p) for p in (encoded if isinstance(encoded, list) else [encoded])]
        # The room may change while we send (a socket joins): take the recipients first.
        recipients = [eio_sid for sid, eio_sid in self.get_participants(namespace, to or room) if sid not in skip]
        eio = self.server.eio
        direct = isinstance(eio, EngineServer) and len(frames) == 1 and isinstance(frames[0].data, str) and bool(recipients)
        wire = text_frame(frames[0].encode()) if direct else b""
        for eio_sid in recipients:
            try:
                if direct and eio.write_now(eio_sid, wire):
                    continue
                for frame in frames:
                    await self.server._send_eio_packet(eio_sid, frame)
            except Exception:  # one broken socket must not keep the event from the others
                log.exception("could not send to %s", eio_sid)


class LocalManager(_QueueInPlace):
    """One process."""


class RedisManager(socketio.AsyncRedisManager, _QueueInPlace):
    """Several processes on one Redis: a broadcast is published once and each process sends it as above, this
    one after publishing.

    A message to one socket of this process (a snapshot) is sent here and not published: python-socketio
    publishes every emit, so each snapshot of a join storm was also encoded, sent through Redis and decoded by
    every other process, which has no such socket."""

    async def emit(
        self, event: str, data: Any, namespace: str = "/", room: Any = None, skip_sid: Any = None, callback: Any = None, to: Any = None, **kwargs: Any
    ) -> None:
        target = to or room
        if callback is not None or kwargs.get("ignore_queue"):
            await super().emit(event, data, namespace=namespace, room=room, skip_sid=skip_sid, callback=callback, to=to, **kwargs)
            return
        if isinstance(target, str) and self.is_connected(target, namespace):
            await _QueueInPlace.emit(self, event, data, namespace, room=target, skip_sid=skip_sid)
            return
        # python-socketio sends to this process's sockets first and then publishes, so the other processes began
        # theirs only once this one had written to all of its own. Published first, they write at the same time.
        # The message is python-socketio's, for its receiving side (`_handle_emit`); our data is JSON, never bytes.
        # Emits are sent one at a time (app/realtime/coalesce.py holds a lock), so they reach Redis in order.
        args = list(data) if isinstance(data, tuple) else [data]
        message = {"method": "emit", "event": event, "data": args, "binary": False, "namespace": namespace or "/", "room": target}
        message.update(skip_sid=skip_sid, callback=None, host_id=self.host_id)
        await self._publish(message)
        await _QueueInPlace.emit(self, event, data, namespace or "/", room=target, skip_sid=skip_sid)
