"""People in a meeting (moderators and participants) and their live connections."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel


class Role(StrEnum):
    moderator = "moderator"
    participant = "participant"


class Participant(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    role: Role
    # The role the meeting's format gives this person (app/formats/definition.py: RoleDef.id); none: the base role's.
    format_role: str | None = Field(default=None, max_length=40)
    display_name: str = Field(max_length=80)
    organisation: str | None = Field(default=None, max_length=120)
    keynote: bool = False
    token_hash: str = Field(unique=True, index=True, max_length=64)
    joined_at: datetime
    removed_at: datetime | None = None
    # Counts turns at the floor: the fairness rule puts people with none first.
    spoken_count: int = 0
    # Total time at the floor: the least-time rule puts people with the least first.
    spoken_seconds: float = 0.0
    online: bool = False
    # When the last connection closed; a raised hand is kept for the grace period after it.
    offline_since: datetime | None = None
    # Set when presence changed and the timer has not announced it yet.
    presence_pending: bool = Field(default=False, index=True)
    # The hash of the device cookie the person joined with: a removal bans the device too.
    device_hash: str | None = Field(default=None, index=True, max_length=64)
    # Removed and not let back in: the same device (or name) cannot join the meeting again.
    banned: bool = False
    # The person erased their data: the row stays only as an anonymous id (proof-of-consent counts refer to it).
    erased_at: datetime | None = None


class Connection(SQLModel, table=True):
    """One open socket. Rows of a process are cleared when it starts again."""

    sid: str = Field(primary_key=True, max_length=64)
    participant_id: str = Field(foreign_key="participant.id", index=True, max_length=36)
    meeting_id: str = Field(index=True, max_length=36)
    node_id: str = Field(index=True, max_length=64)
    connected_at: datetime
