"""The Socket.IO server: connect with a token, snapshot first, then commands and events."""

import asyncio
import logging
from typing import Any

import socketio

from app import rooms
from app.adapters.rate_limiter import RateLimiter, Scope
from app.config import Settings
from app.edge import Edge
from app.errors import RateLimited
from app.models import Role
from app.realtime.dispatch import Dispatcher, error_answer
from app.realtime.managers import LocalManager, PacketJson, RedisManager
from app.realtime.transport import SocketServer
from app.realtime.welcome import Welcome
from app.services import participants

log = logging.getLogger(__name__)


def make_server(settings: Settings) -> SocketServer:
    # A broadcast is encoded once and queued to every socket in one loop (app/realtime/managers.py).
    manager: socketio.AsyncManager = LocalManager()
    if settings.redis_url:
        # JSON over Redis pub/sub, shared by every process serving the same meetings.
        manager = RedisManager(settings.redis_url)
    return SocketServer(
        connect_timeout=settings.socket_connect_timeout_seconds,
        async_mode="asgi",
        client_manager=manager,
        cors_allowed_origins=settings.origins or None,
        max_http_buffer_size=settings.max_socket_message_bytes,
        # Compressing every small event costs CPU and about three times the memory per socket.
        http_compression=False,
        json=PacketJson,
        compression_threshold=10**9,
        logger=False,
        engineio_logger=False,
    )


class Realtime:
    def __init__(self, sio: socketio.AsyncServer, edge: Edge, settings: Settings, limiter: RateLimiter):
        self.sio = sio
        self.edge = edge
        self.settings = settings
        self.limiter = limiter
        self.dispatcher = Dispatcher(edge, settings)
        self.welcome = Welcome(sio, edge, settings)
        sio.on("connect", self.connect)
        sio.on("disconnect", self.disconnect)
        sio.on("command", self.command)

    async def connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        address = client_address(environ)
        # Counted before the token is looked up: a flood of bad tokens costs no database query.
        if await self.limiter.hit(Scope.connect_per_ip, address) is not None:
            raise socketio.exceptions.ConnectionRefusedError("rate_limited")
        token = auth.get("token") if isinstance(auth, dict) else None
        person = await self.welcome.person(token)
        if person is None:
            raise socketio.exceptions.ConnectionRefusedError("unauthorized")
        await self.sio.save_session(sid, {"participant_id": person.id, "meeting_id": person.meeting_id, "address": address})
        await self.sio.enter_room(sid, rooms.meeting(person.meeting_id))
        await self.sio.enter_room(sid, rooms.person(person.id))
        role_room = rooms.moderators if person.role == Role.moderator else rooms.participants
        await self.sio.enter_room(sid, role_room(person.meeting_id))
        # The snapshot must follow the CONNECT packet, which is sent after this handler returns. The token's hash is
        # checked again when the connection is recorded: a console link made again in between (the old token locked
        # out, its sockets closed) must not let this socket stay.
        self.sio.start_background_task(self._welcome, participants.Arrival(sid, person.id, person.meeting_id, person.token_hash))

    async def _welcome(self, arrival: participants.Arrival) -> None:
        for _ in range(5000):
            if self.sio.manager.is_connected(arrival.sid, "/"):
                self.welcome.add(arrival)
                return
            await asyncio.sleep(0.001)

    async def disconnect(self, sid: str, *args: Any) -> None:
        try:
            await self.edge.apply(lambda uow: participants.disconnected(uow, sid=sid))
        except Exception:
            log.exception("presence update failed for %s", sid)

    async def command(self, sid: str, message: Any = None) -> dict[str, Any]:
        session = await self.sio.get_session(sid)
        person = session["participant_id"]
        # Limits first, before the message is parsed or the database touched: a refused command changes nothing.
        checks = [(Scope.command_per_person, person), (Scope.command_per_ip, session["address"])]
        if isinstance(message, dict) and message.get("type") == "question.submit":
            checks.append((Scope.question_per_person, person))
        try:
            await self.limiter.check(checks)
        except RateLimited as exc:
            return error_answer(exc)
        return await self.dispatcher.dispatch(person, message)


def client_address(environ: dict[str, Any]) -> str:
    # engine.io's ASGI environ sets REMOTE_ADDR to a constant; the peer's address is in the ASGI scope.
    client = (environ.get("asgi.scope") or {}).get("client")
    return str(client[0]) if client else "unknown"
