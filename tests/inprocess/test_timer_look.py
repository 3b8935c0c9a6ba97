"""The timer loop looks before it writes (app/timers.py): one read asks every timer whether what it acts on is there,
and only a timer that found something opens a transaction. A round with nothing due takes no writer; a look that
fails lets every timer act, as before there was a look."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import false
from sqlmodel import select

from app import timers
from app.db import UnitOfWork
from app.models import Meeting
from tests.harness import Harness


@contextmanager
def writers(h: Harness) -> Iterator[list[str]]:
    """The write transactions begun meanwhile (SQLite: `BEGIN IMMEDIATE`, app/db.py)."""
    begun: list[str] = []

    def noted(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("BEGIN IMMEDIATE"):
            begun.append(statement)

    engine = h.db.engine.sync_engine
    sa_event.listen(engine, "before_cursor_execute", noted)
    try:
        yield begun
    finally:
        sa_event.remove(engine, "before_cursor_execute", noted)


async def test_a_round_with_nothing_due_begins_no_write_and_a_due_timer_acts_alone(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo")
    await h.tick()  # the arrivals announced
    with writers(h) as begun:
        for _ in range(3):
            await timers.tick_once(h.edge)
    assert begun == []

    watching = h.socket(meeting.moderator)
    watching.clear()
    await h.disconnect(h.socket(people["Anna"]))
    with writers(h) as begun:
        await timers.tick_once(h.edge)
    # Only the presence timer had something to do: one transaction, and everyone is told.
    assert len(begun) == 1
    [away] = watching.of("participant.presence_changed")
    assert away["data"]["changes"] == [{"participant_id": people["Anna"].id, "online": False}]


def nothing(_now: datetime) -> list[Any]:
    return [select(Meeting.id).where(false())]


def broken(_now: datetime) -> list[Any]:
    raise RuntimeError("the look could not be built")


async def test_a_timer_that_finds_nothing_does_not_act_and_a_failed_look_lets_every_timer_act(h: Harness) -> None:
    await h.meeting("Anna")
    acted: list[str] = []

    def acting(name: str) -> timers.Tick:
        async def act(_uow: UnitOfWork) -> None:
            acted.append(name)

        return act

    def everything(_now: datetime) -> list[Any]:
        return [select(Meeting.id)]

    await timers.tick_once(h.edge, [timers.Timer(acting("idle"), nothing), timers.Timer(acting("busy"), everything)])
    assert acted == ["busy"]

    acted.clear()
    await timers.tick_once(h.edge, [timers.Timer(acting("idle"), nothing), timers.Timer(acting("unlooked"), broken)])
    assert acted == ["idle", "unlooked"]


async def test_every_configured_timer_can_look_and_finds_nothing_in_a_quiet_meeting(h: Harness) -> None:
    await h.meeting("Anna", "Bo")
    await h.tick()
    every = timers.configured(h.settings)
    assert len(every) == len(timers.TIMERS) + 2
    assert await h.read(lambda uow: timers.due(uow, every)) == []
