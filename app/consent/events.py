"""consent.* events. They carry outcomes and counts, never who voted what."""

from typing import Literal

from app.clock import Timestamp
from app.events import Event, View


class BallotView(View):
    phase: Literal["opening", "closing"]
    eligible: int
    voted: int
    opened_at: Timestamp | None


class RecordingSummary(View):
    """The meeting's latest recording, as the room may know it."""

    status: str
    started_at: Timestamp
    stopped_at: Timestamp | None
    deleted_at: Timestamp | None


class ConsentView(View):
    state: str
    ballot: BallotView | None
    recording: RecordingSummary | None
    # How many recordings the meeting has had (deleted ones included).
    recordings: int


class PersonalView(View):
    """One person's own part: sent only to that person's sockets."""

    # The question this person is asked now: "opening", "closing", "late" (joined while recording was allowed) or None.
    question: Literal["opening", "closing", "late"] | None
    # The person's own consent on record: "share", "record" or None. A privacy vote is not kept, so never shown.
    my_vote: Literal["record", "share"] | None
    can_withdraw: bool


class ConsentChanged(Event):
    type = "consent.changed"
    state: str
    ballot: BallotView | None
    recording: RecordingSummary | None
    recordings: int


class ConsentPersonalChanged(Event):
    type = "consent.personal_changed"
    question: Literal["opening", "closing", "late"] | None
    my_vote: Literal["record", "share"] | None
    can_withdraw: bool
