"""Welcoming a socket: look its token up, record it, put it in its breakout room, send its snapshot
(docs/adr/0020-welcomes-in-groups.md).

Sockets that connect while the previous ones are still being looked up or welcomed wait and go together: one
read looks up all their tokens, one transaction records all their connections, and one read builds their
snapshots, reading what is the same for everyone once per meeting. When a thousand people join in the same two
minutes, each welcome alone cost two transactions and some thirty statements, and that was the cost of joining.
A socket that connects alone is welcomed at once.

In a storm, a lookup waits a moment (`welcome_gather_seconds`) for the tokens of the sockets still shaking hands:
each read costs about the same for 3 tokens as for 30, so lookups of 3 made the join storm's groups small, and
small groups made every step after them cost several times more per socket.
"""

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import socketio

from app.config import Settings
from app.db import UnitOfWork
from app.edge import Edge
from app.models import Meeting, Participant
from app.realtime.managers import Encoded
from app.services import breakout_rooms, participants, snapshot
from app.services.participants import Arrival

log = logging.getLogger(__name__)
T = TypeVar("T")

# At most this many sockets in one group: its statements' lists of ids stay well within the databases' limits.
GROUP_MAX = 200


@dataclass
class _Queue(Generic[T]):
    """What waits to go in the next group, and the task taking the groups (None when nothing waits)."""

    waiting: list[T] = field(default_factory=list)
    worker: "asyncio.Task[None] | None" = None
    # When the last group was done, on the event loop's clock.
    last_done: float = float("-inf")

    async def gather(self, window: float) -> None:
        """Waits `window` seconds for more to join the next group, if the last group was done less than two windows
        ago (a storm); a group after a quiet moment goes at once."""
        loop = asyncio.get_running_loop()
        if window > 0 and loop.time() - self.last_done < 2 * window and len(self.waiting) < GROUP_MAX:
            await asyncio.sleep(window)

    def done(self) -> None:
        self.last_done = asyncio.get_running_loop().time()


