"""One broadcast per room per tick for the events that come in bursts.

When a thousand people vote or raise a hand within seconds, sending every event to everyone at once is
N commands × N recipients. Events of the types in BURSTY go out at once when their rooms have been quiet
for a tick and nothing else is held; otherwise they are held and sent together at the end of the tick, in
the order they were recorded: one `events` message (a list of envelopes in version order) per run of held
events for one set of rooms, or a plain `event` for a run of one.

A held `consent.changed` of a ballot with at least LARGE_BALLOT eligible is replaced by a newer one: it
carries the whole public state (state and counts, never names), so the older one tells a client nothing it
needs. In smaller meetings every count goes out, so what each person receives does not depend on timing
(tests/consent/test_secrecy.py compares the streams of two runs event by event). Every other event first
sends whatever is held, so each client still receives events in the order they were recorded. Acks do not
wait for any of this.
"""

import asyncio
from collections.abc import Iterable
from typing import Any

import socketio

# Seconds a burst is gathered for: well below what a person notices, long enough to batch a burst.
TICK_SECONDS = 0.05
# `consent.personal_changed` goes to the voter alone; were it not held, each vote of a ballot would send the
# room's held count ahead of it, one broadcast per vote again.
BURSTY = frozenset({"consent.changed", "consent.personal_changed", "hand.raised", "hand.lowered"})
LARGE_BALLOT = 50


def supersedes(envelope: dict[str, Any]) -> bool:
    """Whether this event makes held events of its type redundant."""
    if envelope["type"] != "consent.changed":
        return False
    ballot = envelope["data"].get("ballot")
    return ballot is not None and ballot["eligible"] >= LARGE_BALLOT


class Coalescer:
    def __init__(self, sio: socketio.AsyncServer, tick: float = TICK_SECONDS):
        self.sio = sio
        self.tick = tick
        # Held events in the order they were recorded, each with its audience (a sorted tuple of rooms).
        self.held: list[tuple[tuple[str, ...], dict[str, Any]]] = []
        self.last_sent: dict[tuple[str, ...], float] = {}
        self.timer: asyncio.TimerHandle | None = None
        self.flushing: asyncio.Task[None] | None = None
        # One sender at a time: held events must not be overtaken by a later one while they go out.
        self.lock = asyncio.Lock()

    async def emit(self, envelope: dict[str, Any], rooms: Iterable[str]) -> None:
        key = tuple(sorted(rooms))
        if envelope["type"] not in BURSTY:
            async with self.lock:
                await self._send_held()
                await self.sio.emit("event", envelope, to=list(key))
            return
        now = asyncio.get_running_loop().time()
        if not self.held and now - self.last_sent.get(key, -self.tick) >= self.tick:
            # Nothing held and this audience quiet until now: no reason to wait. (With anything held, even for
            # another audience, it waits its turn: a person in both audiences gets them in recorded order.)
            self.last_sent[key] = now
            async with self.lock:
                await self.sio.emit("event", envelope, to=list(key))
            return
        if supersedes(envelope):
            self.held = [(k, e) for k, e in self.held if k != key or e["type"] != envelope["type"]]
        self.held.append((key, envelope))
        if self.timer is None:
            due = max(0.0, self.last_sent.get(key, now) + self.tick - now)
            self.timer = asyncio.get_running_loop().call_later(due, self._flush_later)

    def _flush_later(self) -> None:
        self.timer = None
        self.flushing = asyncio.create_task(self.flush())

    async def flush(self) -> None:
        """Sends everything held, now."""
        async with self.lock:
            await self._send_held()

    async def _send_held(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        held, self.held = self.held, []
        now = asyncio.get_running_loop().time()
        # In recorded order: each run of events for one audience as one message. A ballot's tick is then the
        # voters' own parts, one small message each, and one count for the room.
        runs: list[tuple[tuple[str, ...], list[dict[str, Any]]]] = []
        for key, envelope in held:
            if runs and runs[-1][0] == key:
                runs[-1][1].append(envelope)
            else:
                runs.append((key, [envelope]))
        for key, envelopes in runs:
            self.last_sent[key] = now
            if len(envelopes) == 1:
                await self.sio.emit("event", envelopes[0], to=list(key))
            else:
                await self.sio.emit("events", envelopes, to=list(key))
        # Audiences quiet for a tick need no memory of their last send.
        for key in [k for k, at in self.last_sent.items() if now - at > self.tick]:
            del self.last_sent[key]
