"""One broadcast per room per tick for the events that come in bursts.

When a thousand people vote or raise a hand within seconds, sending every event to everyone at once is
N commands × N recipients. Events of the types in BURSTY go out at once when their audience has had no
message for its interval (below) and nothing else is held; otherwise they are held and sent together, in the order they were
recorded: one `events` message (a list of envelopes in version order) per run of held events for one set
of rooms, or a plain `event` for a run of one. An audience gets these at most once a tick, and a large one
(LARGE_AUDIENCE sockets or more) less often when sending to it is costly: at most once per COST_FACTOR times what
its last message took to send, up to MAX_TICKS ticks.

A held `consent.changed` of a ballot with at least LARGE_BALLOT eligible is replaced by a newer one: it
carries the whole public state (state and counts, never names), so the older one tells a client nothing it
needs. In smaller meetings every count goes out, so what each person receives does not depend on timing
(tests/consent/test_secrecy.py compares the streams of two runs event by event). Every other event first
sends whatever is held, so each client still receives events in the order they were recorded. Acks do not
wait for any of this.
"""

import asyncio
from collections.abc import Callable, Iterable
from typing import Any

import socketio

# Seconds a burst is gathered for: well below what a person notices, long enough to batch a burst.
TICK_SECONDS = 0.05
# An audience of LARGE_AUDIENCE or more gets a bursty message at most once per COST_FACTOR times what its last
# message took to send (at least one tick, at most MAX_TICKS): so these broadcasts take about a quarter of the time,
# however large the audience and however busy the machine. At 1,000 people one count per vote (the server
# answering a vote every 100 ms on a loaded machine) took most of its CPU, and the votes that make the count
# waited behind it. The interval was a tick per 250 people before (docs/adr/0030-what-a-broadcast-costs.md): on
# a quiet machine a single hand raised in a meeting of 1,000 then waited up to 200 ms for nothing.
COST_FACTOR = 4
MAX_TICKS = 8
# Below this many sockets an audience is always held for one tick at most: sending to it is cheap whatever the
# clock says, and the wall time of a send that waits (for Redis) counts whatever else ran meanwhile.
LARGE_AUDIENCE = 250
# `consent.personal_changed` goes to the voter alone; were it not held, each vote of a ballot would send the
# room's held count ahead of it, one broadcast per vote again.
# Dot voting on a board is the same shape: a total to the room and the voter's own dots to the voter.
BURSTY = frozenset({"consent.changed", "consent.personal_changed", "hand.raised", "hand.lowered", "board.card_voted", "board.my_votes_changed"})
LARGE_BALLOT = 50


def supersedes(envelope: dict[str, Any]) -> bool:
    """Whether this event makes held events of its type redundant."""
    if envelope["type"] != "consent.changed":
        return False
    ballot = envelope["data"].get("ballot")
    return ballot is not None and ballot["eligible"] >= LARGE_BALLOT


