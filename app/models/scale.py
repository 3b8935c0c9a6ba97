"""0–10 scaling: each person's answer (never shown with who gave it) and the result once revealed."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class ScaleAnswer(SQLModel, table=True):
    """One person's current answer to one scale. Read only to count, to show the person their own, and at reveal."""

    __tablename__ = "scale_answer"
    __table_args__ = (UniqueConstraint("meeting_id", "scale_id", "participant_id"),)

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    scale_id: str = Field(max_length=40)
    participant_id: str = Field(foreign_key="participant.id", max_length=36)
    value: int
    answered_at: datetime


class ScaleReveal(SQLModel, table=True):
    """A revealed scale: the spread as it was at reveal (counts per value 0–10, comma-separated) and its median.
    Kept so the result stays what the group saw, whatever happens to the answers later."""

    __tablename__ = "scale_reveal"

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True, max_length=36)
    scale_id: str = Field(primary_key=True, max_length=40)
    counts: str = Field(max_length=64)
    median: float
    answered: int
    revealed_at: datetime
