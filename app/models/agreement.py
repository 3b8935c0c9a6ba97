"""Acknowledgements of a format's agreement: each person's "I take part on these ground rules", with the time."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class AgreementAcknowledgement(SQLModel, table=True):
    __tablename__ = "agreement_acknowledgement"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id"),)

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    participant_id: str = Field(foreign_key="participant.id", max_length=36)
    acknowledged_at: datetime
