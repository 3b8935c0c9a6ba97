"""An in-process meeting on a clock the test moves: the real services, commands and timer ticks, no sleeps.

What runs is the app's own: Alembic migrations on a real SQLite file, the unit of work and the edge, the
command dispatcher (validation, permissions, the consent gate), `app.timers.TIMERS`, snapshots. What the
harness stands in for is only the transport: Socket.IO's rooms become a small table of "sockets" and the
rooms they are in, kept the way `app/realtime/server.py` and the publisher's effects keep them, so each
socket collects exactly the events its person would have received.

Time stands still until the test moves it: `await h.pass_time(60)` moves the clock and runs one timer tick,
as the server's loop would after that long. Assert what people would see (`socket.events`, a fresh
`snapshot()`) and what the database holds (`h.read(...)`).

Use it for behaviour that depends on time or on many steps (grace periods, breakout warnings and deadlines,
thinking breaks, ballots and presence). Keep real-server tests (tests/support.py) for the protocol itself:
the socket handshake, acks, rooms on a real Socket.IO server, restarts, several processes.
"""

import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from app import clock, migrate, rooms, timers
from app.config import Settings
from app.db import Database, Published, UnitOfWork
from app.edge import Edge, EffectHandlers
from app.effects import (
    CloseRooms,
    DeleteRecording,
    Disconnect,
    MoveSockets,
    PurgeMedia,
    ShareRecording,
    StopRecording,
    WakeMail,
    WakeOutbox,
)
from app.formats.definition import FormatDef
from app.models import Language, Meeting, Participant, Role
from app.realtime.dispatch import Dispatcher
from app.services import breakout_rooms, formats, meetings, participants, recordings, role_links, snapshot

T = TypeVar("T")

# A Monday morning: far from midnight and from any daylight-saving change.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def as_sent(state: Any) -> dict[str, Any]:
    """The snapshot as the server emits it (app/realtime/server.py): its JSON form."""
    return state.model_dump(mode="json") if hasattr(state, "model_dump") else state


