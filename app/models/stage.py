"""Guided stages of a meeting's format, the turn order, the floor history and follow-up items."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Stage(StrEnum):
    preparation = "preparation"
    opening = "opening"
    keynotes = "keynotes"
    concluding_tour = "concluding_tour"
    rounds = "rounds"
    closing = "closing"


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


class FollowUp(SQLModel, table=True):
    """What the session leads to, recorded by a moderator: a webinar, a publication, a next meeting."""

    __tablename__ = "follow_up"

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    text: str = Field(max_length=500)
    created_at: datetime
    created_by: str = Field(max_length=36)


class SummaryName(SQLModel, table=True):
    """A person's opt-in to be named in the meeting's summary; without a row, only their organisation is counted."""

    __tablename__ = "summary_name"

    participant_id: str = Field(foreign_key="participant.id", primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    share: bool = False
