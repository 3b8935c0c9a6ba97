"""A turn's time box: when it ends, when everyone is warned, and what may happen at zero.

A keynote's short presentation or a Tour de table question can be given a time box. Its deadline and its
one warning follow the breakout rule (app/rules/breakout_timing.py), so "warned once, never early, acted on at
the first tick at or after the deadline" is written once. The warning comes a quarter of the box before the
end, at most 30 seconds before it (a box shorter than 4 seconds has no warning: its countdown is the warning).
"""

from datetime import datetime
from enum import StrEnum

from app.rules import breakout_timing

MAX_SECONDS = 3600
WARN_AT_MOST_S = 30


class TimeBoxAction(StrEnum):
    """What the moderator chose to happen at zero."""

    nothing = "nothing"
    notice = "notice"
    end_turn = "end_turn"


def warn_before(duration_s: int) -> int:
    return min(WARN_AT_MOST_S, duration_s // 4)


def schedule(*, start: datetime, duration_s: int) -> breakout_timing.Timer:
    return breakout_timing.schedule(start=start, duration_s=duration_s, warn_before_s=warn_before(duration_s))
