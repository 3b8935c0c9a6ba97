"""The timer loop: deadlines live in the database; this loop only looks at them and acts when one has passed.

Every process runs it; each tick is one transaction, so a deadline is acted on once.

Each round first asks every timer at once, in one read, whether what it looks for is there; only the timers that
found something get their transaction (docs/adr/0031-timers-look-before-they-write.md). A tick still decides for
itself: what a timer looks for may be coarser than what it acts on, never narrower.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.sql import Select

from app.config import Settings
from app.db import UnitOfWork
from app.edge import Edge
from app.services import (
    boards,
    breakout_timers,
    command_answers,
    consent,
    followups,
    forms,
    hands,
    invitations,
    participants,
    privacy,
    questions,
    turn_timers,
)

log = logging.getLogger(__name__)

Tick = Callable[[UnitOfWork], Awaitable[None]]


@dataclass(frozen=True)
class Timer:
    """A tick, and the statements whose rows it may act on at a given moment (the ones the tick runs itself)."""

    act: Tick
    looks_for: Callable[[datetime], Sequence[Select]]  # type: ignore[type-arg]


TIMERS: list[Timer] = [
    Timer(participants.announce_presence, participants.presence_waiting),
    Timer(hands.expire_hands_of_absent, hands.hands_of_absent),
    Timer(breakout_timers.tick, breakout_timers.looks_for),
    Timer(turn_timers.tick, turn_timers.looks_for),
    Timer(questions.release_due, questions.held_back_due),
    Timer(boards.release_due, boards.held_back_due),
    Timer(consent.decide_overdue, consent.decisions_overdue),
    Timer(forms.tick, forms.looks_for),
    Timer(privacy.erase_expired, privacy.retention_over),
    Timer(followups.tick, followups.newly_overdue),
]


def configured(settings: Settings) -> list[Timer]:
    """`TIMERS`, and the timers whose figures are settings: remembered command answers pruned by age, and series
    digests mailed once their oldest update has waited."""
    max_age = timedelta(hours=settings.command_answer_max_age_hours)
    digest_delay = timedelta(minutes=settings.series_digest_minutes)

    async def prune_answers(uow: UnitOfWork) -> None:
        await command_answers.prune(uow, max_age=max_age)

    async def series_digests(uow: UnitOfWork) -> None:
        await invitations.send_digests(uow, delay=digest_delay, base_url=settings.resolved_public_url)

    return [
        *TIMERS,
        Timer(prune_answers, lambda now: command_answers.too_old(now, max_age)),
        Timer(series_digests, lambda now: invitations.digests_due(now, digest_delay)),
    ]


async def run(edge: Edge, interval: float, stopping: asyncio.Event, timers: Sequence[Timer] = TIMERS) -> None:
    """Tick until `stopping` is set. A tick is never cut short: cancelling one between its commit and its
    emit would lose the event for everyone connected to other processes."""
    while not stopping.is_set():
        await tick_once(edge, timers)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), interval)


async def tick_once(edge: Edge, timers: Sequence[Timer] = TIMERS) -> None:
    try:
        found = await edge.read(lambda uow: due(uow, timers))
    except Exception:
        # Acting on time matters more than a round's empty transactions.
        log.exception("the timers' look failed; every timer runs this round")
        found = list(timers)
    for timer in found:
        try:
            await edge.apply(timer.act)
        except Exception:
            log.exception("timer %s failed", timer.act.__qualname__)


async def due(uow: UnitOfWork, timers: Sequence[Timer]) -> list[Timer]:
    """The timers whose statements find something now, asked in one statement (`EXISTS` for each)."""
    if not timers:
        return []
    checks = [or_(*(statement.exists() for statement in timer.looks_for(uow.now))).label(f"timer_{i}") for i, timer in enumerate(timers)]
    connection = await uow.session.connection()
    row = (await connection.execute(select(*checks))).one()
    return [timer for timer, found in zip(timers, row, strict=True) if found]
