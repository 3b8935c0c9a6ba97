"""python-socketio's server with three guards against what a hostile client can send on the wire.

1. **Reserved event names.** python-socketio hands a client's EVENT packet to the handler registered under its name,
   and `connect` and `disconnect` are registered like any other event: a raw `42["disconnect"]` ran our disconnect
   handler (the person showed as gone while the socket stayed in every room) and `42["connect",…]` rebuilt
   snapshots. The reference JavaScript server refuses these names from clients since 2011 (socketio/socket.io
   pull request #569, "Blacklist events"); python-socketio (checked up to 5.18.1 and its main branch) does not,
   and we found no issue or fix upstream for it. So only the events a client may send (`command`) reach a handler;
   anything else is dropped, and answered with `invalid_input` when it asks for an ack.
2. **Undecodable messages.** A message nested too deeply for the JSON decoder raised inside python-socketio and the
   client never got its ack. It now gets `invalid_input` (its ack id is read from the packet's header).
3. **Sockets that never authenticate.** An engine.io connection that has not connected to the namespace with a
   token within `SOCKET_CONNECT_TIMEOUT_SECONDS` is closed (the JavaScript server's `connectTimeout`).

Two things make a connection lighter: each engine.io socket queues its packets in a `PacketQueue`
(app/realtime/queues.py), and the connect request's body reader is dropped from its environ once connected.

A broadcast writes its frame straight to each websocket whose writer is idle (`EngineServer.write_now`): engine.io
would otherwise queue the packet, wake the socket's writer task and pass the message through ASGI to uvicorn, which
frames it again for every socket.

These override private methods of `socketio.AsyncServer` (`_handle_event`, `_handle_eio_message`,
`_handle_eio_connect`); tests/realtime/test_wire_attacks.py holds each guard, so an upgrade that changes them fails
there first.
"""

import asyncio
import logging
import re
from typing import Any

import engineio
import socketio
from engineio.async_drivers import asgi as engineio_asgi
from socketio import packet

from app.realtime.queues import PacketQueue
from app.realtime.websocket import WebSocketProtocol

log = logging.getLogger(__name__)

CLIENT_EVENTS = frozenset({"command"})
_EVENT_ACK_ID = re.compile(r"^2(?:/[^,]*,)?(\d+)")


def refusal(message: str) -> dict[str, Any]:
    return {"ok": False, "error": {"code": "invalid_input", "message": message}}


class _WebSocket(engineio_asgi.WebSocket):  # type: ignore[misc]
    """engine.io's ASGI websocket, which also notes on its engine.io socket the uvicorn protocol carrying it."""

    async def __call__(self, environ: dict[str, Any]) -> Any:
        protocol = getattr(environ["asgi.send"], "__self__", None)
        if isinstance(protocol, WebSocketProtocol):
            self.handler.__self__.wire = protocol
        return await super().__call__(environ)


class EngineServer(engineio.AsyncServer):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        drivers: dict[str, Any] = self._async  # type: ignore[has-type]
        if drivers.get("websocket") is engineio_asgi.WebSocket:
            self._async = {**drivers, "websocket": _WebSocket}

    def create_queue(self, *args: Any, **kwargs: Any) -> PacketQueue[Any]:
        return PacketQueue()

    def write_now(self, sid: str, frame: bytes) -> bool:
        """Writes a broadcast's frame (app/realtime/websocket.py `text_frame`) to a websocket, if it can go at once.

        It can when the socket is open on a websocket and its writer waits for a packet with none queued: it has then
        written everything sent before, so this frame keeps its place. Otherwise nothing is written and the caller
        queues the packet as engine.io does (a socket still polling or upgrading, one closing, a writer busy or held
        back by a slow reader)."""
        socket = self.sockets.get(sid)
        wire: WebSocketProtocol | None = getattr(socket, "wire", None)
        if wire is None or not socket.upgraded or socket.upgrading or socket.closing or socket.closed:
            return False
        return bool(socket.queue.waiting()) and wire.write_now(frame)


