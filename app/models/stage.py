"""Guided stages of a meeting's format, the turn order, the floor history and follow-up items."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class TurnStatus(StrEnum):
    pending = "pending"
    current = "current"
    done = "done"
    passed = "passed"


class MeetingStage(SQLModel, table=True):
    """The stage a meeting is in; no row means the first stage of its format."""

    __tablename__ = "meeting_stage"

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True, max_length=36)
    # A stage id of the meeting's format.
    stage: str = Field(max_length=40)
    entered_at: datetime


class Turn(SQLModel, table=True):
    """A person's place in the turn order of one turn-taking stage."""

    __table_args__ = (UniqueConstraint("meeting_id", "stage", "participant_id"),)

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    stage: str = Field(max_length=40)
    participant_id: str = Field(foreign_key="participant.id", max_length=36)
    position: int
    status: TurnStatus = TurnStatus.pending
    question_id: str | None = Field(default=None, max_length=36)
    started_at: datetime | None = None
    ended_at: datetime | None = None
    # The turn's time box, when the meeting gives one (app/rules/time_box.py): stored deadlines the timer acts on.
    deadline: datetime | None = None
    warn_at: datetime | None = None
    warned_at: datetime | None = None
    time_up_at: datetime | None = None


class FloorTurn(SQLModel, table=True):
    """One time someone had the floor, for the meeting's summary."""

    __tablename__ = "floor_turn"

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    participant_id: str = Field(foreign_key="participant.id", max_length=36)
    # The question on the table while they spoke: what the contribution answered.
    question_id: str | None = Field(default=None, max_length=36)
    started_at: datetime
    ended_at: datetime | None = None


class FollowUpKind(StrEnum):
    webinar = "webinar"
    publication = "publication"
    action = "action"
    other = "other"


class FollowUpStatus(StrEnum):
    open = "open"
    in_progress = "in_progress"
    done = "done"
    dropped = "dropped"


# Still to do: carried to the next meeting of a series, and flagged when overdue.
OPEN_FOLLOW_UP = (FollowUpStatus.open, FollowUpStatus.in_progress)


class ReviewOutcome(StrEnum):
    """What the group said of an item carried over from the previous meeting."""

    done = "done"
    still_open = "still_open"
    dropped = "dropped"


class FollowUp(SQLModel, table=True):
    """What the session leads to: a webinar, a publication, an action (what, who, by when)."""

    __tablename__ = "follow_up"

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    text: str = Field(max_length=500)
    created_at: datetime
    created_by: str = Field(max_length=36)
    kind: FollowUpKind = FollowUpKind.action
    status: FollowUpStatus = FollowUpStatus.open
    # Who carries it out, as written ("Kolding municipality, Anna"); optionally a participant of the meeting.
    owner: str | None = Field(default=None, max_length=120)
    owner_participant_id: str | None = Field(default=None, max_length=36)
    # The due date as given, and the moment it passes (the end of that day in the series' time zone, else UTC).
    due_on: date | None = None
    due_at: datetime | None = Field(default=None, index=True)
    # Set once by the timer when the due moment passed while the item was still open (the owner is told once).
    overdue_at: datetime | None = None
    updated_at: datetime | None = None
    # Where it came from: a chat message or a board card of this meeting.
    from_message_id: str | None = Field(default=None, max_length=36)
    from_card_id: str | None = Field(default=None, max_length=36)
    # Carried over from the previous meeting of the series, to review: done, still open or dropped.
    carried_from_id: str | None = Field(default=None, max_length=36)
    review: ReviewOutcome | None = None
    reviewed_at: datetime | None = None


class SummaryName(SQLModel, table=True):
    """A person's opt-in to be named in the meeting's summary; without a row, only their organisation is counted."""

    __tablename__ = "summary_name"

    participant_id: str = Field(foreign_key="participant.id", primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    share: bool = False
