"""The take-home record of a meeting: whether and when it was released to the lead and published to everyone,
and what the moderator chose to put in it. The record's content is built when it is read (app/services/record.py)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class MeetingRecord(SQLModel, table=True):
    __tablename__ = "meeting_record"

    meeting_id: str = Field(primary_key=True, foreign_key="meeting.id", max_length=36)
    # Published to everyone in the meeting: none until the moderator does it.
    published_at: datetime | None = None
    # The moderator who published it (or released it to the lead), as a participant id.
    published_by: str | None = Field(default=None, max_length=36)
    # {"forms": [form ids whose results are in it], "include": {"boards", "resources", "followups": bool}}
    choices: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Given first to the roles with the right receive_record (the format's record_first_to_lead).
    lead_released_at: datetime | None = None