class Welcome:
    def __init__(self, sio: socketio.AsyncServer, edge: Edge, settings: Settings):
        self.sio = sio
        self.edge = edge
        self.settings = settings
        self._welcomes: _Queue[Arrival] = _Queue()
        self._lookups: _Queue[tuple[Any, asyncio.Future[Participant | None]]] = _Queue()

    async def person(self, token: Any) -> Participant | None:
        """The person holding this token (None: unknown, malformed or removed), looked up with the tokens of
        the sockets connecting meanwhile."""
        found: asyncio.Future[Participant | None] = asyncio.get_running_loop().create_future()
        self._lookups.waiting.append((token, found))
        if self._lookups.worker is None:
            self._lookups.worker = asyncio.create_task(self._look_up())
        # Shielded: a socket that goes away must not cancel the lookup of the others.
        return await asyncio.shield(found)

    async def _look_up(self) -> None:
        try:
            while self._lookups.waiting:
                await self._lookups.gather(self.settings.welcome_gather_seconds)
                taken = self._lookups.waiting[:GROUP_MAX]
                del self._lookups.waiting[:GROUP_MAX]
                tokens = [token for token, _ in taken]
                try:
                    people = await self._people(tokens)
                except Exception as exc:
                    for _, found in taken:
                        if not found.done():
                            found.set_exception(exc)
                    continue
                finally:
                    self._lookups.done()
                for (_, found), person in zip(taken, people, strict=True):
                    if not found.done():
                        found.set_result(person)
        finally:
            self._lookups.worker = None

    def add(self, arrival: Arrival) -> None:
        """Welcome this socket, now or with those that are waiting (it has had its CONNECT packet)."""
        self._welcomes.waiting.append(arrival)
        if self._welcomes.worker is None:
            self._welcomes.worker = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        try:
            while self._welcomes.waiting:
                taken: list[Arrival] = []
                try:
                    staying = await self._record(taken)
                except Exception:
                    # Nothing of the group was stored. Taken before the failure or not (no transaction could
                    # begin), its sockets are taken now and recorded one by one, so the queue does not spin.
                    if not taken:
                        taken.extend(self._take())
                    log.exception("recording %d sockets together failed; recording them one by one", len(taken))
                    staying = [arrival for arrival in taken if await self._record_alone(arrival)]
                await self._send_snapshots(staying)
        finally:
            self._welcomes.worker = None

    async def _people(self, tokens: list[Any]) -> list[Participant | None]:
        return await self.edge.read(lambda uow: participants.authenticate_all(uow, tokens))

    def _take(self) -> list[Arrival]:
        waiting = self._welcomes.waiting
        taken = waiting[:GROUP_MAX]
        del waiting[:GROUP_MAX]
        return taken

    async def _record(self, taken: list[Arrival]) -> list[Arrival]:
        """Records the given sockets, or (when none are given) those waiting, taken once the writer is ours; puts
        them in their breakout rooms and disconnects those that may not stay. Returns those that stay."""

        async def arrive(uow: UnitOfWork) -> tuple[list[Participant | None], dict[str, str]]:
            if not taken:
                # On SQLite, once the writer's lock is held: every socket that connected while the writer was busy
                # is in this group.
                taken.extend(self._take())
            arrived = await participants.connect_all(uow, taken, node_id=self.settings.node_id)
            # Read in the same transaction as the connection rows: a breakout starting now either sees these
            # sockets (and moves them) or is seen here.
            return arrived, await breakout_rooms.socket_rooms(uow, {p.id for p in arrived if p is not None})

        arrived, breakout_rooms_of = await self.edge.apply(arrive)
        staying: list[Arrival] = []
        for arrival, person in zip(taken, arrived, strict=True):
            if person is None:
                await self.sio.disconnect(arrival.sid)
                continue
            if room := breakout_rooms_of.get(person.id):
                await self.sio.enter_room(arrival.sid, room)
            staying.append(arrival)
        return staying

    async def _record_alone(self, arrival: Arrival) -> bool:
        try:
            return bool(await self._record([arrival]))
        except Exception:
            log.exception("recording socket %s failed; it is disconnected and may connect again", arrival.sid)
            await self.sio.disconnect(arrival.sid)
            return False

    async def _send_snapshots(self, staying: list[Arrival]) -> None:
        # Built after the connections are committed, by a reader: a join storm's snapshots do not hold the writer
        # up. The sockets are in their rooms already, so whatever is committed from here on reaches them as
        # events, and a page applies only those newer than its snapshot (docs/adr/0003-snapshot-and-versioned-events.md).
        if not staying:
            return
        try:
            built = await self._read_snapshots(staying)
        except Exception:
            log.exception("building %d snapshots together failed; building them one by one", len(staying))
            built = {}
            for arrival in staying:
                try:
                    built |= await self._read_snapshots([arrival])
                except Exception:
                    log.exception("the snapshot for socket %s failed; it is disconnected and may connect again", arrival.sid)
                    await self.sio.disconnect(arrival.sid)
        for arrival in staying:
            if arrival.sid not in built:
                continue
            await self.sio.emit("snapshot", Encoded(built[arrival.sid]), to=arrival.sid)
            if not self.sio.manager.is_connected(arrival.sid, "/"):
                # Gone while we were welcoming it: make sure presence does not stay "online".
                await self._gone(arrival.sid)

    async def _gone(self, sid: str) -> None:
        await self.edge.apply(lambda uow: participants.disconnected(uow, sid=sid))

    async def _read_snapshots(self, arrivals: Sequence[Arrival]) -> dict[str, str]:
        return await self.edge.read(lambda uow: self._snapshots(uow, arrivals))

    async def _snapshots(self, uow: UnitOfWork, arrivals: Sequence[Arrival]) -> dict[str, str]:
        """Each socket's snapshot, as JSON, built per meeting from one reading of what everyone sees alike."""
        by_meeting: dict[str, list[Arrival]] = defaultdict(list)
        for arrival in arrivals:
            by_meeting[arrival.meeting_id].append(arrival)
        people = {p.id: p for p in await participants.load(uow, {a.participant_id for a in arrivals})}
        built: dict[str, str] = {}
        for meeting_id, group in by_meeting.items():
            meeting = await uow.session.get(Meeting, meeting_id)
            assert meeting is not None
            viewers = [people[a.participant_id] for a in group]
            snapshots = await snapshot.build_all(
                uow, meeting=meeting, viewers=viewers, public_url=self.settings.resolved_public_url, people_limit=self.settings.people_listed_up_to
            )
            for arrival, made in zip(group, snapshots, strict=True):
                built[arrival.sid] = made.model_dump_json()
        return built
