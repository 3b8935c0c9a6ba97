"""How long a bursty event may be held for its audience (app/realtime/coalesce.py, docs/adr/0030-what-a-broadcast-costs.md):
four times what the last message to that audience took to send, at least a tick, at most eight.

The coalescer runs here on a clock the test moves, with a stand-in for python-socketio's `emit` that takes as long
as the test says sending to that audience takes. What goes out, and when, is what a client would see.
"""

from types import SimpleNamespace
from typing import Any

from app.realtime.coalesce import LARGE_AUDIENCE, MAX_TICKS, TICK_SECONDS, Coalescer

ROOM = ["meeting:m1"]


START = 1000.0


class Clock:
    def __init__(self) -> None:
        self.at = START

    def __call__(self) -> float:
        return self.at


class Sender:
    """python-socketio's server as the coalescer uses it: `people` sockets in the room, and each message takes
    `seconds` of the clock to send."""

    def __init__(self, clock: Clock, seconds: float, people: int):
        self.clock = clock
        self.seconds = seconds
        self.sent: list[tuple[str, Any, list[str]]] = []
        self.manager = SimpleNamespace(rooms={"/": {ROOM[0]: {f"sid-{i}" for i in range(people)}}})

    async def emit(self, event: str, data: Any, to: list[str]) -> None:
        self.clock.at += self.seconds
        self.sent.append((event, data, to))

    def types(self) -> list[list[str]]:
        return [[e["type"] for e in data] if event == "events" else [data["type"]] for event, data, _ in self.sent]


def event(kind: str, version: int) -> dict[str, Any]:
    return {"type": kind, "version": version, "data": {}, "at": "2026-03-02T09:00:00Z"}


def coalescer(seconds: float, people: int = 1000) -> tuple[Coalescer, Sender, Clock]:
    clock = Clock()
    sender = Sender(clock, seconds, people)
    return Coalescer(sender, clock=clock), sender, clock  # type: ignore[arg-type]


async def record(c: Coalescer, clock: Clock, at: float, kind: str, version: int) -> None:
    """An event committed at `at` seconds after the clock's start goes to the coalescer, as the publisher sends it."""
    clock.at = START + at
    await c.emit(event(kind, version), ROOM)


async def settle(c: Coalescer, clock: Clock, at: float) -> None:
    """The clock moves to `at` and the coalescer's timer fires, as the loop would run it then."""
    clock.at = START + at
    if c.timer is not None:
        c.timer.cancel()
        c.timer = None
    await c._flush_due()
    if c.timer is not None:
        c.timer.cancel()
        c.timer = None


async def test_a_hand_raised_and_lowered_a_tenth_of_a_second_apart_both_go_at_once_when_sending_is_quick() -> None:
    # 15 ms to send to everyone (a meeting of 1,000 on a quiet machine): the next may follow after 60 ms.
    c, sender, clock = coalescer(0.015)
    await record(c, clock, 0, "hand.raised", 1)
    await record(c, clock, 0.1, "hand.lowered", 2)
    assert sender.types() == [["hand.raised"], ["hand.lowered"]]
    assert not c.held


async def test_an_audience_that_is_slow_to_send_to_gets_a_burst_together_after_four_times_that() -> None:
    # 80 ms to send (a large audience on a busy machine): the next may follow 320 ms after the last began.
    c, sender, clock = coalescer(0.08)
    for at, version in ((0, 1), (0.2, 2), (0.3, 3)):
        await record(c, clock, at, "hand.raised", version)
    assert sender.types() == [["hand.raised"]]
    await settle(c, clock, 0.31)
    assert sender.types() == [["hand.raised"]], "held until four times the cost has passed"
    await settle(c, clock, 0.32)
    assert sender.types() == [["hand.raised"], ["hand.raised", "hand.raised"]]
    assert [e["version"] for e in sender.sent[1][1]] == [2, 3]


async def test_a_quick_or_small_audience_is_held_for_one_tick_and_a_very_slow_one_for_eight_at_most() -> None:
    # (seconds a send takes, people in the room, when the second event comes, until when it is held)
    cases = [
        # A room of 1,000 quick to send to: one tick.
        (0.0001, 1000, 0.001, TICK_SECONDS),
        # A room of 1,000 taking 200 ms a send: four times that would be 800 ms; eight ticks at most.
        (0.2, 1000, 0.2, TICK_SECONDS * MAX_TICKS),
        # Fewer than LARGE_AUDIENCE whose send took 200 ms (a busy machine, or a send that waited for Redis while
        # other work ran): cheap whatever the clock says, so held one tick at most, which has passed.
        (0.2, LARGE_AUDIENCE - 1, 0.2, 0.2),
    ]
    for seconds, people, second_at, held_until in cases:
        c, sender, clock = coalescer(seconds, people)
        await record(c, clock, 0, "hand.raised", 1)
        await record(c, clock, second_at, "hand.lowered", 2)
        if held_until > second_at:
            await settle(c, clock, held_until - 0.01)
            assert len(sender.sent) == 1, f"sent too early: {people} people, {seconds} s a send"
            await settle(c, clock, held_until)
        assert sender.types() == [["hand.raised"], ["hand.lowered"]], f"{people} people, {seconds} s a send"


async def test_any_other_event_sends_what_is_held_first_and_what_it_cost_counts_for_the_next() -> None:
    c, sender, clock = coalescer(0.08)
    await record(c, clock, 0, "hand.raised", 1)
    await record(c, clock, 0.1, "hand.raised", 2)
    await record(c, clock, 0.1, "chat.sent", 3)
    assert sender.types() == [["hand.raised"], ["hand.raised"], ["chat.sent"]]
    # Sending became quick (the machine is quiet again): the chat line's 5 ms is what the next interval follows.
    sender.seconds = 0.005
    await record(c, clock, 0.27, "chat.sent", 4)
    await record(c, clock, 0.32, "hand.lowered", 5)
    assert sender.types()[-1] == ["hand.lowered"]