class SocketServer(socketio.AsyncServer):
    def __init__(self, *args: Any, connect_timeout: float, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.connect_timeout = connect_timeout
        # Each engine.io connection's deadline to connect with a token, dropped once it has: a timer handle rather
        # than a sleeping task, which stayed for the whole timeout after every connect (a join storm's thousand).
        self._deadlines: dict[str, asyncio.TimerHandle] = {}
        self._closing: set[asyncio.Task[None]] = set()

    async def _handle_event(self, eio_sid: str, namespace: str | None, id: int | None, data: Any) -> None:
        name = data[0] if isinstance(data, list) and data else None
        if name not in CLIENT_EVENTS:
            if id is not None:
                await self._ack(eio_sid, namespace, id, refusal("Only 'command' messages are accepted."))
            return
        await super()._handle_event(eio_sid, namespace, id, data)

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        try:
            await super()._handle_eio_message(eio_sid, data)
        except (RecursionError, ValueError) as exc:
            found = _EVENT_ACK_ID.match(data) if isinstance(data, str) else None
            if found is None:
                log.info("dropped an undecodable message: %s", type(exc).__name__)
                return
            await self._ack(eio_sid, None, int(found.group(1)), refusal("The message could not be read (nested too deeply or malformed)."))

    def _engineio_server_class(self) -> type[engineio.AsyncServer]:
        return EngineServer

    async def _handle_eio_connect(self, eio_sid: str, environ: dict[str, Any]) -> Any:
        # engine.io's ASGI driver defines a new class for every request's body reader (`AwaitablePayload`, about
        # 2.4 KB), and the environ keeps it while the websocket lives. A websocket never reads a body, and a later
        # poll or post gets an environ of its own.
        environ.pop("wsgi.input", None)
        result = await super()._handle_eio_connect(eio_sid, environ)
        self._deadlines[eio_sid] = asyncio.get_running_loop().call_later(self.connect_timeout, self._deadline_passed, eio_sid)
        return result

    async def _handle_connect(self, eio_sid: str, namespace: str | None, data: Any) -> None:
        await super()._handle_connect(eio_sid, namespace, data)
        if self.manager.sid_from_eio_sid(eio_sid, "/") is not None:
            self._forget_deadline(eio_sid)

    async def _handle_eio_disconnect(self, eio_sid: str, reason: Any) -> None:
        self._forget_deadline(eio_sid)
        await super()._handle_eio_disconnect(eio_sid, reason)

    def _forget_deadline(self, eio_sid: str) -> None:
        deadline = self._deadlines.pop(eio_sid, None)
        if deadline is not None:
            deadline.cancel()

    def _deadline_passed(self, eio_sid: str) -> None:
        self._deadlines.pop(eio_sid, None)
        if eio_sid in self.eio.sockets and self.manager.sid_from_eio_sid(eio_sid, "/") is None:
            task = asyncio.get_running_loop().create_task(self._close_unauthenticated(eio_sid))
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

    async def _close_unauthenticated(self, eio_sid: str) -> None:
        log.info("closing a socket that did not connect with a token within %s s", self.connect_timeout)
        socket = self.eio.sockets[eio_sid]
        await self.eio.disconnect(eio_sid)
        # engine.io sends CLOSE and waits for the client to hang up; a hostile client never does. An empty
        # packet ends engine.io's writer, which closes the websocket (or answers the pending poll) itself.
        await socket.queue.put(None)

    async def _ack(self, eio_sid: str, namespace: str | None, id: int, answer: dict[str, Any]) -> None:
        namespace = namespace or "/"
        if self.manager.sid_from_eio_sid(eio_sid, namespace) is None:
            return
        await self._send_packet(eio_sid, self.packet_class(packet.ACK, namespace=namespace, id=id, data=[answer]))

    def cancel_timeouts(self) -> None:
        for deadline in self._deadlines.values():
            deadline.cancel()
        self._deadlines.clear()
        for task in list(self._closing):
            task.cancel()
