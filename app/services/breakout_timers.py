"""A breakout's deadline and warning as time passes: the moderator extends, the timer warns and closes.

The deadline is a row in the database. The timer loop (`tick`) warns once and closes once, each in the
transaction that records it, so a restart carries on with the same deadline and one that comes back after
it closes the rooms at once. When the warning and the close are due is the rule in
app/rules/breakout_timing.py; the query here only narrows the candidates.
"""

from datetime import datetime

from sqlalchemy import or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from app import rooms
from app.db import UnitOfWork
from app.errors import InvalidInput
from app.events import BreakoutExtended, BreakoutWarned
from app.models import Breakout, BreakoutEndReason, Meeting, MeetingStatus
from app.rules import breakout_timing
from app.services import breakouts

MAX_EXTENSION_S = 3600


def timer_of(breakout: Breakout) -> breakout_timing.Timer:
    return breakout_timing.Timer(breakout.deadline, breakout.warn_at, breakout.warned_at)


def set_timer(breakout: Breakout, timer: breakout_timing.Timer) -> None:
    breakout.deadline, breakout.warn_at, breakout.warned_at = timer.deadline, timer.warn_at, timer.warned_at


async def extend(uow: UnitOfWork, *, meeting: Meeting, seconds: int) -> Breakout:
    breakouts.check_duration(seconds, limit=MAX_EXTENSION_S, what="extension")
    breakout = await breakouts.require_active(uow, meeting)
    if (breakout.deadline - breakout.started_at).total_seconds() + seconds > breakouts.MAX_DURATION_S:
        raise InvalidInput(f"A breakout lasts at most {breakouts.MAX_DURATION_S} seconds.")
    set_timer(breakout, breakout_timing.extend(timer_of(breakout), seconds=seconds, now=uow.now))
    await uow.change(
        meeting.id, BreakoutExtended(breakout_id=breakout.id, deadline=breakout.deadline, warn_at=breakout.warn_at), to=rooms.meeting(meeting.id)
    )
    return breakout


def looks_for(now: datetime) -> tuple[SelectOfScalar[Breakout], SelectOfScalar[str]]:
    """What `tick` looks for: running breakouts past their warning time or deadline (coarse:
    breakout_timing.could_be_due; the rule decides, before and again after the lock), and breakouts still running
    in a meeting that has ended."""
    passed = select(Breakout).where(
        Breakout.ended_at == None,  # noqa: E711
        or_(col(Breakout.deadline) <= now, col(Breakout.warn_at) <= now),
    )
    left_running = (
        select(Breakout.id)
        .join(Meeting, col(Meeting.id) == Breakout.meeting_id)
        .where(Breakout.ended_at == None, Meeting.status == MeetingStatus.ended)  # noqa: E711
    )
    return passed, left_running


async def tick(uow: UnitOfWork) -> None:
    """Timer: warn once when the warning time has come, close once at the deadline (at once after a late restart)."""
    now = uow.now
    passed, left_running = looks_for(now)
    candidates = (await uow.session.exec(passed)).all()
    due = [b.id for b in candidates if breakout_timing.due(timer_of(b), now=now) is not None]
    # A meeting that ended with a breakout running brings everyone back at once.
    ended = (await uow.session.exec(left_running)).all()
    for breakout_id in dict.fromkeys([*ended, *due]):
        breakout = await uow.session.get(Breakout, breakout_id)
        assert breakout is not None
        meeting = await uow.lock_meeting(breakout.meeting_id)
        # Another process may have acted between the query and the lock.
        await uow.session.refresh(breakout)
        if breakout.ended_at is not None:
            continue
        timer = timer_of(breakout)
        action = breakout_timing.due(timer, now=now)
        if meeting.status == MeetingStatus.ended:
            await breakouts.close(uow, meeting, breakout, BreakoutEndReason.ended_by_moderator)
        elif action == breakout_timing.Due.close:
            await breakouts.close(uow, meeting, breakout, BreakoutEndReason.deadline)
        elif action == breakout_timing.Due.warn:
            set_timer(breakout, breakout_timing.warned(timer, now=now))
            event = BreakoutWarned(breakout_id=breakout.id, deadline=breakout.deadline, seconds_left=breakout_timing.seconds_left(timer, now=now))
            await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))
