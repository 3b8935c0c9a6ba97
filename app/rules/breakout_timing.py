"""A breakout's deadline and its warning: when they fall, and what the timer must do at a given moment.

Everyone is warned once, `warn_before_s` before the deadline (a break no longer than that needs no
warning: its countdown is the warning). At the deadline the rooms close, even when the timer comes late
(after a restart): a warning that is due together with the close is not sent. Extending moves both; a
warning already sent about the old end is sent again before the new one.

The timer's query selects candidates coarsely (`deadline <= now` or `warn_at <= now`, a necessary
condition of `due`, see `could_be_due`); this rule decides.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum


class Due(StrEnum):
    warn = "warn"
    close = "close"


@dataclass(frozen=True)
class Timer:
    deadline: datetime
    # None: no warning for this breakout.
    warn_at: datetime | None
    # When the warning went out; None while it has not (or an extension asked for it again).
    warned_at: datetime | None = None


def schedule(*, start: datetime, duration_s: int, warn_before_s: int) -> Timer:
    deadline = start + timedelta(seconds=duration_s)
    warn_at = deadline - timedelta(seconds=warn_before_s) if 0 < warn_before_s < duration_s else None
    return Timer(deadline, warn_at)


def extend(timer: Timer, *, seconds: int, now: datetime) -> Timer:
    shift = timedelta(seconds=seconds)
    if timer.warn_at is None:
        return replace(timer, deadline=timer.deadline + shift)
    warn_at = timer.warn_at + shift
    # Warned about the old end: warn again before the new one.
    warned_at = None if warn_at > now else timer.warned_at
    return Timer(timer.deadline + shift, warn_at, warned_at)


def due(timer: Timer, *, now: datetime) -> Due | None:
    """What the timer must do now: close at or after the deadline; warn once from `warn_at` until then."""
    if timer.deadline <= now:
        return Due.close
    if timer.warn_at is not None and timer.warn_at <= now and timer.warned_at is None:
        return Due.warn
    return None


def could_be_due(timer: Timer, *, now: datetime) -> bool:
    """The coarse test the timer's SQL query makes (see breakout_timers.tick); `due` implies it."""
    return timer.deadline <= now or (timer.warn_at is not None and timer.warn_at <= now)


def warned(timer: Timer, *, now: datetime) -> Timer:
    return replace(timer, warned_at=now)


def seconds_left(timer: Timer, *, now: datetime) -> float:
    """As the warning tells it: to the millisecond."""
    return round((timer.deadline - now).total_seconds(), 3)