class Coalescer:
    def __init__(self, sio: socketio.AsyncServer, tick: float = TICK_SECONDS, clock: Callable[[], float] | None = None):
        self.sio = sio
        self.tick = tick
        # The loop's time; a test passes a clock it moves.
        self.clock = clock or (lambda: asyncio.get_running_loop().time())
        # Held events in the order they were recorded, each with its audience (a sorted tuple of rooms).
        self.held: list[tuple[tuple[str, ...], dict[str, Any]]] = []
        # Per audience: when it was last sent something, and how long that took.
        self.last_sent: dict[tuple[str, ...], float] = {}
        self.cost: dict[tuple[str, ...], float] = {}
        self.timer: asyncio.TimerHandle | None = None
        self.flushing: asyncio.Task[None] | None = None
        # One sender at a time: held events must not be overtaken by a later one while they go out.
        self.lock = asyncio.Lock()

    def audience(self, key: tuple[str, ...]) -> int:
        """How many sockets of this process are in these rooms (counted twice when in two of them)."""
        rooms = self.sio.manager.rooms.get("/", {})
        return sum(len(rooms.get(room, ())) for room in key)

    def interval(self, key: tuple[str, ...]) -> float:
        cost = self.cost.get(key, 0.0)
        if COST_FACTOR * cost <= self.tick or self.audience(key) < LARGE_AUDIENCE:
            return self.tick
        return min(self.tick * MAX_TICKS, COST_FACTOR * cost)

    async def _emit(self, key: tuple[str, ...], event: str, data: Any) -> None:
        """One message to an audience, noting what it cost to send (the wall time: a busy machine costs more)."""
        started = self.clock()
        await self.sio.emit(event, data, to=list(key))
        # Kept for as long as when it was last sent a bursty message is (pruned with it in `_send`).
        if key in self.last_sent:
            self.cost[key] = self.clock() - started

    async def emit(self, envelope: dict[str, Any], rooms: Iterable[str]) -> None:
        key = tuple(sorted(rooms))
        if envelope["type"] not in BURSTY:
            async with self.lock:
                await self._send_held()
                await self._emit(key, "event", envelope)
            return
        now = self.clock()
        if not self.held and now >= self._due(key):
            # Nothing held and this audience's interval since its last message over: no reason to wait. (With
            # anything held, even for another audience, it waits its turn: a person in both audiences gets
            # them in recorded order.)
            self.last_sent[key] = now
            async with self.lock:
                await self._emit(key, "event", envelope)
            return
        if supersedes(envelope):
            self.held = [(k, e) for k, e in self.held if k != key or e["type"] != envelope["type"]]
        self.held.append((key, envelope))
        self._schedule(now)

    def _due(self, key: tuple[str, ...]) -> float:
        """When this audience may be sent to again (at once if it has not been sent anything lately)."""
        last = self.last_sent.get(key)
        return 0.0 if last is None else last + self.interval(key)

    def _schedule(self, now: float) -> None:
        """The timer, for when the first held event is due (only a prefix of what is held may go ahead)."""
        if self.timer is not None or not self.held:
            return
        due = self._due(self.held[0][0])
        self.timer = asyncio.get_running_loop().call_later(max(0.0, due - now), self._flush_later)

    def _flush_later(self) -> None:
        self.timer = None
        self.flushing = asyncio.create_task(self._flush_due())

    async def flush(self) -> None:
        """Sends everything held, now."""
        async with self.lock:
            await self._send_held()

    async def _flush_due(self) -> None:
        """Sends the held events that are due, from the first up to one whose audience must wait longer."""
        async with self.lock:
            now = self.clock()
            count = 0
            for key, _ in self.held:
                if self._due(key) > now + 0.001:
                    break
                count += 1
            await self._send(count)
            self._schedule(self.clock())

    async def _send_held(self) -> None:
        await self._send(len(self.held))

    async def _send(self, count: int) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        sending, self.held = self.held[:count], self.held[count:]
        now = self.clock()
        # In recorded order: each run of events for one audience as one message. A ballot's tick is then the
        # voters' own parts, one small message each, and one count for the room.
        runs: list[tuple[tuple[str, ...], list[dict[str, Any]]]] = []
        for key, envelope in sending:
            if runs and runs[-1][0] == key:
                runs[-1][1].append(envelope)
            else:
                runs.append((key, [envelope]))
        for key, envelopes in runs:
            self.last_sent[key] = now
            if len(envelopes) == 1:
                await self._emit(key, "event", envelopes[0])
            else:
                await self._emit(key, "events", envelopes)
        # Audiences quiet for a while need no memory of them.
        horizon = now - self.tick * MAX_TICKS
        held = {k for k, _ in self.held}
        for key in [k for k, at in self.last_sent.items() if at < horizon and k not in held]:
            del self.last_sent[key]
            self.cost.pop(key, None)
