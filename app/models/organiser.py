"""Organisers (one key each), the meetings they share with each other, meetings' topic tags, and an
organiser's own moderator seat in a meeting (what the desk's "open console" signs in as)."""

from datetime import datetime

from sqlmodel import Field, SQLModel

# The organiser behind the bootstrap key (ROUNDTABLE_ORGANISER_KEY or <data dir>/organiser.key). Its row is made by
# the migration, has no key hash (the key is compared with the setting) and owns the meetings made before there
# were several organisers.
BOOTSTRAP_ORGANISER_ID = "bootstrap"


class Organiser(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=80)
    # sha256 of the key, as participants' tokens are kept; None for the bootstrap organiser.
    key_hash: str | None = Field(default=None, unique=True, index=True, max_length=64)
    created_at: datetime
    revoked_at: datetime | None = None


class MeetingShare(SQLModel, table=True):
    """The meeting's organiser let another organiser see and run it from their desk."""

    __tablename__ = "meeting_share"

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True, max_length=36)
    organiser_id: str = Field(foreign_key="organiser.id", primary_key=True, index=True, max_length=36)
    shared_at: datetime


class MeetingTag(SQLModel, table=True):
    """A topic tag of a meeting, kept case-folded so that search and uniqueness ignore case."""

    __tablename__ = "meeting_tag"

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True, max_length=36)
    tag: str = Field(primary_key=True, index=True, max_length=40)


class OrganiserSeat(SQLModel, table=True):
    """The moderator an organiser signs in as when opening a meeting's console from the desk.

    No foreign key to the participant: erasing a meeting deletes its people and its seats in one go."""

    __tablename__ = "organiser_seat"

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True, max_length=36)
    organiser_id: str = Field(foreign_key="organiser.id", primary_key=True, max_length=36)
    participant_id: str = Field(max_length=36)
