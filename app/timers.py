"""The timer loop: deadlines live in the database; this loop only looks at them and acts when one has passed.

Every process runs it; each tick is one transaction, so a deadline is acted on once.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from app.db import UnitOfWork
from app.edge import Edge
from app.services import boards, breakout_timers, consent, followups, forms, hands, participants, privacy, questions, turn_timers

log = logging.getLogger(__name__)

Tick = Callable[[UnitOfWork], Awaitable[None]]

TICKS: list[Tick] = [participants.announce_presence, hands.expire_hands_of_absent, breakout_timers.tick, turn_timers.tick, questions.release_due, boards.release_due, consent.decide_overdue, forms.tick, privacy.erase_expired, followups.tick]


async def run(edge: Edge, interval: float, stopping: asyncio.Event, ticks: list[Tick] = TICKS) -> None:
    """Tick until `stopping` is set. A tick is never cut short: cancelling one between its commit and its
    emit would lose the event for everyone connected to other processes."""
    while not stopping.is_set():
        await tick_once(edge, ticks)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), interval)


async def tick_once(edge: Edge, ticks: list[Tick] = TICKS) -> None:
    for tick in ticks:
        try:
            await edge.apply(tick)
        except Exception:
            log.exception("timer %s failed", tick.__qualname__)
