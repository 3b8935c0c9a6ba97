"""Raised hands: at most one per person and meeting."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Hand(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id"),)

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    participant_id: str = Field(foreign_key="participant.id", max_length=36)
    note: str | None = Field(default=None, max_length=140)
    raised_at: datetime
    # The meeting version when raised: a strictly increasing tie-breaker for first come, first served.
    seq: int
