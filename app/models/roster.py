"""Who must be at the table: a series' roster of organisations, their contact people, and their invitations."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.meeting import Language


class RosterKind(StrEnum):
    municipality = "municipality"
    school = "school"
    health = "health"
    police_ssp = "police_ssp"
    parents = "parents"
    organisation = "organisation"
    other = "other"


class RosterEntry(SQLModel, table=True):
    """An organisation or authority expected at every meeting of the series."""

    __tablename__ = "roster_entry"

    id: str = Field(primary_key=True, max_length=36)
    series_id: str = Field(foreign_key="series.id", index=True, max_length=36)
    name: str = Field(max_length=120)
    kind: RosterKind = RosterKind.organisation
    # The console flags a required entry nobody represents.
    required: bool = True
    position: int = 0


class RosterContact(SQLModel, table=True):
    """A person invited for an entry of the roster."""

    __tablename__ = "roster_contact"

    id: str = Field(primary_key=True, max_length=36)
    entry_id: str = Field(foreign_key="roster_entry.id", index=True, max_length=36)
    series_id: str = Field(foreign_key="series.id", index=True, max_length=36)
    name: str = Field(max_length=80)
    email: str = Field(max_length=254)
    language: Language = Language.en
    # A role of the series' format the person joins with (e.g. "parent"); none: the format's default.
    role: str | None = Field(default=None, max_length=40)


class InvitationAnswer(StrEnum):
    yes = "yes"
    no = "no"
    maybe = "maybe"


class Invitation(SQLModel, table=True):
    """One contact person's personal invitation to one meeting of the series."""

    __table_args__ = (UniqueConstraint("meeting_id", "contact_id"),)

    id: str = Field(primary_key=True, max_length=36)
    series_id: str = Field(foreign_key="series.id", index=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    contact_id: str = Field(foreign_key="roster_contact.id", index=True, max_length=36)
    # The personal link's secret. Kept as it is (like a meeting's invite code), because the organiser copies the
    # link again when there is no mail server; it lets its holder join this one meeting as this contact.
    token: str = Field(unique=True, index=True, max_length=64)
    answer: InvitationAnswer | None = None
    answered_at: datetime | None = None
    created_at: datetime
    # When the invitation mail was queued (None: not mailed, only the link).
    mailed_at: datetime | None = None
    reminders: int = 0
    reminded_at: datetime | None = None
    # The participant who joined through this invitation (matched to the roster entry).
    participant_id: str | None = Field(default=None, max_length=36)
