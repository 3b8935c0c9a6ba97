"""Recordings registered by a recording service, and the outbox of webhook events about them."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class Recording(SQLModel, table=True):
    __tablename__ = "recording"

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    # The recording service that registered it: the hash of its token (which also picks the webhook secret).
    service: str = Field(index=True, max_length=64)
    external_id: str = Field(max_length=200)
    callback_url: str | None = Field(default=None, max_length=2000)
    status: str = Field(max_length=32)
    started_at: datetime
    stopped_at: datetime | None = None
    decided_at: datetime | None = None
    deleted_at: datetime | None = None
    # Cleared when the recording is deleted: only what the audit needs stays.
    media_size: int | None = None
    media_sha256: str | None = Field(default=None, max_length=64)
    media_content_type: str | None = Field(default=None, max_length=200)


class RecordingEvent(SQLModel, table=True):
    """A webhook event: kept until delivered (and afterwards, as the polling feed)."""

    __tablename__ = "recording_event"

    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(unique=True, max_length=36)
    type: str = Field(max_length=32)
    recording_id: str = Field(foreign_key="recording.id", index=True, max_length=36)
    meeting_id: str = Field(max_length=36)
    service: str = Field(index=True, max_length=64)
    callback_url: str | None = Field(default=None, max_length=2000)
    occurred_at: datetime
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, index=True)
    delivered_at: datetime | None = None
    last_error: str | None = Field(default=None, max_length=200)
