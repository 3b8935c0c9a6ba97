"""A turn's time box as time passes: the timer warns once before the end and acts once at zero.

The deadlines are columns of the turn (set when the turn starts, app/services/stages.py). Like a breakout's,
each warning and each zero is acted on in the transaction that records it, so a restart carries on with the
same deadline, and a timer that comes back after it acts at once. When they are due is the rule of
app/rules/breakout_timing.py (through app/rules/time_box.py); the query only narrows the candidates.
"""

from datetime import datetime

from sqlalchemy import or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.db import UnitOfWork
from app.models import MeetingStatus, Turn, TurnStatus
from app.rules import breakout_timing
from app.services import stages


def timer_of(turn: Turn) -> breakout_timing.Timer | None:
    if turn.deadline is None or turn.time_up_at is not None:
        return None
    return breakout_timing.Timer(turn.deadline, turn.warn_at, turn.warned_at)


def looks_for(now: datetime) -> list[SelectOfScalar[Turn]]:
    """What `tick` looks for: current turns past their warning time or their deadline, not yet acted on at zero."""
    return [
        select(Turn).where(
            Turn.status == TurnStatus.current,
            col(Turn.time_up_at).is_(None),
            or_(col(Turn.deadline) <= now, col(Turn.warn_at) <= now),
        )
    ]


async def tick(uow: UnitOfWork) -> None:
    """Timer: warn once when the warning time has come; at zero, stop the countdown and do what the moderator chose."""
    now = uow.now
    candidates = (await uow.session.exec(looks_for(now)[0])).all()
    due = sorted({(t.meeting_id, t.id) for t in candidates if (timer := timer_of(t)) is not None and breakout_timing.due(timer, now=now)})
    for meeting_id, turn_id in due:
        # The meeting first, then its rows: the lock order of every command.
        meeting = await uow.lock_meeting(meeting_id)
        turn = await uow.session.get(Turn, turn_id)
        assert turn is not None
        # Another process may have acted between the query and the lock.
        await uow.session.refresh(turn)
        timer = timer_of(turn)
        if turn.status != TurnStatus.current or timer is None or meeting.status != MeetingStatus.live:
            continue
        action = breakout_timing.due(timer, now=now)
        if action == breakout_timing.Due.close:
            await stages.time_box_up(uow, meeting=meeting, turn=turn)
        elif action == breakout_timing.Due.warn:
            await stages.time_box_warned(uow, meeting=meeting, turn=turn, seconds_left=breakout_timing.seconds_left(timer, now=now))
