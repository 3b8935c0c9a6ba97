"""Breakouts and thinking breaks: a timer whose deadline lives here, with rooms or without."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class BreakoutKind(StrEnum):
    rooms = "rooms"
    # The same timer without rooms: "two minutes to think about what you can offer".
    thinking = "thinking"


class Assignment(StrEnum):
    manual = "manual"
    random = "random"
    choose = "choose"


class BreakoutEndReason(StrEnum):
    deadline = "deadline"
    ended_by_moderator = "ended_by_moderator"


class Breakout(SQLModel, table=True):
    __table_args__ = (Index("ix_breakout_open_deadline", "ended_at", "deadline"),)

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    kind: BreakoutKind
    assignment: Assignment | None = None
    prompt: str | None = Field(default=None, max_length=500)
    started_at: datetime
    deadline: datetime
    # When everyone is warned; None for breaks too short to need a warning.
    warn_at: datetime | None = None
    warned_at: datetime | None = None
    ended_at: datetime | None = None
    end_reason: BreakoutEndReason | None = None


class BreakoutRoom(SQLModel, table=True):
    __tablename__ = "breakout_room"

    id: str = Field(primary_key=True, max_length=36)
    breakout_id: str = Field(foreign_key="breakout.id", index=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", max_length=36)
    name: str = Field(max_length=80)
    position: int


class BreakoutMember(SQLModel, table=True):
    """Who is in which room of a breakout; one row per person and breakout."""

    __tablename__ = "breakout_member"

    breakout_id: str = Field(foreign_key="breakout.id", primary_key=True, max_length=36)
    participant_id: str = Field(foreign_key="participant.id", primary_key=True, index=True, max_length=36)
    room_id: str = Field(foreign_key="breakout_room.id", index=True, max_length=36)