class ManualClock:
    """The time the app reads while the harness runs: it moves only when the test says so."""

    def __init__(self, start: datetime = START):
        self.at = start

    def now(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("time does not go back")
        self.at += timedelta(seconds=seconds)
        return self.at


@dataclass
class Person:
    id: str
    name: str
    token: str
    role: Role
    meeting_id: str


@dataclass
class Socket:
    """One connection of a person: the rooms it is in, the snapshot it was welcomed with, the events it got."""

    sid: str
    person: Person
    rooms: set[str]
    snapshot: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    open: bool = True

    def of(self, type: str) -> list[dict[str, Any]]:
        """The events of one type this socket received, oldest first."""
        return [e for e in self.events if e["type"] == type]

    def types(self) -> list[str]:
        return [e["type"] for e in self.events]

    def clear(self) -> None:
        self.events.clear()


@dataclass
class MeetingHandle:
    id: str
    join_code: str
    moderator: Person


class Transport:
    """Stands in for Socket.IO: the edge's publisher, delivering committed events to the sockets in their rooms,
    and the handlers of the effects that move sockets between rooms or close them (app/realtime/publish.py).
    Media and webhook effects are kept in `effects`: no storage or sender runs here."""

    def __init__(self) -> None:
        self.sockets: dict[str, Socket] = {}
        self.effects: list[Any] = []

    def wire(self, handlers: EffectHandlers) -> None:
        handlers.after_commit(MoveSockets, self.move_sockets)
        handlers.after_commit(CloseRooms, self.close_rooms)
        handlers.after_commit(Disconnect, self.disconnect)
        handlers.after_commit(PurgeMedia, self.keep)
        handlers.after_commit(WakeOutbox, self.keep)
        handlers.after_commit(WakeMail, self.keep)

    async def publish(self, events: Sequence[Published]) -> None:
        for published in events:
            envelope = published.envelope()
            for socket in self.sockets.values():
                if socket.open and socket.sid != published.skip_sid and socket.rooms.intersection(published.rooms):
                    socket.events.append(envelope)

    async def move_sockets(self, effect: MoveSockets) -> None:
        self.effects.append(effect)
        for move in effect.moves:
            socket = self.sockets.get(move.sid)
            if socket is None or not socket.open:
                continue
            if move.leave:
                socket.rooms.discard(move.leave)
            if move.enter:
                socket.rooms.add(move.enter)

    async def close_rooms(self, effect: CloseRooms) -> None:
        self.effects.append(effect)
        for socket in self.sockets.values():
            socket.rooms.difference_update(effect.rooms)

    async def disconnect(self, effect: Disconnect) -> None:
        self.effects.append(effect)
        for sid in effect.sids:
            if sid in self.sockets:
                self.sockets[sid].open = False

    async def keep(self, effect: PurgeMedia | WakeOutbox | WakeMail) -> None:
        self.effects.append(effect)


class Harness:
    def __init__(self, url: str, data_dir: Path):
        self.clock = ManualClock()
        self.settings = Settings(data_dir=data_dir, database_url=url, node_id="harness", organiser_key="harness-organiser-key-0123456789")
        self.db = Database(url)
        self.transport = Transport()
        # Wired as app/main.py wires them: the recordings side carries out consent's decisions.
        handlers = EffectHandlers()
        self.transport.wire(handlers)
        handlers.decision(StopRecording, recordings.carry_out_stop)
        handlers.decision(DeleteRecording, recordings.carry_out_delete)
        handlers.decision(ShareRecording, recordings.carry_out_share)
        handlers.check_complete()
        self.edge = Edge(self.db, self.transport, handlers)
        self.dispatcher = Dispatcher(self.edge, self.settings)
        self._sids = 0

    # Time ---------------------------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        return self.clock.at

    async def tick(self, every: Sequence[timers.Timer] = timers.TIMERS) -> None:
        """One round of the server's timer loop (app/timers.py): one read asks every timer whether it has something
        to do, and each that has acts in its own transaction. Unlike the loop, a failing look or tick fails the test.
        `timers.configured(h.settings)` adds the timers whose figures are settings."""
        for timer in await self.edge.read(lambda uow: timers.due(uow, every)):
            await self.edge.apply(timer.act)

    async def pass_time(self, seconds: float) -> None:
        """Let `seconds` go by, then the timer looks once (a late tick acts on everything now due)."""
        self.clock.advance(seconds)
        await self.tick()

    async def pass_until(self, moment: datetime | str) -> None:
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        await self.pass_time((moment - self.clock.at).total_seconds())

    # People and meetings ---------------------------------------------------------------------------

    async def meeting(self, *names: str, title: str = "Intake interviews", format: str = "open",
                      start: bool = True, hand_grace_seconds: int = 60, connect: bool = True,
                      definition: FormatDef | None = None) -> tuple[MeetingHandle, dict[str, Person]]:
        """A meeting with its moderator and these people joined (and connected, and the meeting started).
        With `definition`, the meeting runs that format definition (kept with the meeting, as a custom format is)."""

        async def create(uow: UnitOfWork) -> MeetingHandle:
            made = await meetings.create_meeting(
                uow, title=title, format=format, scheduled_for=None, language=Language.en, moderator_name="Moderator", hand_grace_seconds=hand_grace_seconds
            )
            if definition is not None:
                made.meeting.format_definition = definition.model_dump_json()
            moderator = Person(made.moderator.id, "Moderator", made.moderator_token, Role.moderator, made.meeting.id)
            return MeetingHandle(made.meeting.id, made.meeting.join_code, moderator)

        handle = await self.edge.apply(create)
        people = {name: await self.join(handle, name) for name in names}
        if connect:
            for person in [handle.moderator, *people.values()]:
                await self.connect(person)
        if start:
            # A format with ground rules (the learning conversation): everyone here acknowledges them first, as the
            # pages ask before anything else (tests of the gate itself make the meeting with start=False).
            if await self.read(lambda uow: _has_agreement(uow, handle.id)):
                for person in [handle.moderator, *people.values()]:
                    await self.ok(person, "agreement.acknowledge")
            await self.ok(handle.moderator, "meeting.start")
        # The timer announces who arrived, as the server's would within a moment.
        await self.tick()
        return handle, people

    async def join(self, meeting: MeetingHandle, name: str, *, role_code: str | None = None) -> Person:
        """Join with the invite code (and with a role link's code, checked with the server's key)."""
        key = role_links.key_from(self.settings.organiser_key or "")

        async def join(uow: UnitOfWork) -> Person:
            row, token = await participants.join(
                uow, join_code=meeting.join_code, display_name=name, organisation=f"{name}'s office", role_code=role_code, role_key=key
            )
            return Person(row.id, name, token, Role(row.role), meeting.id)

        return await self.edge.apply(join)

    async def connect(self, person: Person) -> Socket:
        """Open a socket as `Realtime.connect` and `_welcome` do: the same rooms, the same snapshot."""
        self._sids += 1
        sid = f"sid-{self._sids}"
        role_room = rooms.moderators if person.role == Role.moderator else rooms.participants
        socket = Socket(sid, person, {rooms.meeting(person.meeting_id), rooms.person(person.id), role_room(person.meeting_id)})
        self.transport.sockets[sid] = socket

        async def arrive(uow: UnitOfWork) -> str | None:
            row = await participants.authenticate(uow, person.token)
            arrival = participants.Arrival(sid, row.id, row.meeting_id, row.token_hash)
            await participants.connect_all(uow, [arrival], node_id=self.settings.node_id)
            return (await breakout_rooms.socket_rooms(uow, {row.id})).get(row.id)

        breakout_room = await self.edge.apply(arrive)
        if breakout_room:
            socket.rooms.add(breakout_room)
        # The snapshot is read after the connection is committed, as the server does.
        socket.snapshot = await self.snapshot(person)
        return socket

    async def disconnect(self, socket: Socket) -> None:
        socket.open = False
        await self.edge.apply(lambda uow: participants.disconnected(uow, sid=socket.sid))

    def sockets_of(self, person: Person) -> list[Socket]:
        return [s for s in self.transport.sockets.values() if s.person.id == person.id and s.open]

    def socket(self, person: Person) -> Socket:
        """The person's (first) open socket."""
        return self.sockets_of(person)[0]

    # Commands and reads --------------------------------------------------------------------------

    async def command(self, person: Person, type: str, **data: Any) -> dict[str, Any]:
        """A command as the socket sends it, through the real dispatcher; returns the ack."""
        return await self.dispatcher.dispatch(person.id, {"type": type, "data": data})

    async def ok(self, person: Person, type: str, **data: Any) -> dict[str, Any]:
        answer = await self.command(person, type, **data)
        assert answer["ok"], f"{person.name} {type}: {answer}"
        return answer

    async def snapshot(self, person: Person) -> dict[str, Any]:
        """What a page opened now would be shown, without opening a socket."""

        async def build(uow: UnitOfWork) -> dict[str, Any]:
            row = await uow.session.get(Participant, person.id)
            meeting = await uow.session.get(Meeting, person.meeting_id)
            assert row is not None and meeting is not None
            return as_sent(await snapshot.build(uow, meeting=meeting, viewer=row, public_url="http://harness", people_limit=self.settings.people_listed_up_to))

        return await self.edge.read(build)

    async def read(self, query: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        return await self.edge.read(query)

    async def close(self) -> None:
        await self.db.dispose()


async def _has_agreement(uow: UnitOfWork, meeting_id: str) -> bool:
    meeting = await uow.session.get(Meeting, meeting_id)
    assert meeting is not None
    return formats.of_meeting(meeting).agreement is not None


def migrated(directory: Path) -> Path:
    """A database file brought up to date by the app's Alembic migrations (synchronous: Alembic runs its own
    event loop). Tests copy it rather than migrating again."""
    path = directory / "migrated.db"
    migrate.upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@asynccontextmanager
async def harness(template: Path, directory: Path) -> AsyncIterator[Harness]:
    """A fresh copy of the migrated database, and the app's clock in the harness's hands."""
    path = directory / "harness.db"
    shutil.copyfile(template, path)
    made = Harness(f"sqlite+aiosqlite:///{path}", directory)
    with clock.use(made.clock.now):
        try:
            yield made
        finally:
            await made.close()
