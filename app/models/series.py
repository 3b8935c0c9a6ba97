"""A series of meetings: one format, a coordinator, a schedule in a time zone, shared context, updates between meetings."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.meeting import Language


class Series(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=36)
    # The organiser who made it: only they see it (others get 404).
    organiser_id: str = Field(index=True, max_length=36)
    name: str = Field(max_length=200)
    # A format id (app/formats); every meeting of the series runs it.
    format: str = Field(max_length=40)
    language: Language = Language.en
    coordinator_name: str = Field(max_length=80)
    coordinator_email: str = Field(max_length=254)
    # IANA time zone the schedule's wall-clock times are in (app/rules/recurrence.py).
    time_zone: str = Field(max_length=64)
    # RFC 5545 RRULE text, e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU".
    rule: str = Field(max_length=300)
    # The first meeting's local wall-clock start, kept as text ("2026-10-13T14:00") so that no database or driver
    # turns it into an instant: it is a time on the wall in `time_zone`, not a moment.
    start_local: str = Field(max_length=16)
    duration_minutes: int = 90
    # What every meeting of the series shares: the purpose, the families' situation in general words, agreements.
    context: str = Field(default="", sa_type=Text)
    # Send the updates posted between meetings as a digest by e-mail to the roster's contacts.
    digest_by_mail: bool = True
    created_at: datetime


class SeriesMeeting(SQLModel, table=True):
    """A meeting of a series, at one occurrence of its schedule."""

    __tablename__ = "series_meeting"
    __table_args__ = (UniqueConstraint("series_id", "starts_at"),)

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True, max_length=36)
    series_id: str = Field(foreign_key="series.id", index=True, max_length=36)
    number: int
    starts_at: datetime
    created_at: datetime
    # The roster presence last announced to the console (JSON list of present entry ids): a change is announced once.
    roster_presence: str | None = Field(default=None, sa_type=Text)


class UpdateAuthor(StrEnum):
    coordinator = "coordinator"
    member = "member"


class SeriesUpdate(SQLModel, table=True):
    """A short update between meetings, by the coordinator or an invited member."""

    __tablename__ = "series_update"

    id: str = Field(primary_key=True, max_length=36)
    series_id: str = Field(foreign_key="series.id", index=True, max_length=36)
    author: UpdateAuthor
    author_name: str = Field(max_length=80)
    # The invitation of the member who posted it (none for the coordinator).
    invitation_id: str | None = Field(default=None, max_length=36)
    text: str = Field(max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    created_at: datetime
    # When it went out in an e-mail digest (None: not yet; every update goes out once).
    digested_at: datetime | None = Field(default=None, index=True)
