"""A form's window as time passes, and when anonymous answers may be shown: pure rules, no I/O.

A form is a draft until it has an opening time; it is open from `opens_at` until its deadline (or until a
moderator closes it); the timer announces it once when it opens, reminds once at `reminder_at`, and closes
it once at the deadline. Each of these is a stored time and a stored "done" time (app/models/form.py), so a
restarted server acts on what came due while it was down, and never twice.

Anonymous answers are released in batches (`release`): nothing is shown until at least `MIN_BATCH` answers
exist, and then only in groups of at least `MIN_BATCH`, so that no change in a count or a new text can be
tied to the one person who answered just then (docs/privacy.md). At the close whatever waits is released,
provided the form has `MIN_BATCH` answers in all.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MIN_BATCH = 3


class FormState(StrEnum):
    draft = "draft"
    scheduled = "scheduled"
    open = "open"
    closed = "closed"


@dataclass(frozen=True)
class Window:
    opens_at: datetime | None
    deadline: datetime
    reminder_at: datetime | None = None
    closed_at: datetime | None = None
    opened_notified_at: datetime | None = None
    reminded_at: datetime | None = None


def state(window: Window, *, now: datetime) -> FormState:
    if window.closed_at is not None or now >= window.deadline:
        return FormState.closed
    if window.opens_at is None:
        return FormState.draft
    if now < window.opens_at:
        return FormState.scheduled
    return FormState.open


class Due(StrEnum):
    close = "close"
    announce = "announce"
    remind = "remind"


def due(window: Window, *, now: datetime) -> list[Due]:
    """What the timer must do now, in order. A form that comes due while the server was down is closed
    without a late announcement or reminder: nobody can answer it any more."""
    if window.closed_at is not None:
        return []
    if now >= window.deadline:
        return [Due.close]
    if window.opens_at is None or now < window.opens_at:
        return []
    actions = []
    if window.opened_notified_at is None:
        actions.append(Due.announce)
    if window.reminder_at is not None and window.reminded_at is None and now >= window.reminder_at:
        actions.append(Due.remind)
    return actions


def check_times(*, opens_at: datetime | None, deadline: datetime, reminder_at: datetime | None) -> str | None:
    """What is wrong with a form's times, or None."""
    if opens_at is not None and deadline <= opens_at:
        return "The deadline must come after the opening time."
    if reminder_at is not None:
        if reminder_at >= deadline:
            return "The reminder must come before the deadline."
        if opens_at is not None and reminder_at <= opens_at:
            return "The reminder must come after the opening time."
    return None


def release(*, waiting: int, released: int, closed: bool) -> bool:
    """Whether the anonymous answers waiting now join the results."""
    if waiting == 0:
        return False
    if waiting >= MIN_BATCH:
        return True
    return closed and waiting + released >= MIN_BATCH


def shown(*, anonymous: bool, count: int) -> bool:
    """Whether a form's results may be shown at all."""
    return not anonymous or count >= MIN_BATCH


# Audiences ------------------------------------------------------------------------------------------

AUDIENCE = re.compile(r"^(everyone|role:[a-z][a-z0-9_]{0,39}|person:[A-Za-z0-9-]{1,36})$")


class AudienceKind(StrEnum):
    everyone = "everyone"
    role = "role"
    person = "person"


@dataclass(frozen=True)
class Audience:
    kind: AudienceKind
    value: str = ""

    def __str__(self) -> str:
        return self.kind.value if self.kind == AudienceKind.everyone else f"{self.kind.value}:{self.value}"


def parse_audience(text: str) -> Audience:
    """`everyone`, `role:<role id>` or `person:<participant id>`; a ValueError for anything else."""
    if not isinstance(text, str) or not AUDIENCE.match(text):
        raise ValueError("The audience is 'everyone', 'role:<role id>' or 'person:<participant id>'.")
    kind, _, value = text.partition(":")
    return Audience(AudienceKind(kind), value)
