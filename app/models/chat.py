"""Chat messages: the meeting chat and, with a room, a breakout room's chat."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class ChatKind(StrEnum):
    message = "message"
    reflection = "reflection"
    question = "question"
    resource = "resource"


class ChatMessage(SQLModel, table=True):
    __tablename__ = "chat_message"
    __table_args__ = (
        Index("ix_chat_meeting_room_seq", "meeting_id", "room_id", "seq"),
        Index("ix_chat_author_time", "participant_id", "created_at"),
    )

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", max_length=36)
    room_id: str | None = Field(default=None, max_length=36)
    participant_id: str = Field(foreign_key="participant.id", max_length=36)
    kind: ChatKind
    text: str = Field(max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=200)
    created_at: datetime
    # The meeting version when sent: orders the chat and pages it.
    seq: int
    hidden_at: datetime | None = None
    hidden_by: str | None = Field(default=None, max_length=36)
