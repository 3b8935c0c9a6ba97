"""Consent: the meeting's consent state, proof of consent, who was present while recording ran, and the audit.

Privacy votes are never stored: a `private` or `keep_private` vote ends its ballot at once, so the
database cannot tell who cast it. Only the outcome is kept, in an audit entry without a voter; the
`record`/`share` answers given before are deleted then and only their counts are kept.
"""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Consent(SQLModel, table=True):
    __tablename__ = "consent"

    meeting_id: str = Field(primary_key=True, foreign_key="meeting.id", max_length=36)
    state: str = Field(max_length=32)
    ballot_phase: str | None = Field(default=None, max_length=16)
    ballot_opened_at: datetime | None = None
    updated_at: datetime
    # How many answered `record` and `share`: kept when the answers themselves are dropped (privacy).
    record_answers: int = 0
    share_answers: int = 0
    # The open opening ballot's count (rule.counted): who is asked and how many of them answered `record`,
    # kept so that a vote reads two numbers instead of everyone present and every answer. 0 when none is open.
    ballot_asked: int = 0
    ballot_voted: int = 0
    # Set when the meeting ends with a recording nobody has decided on: the timer deletes it then, as if
    # someone had asked for privacy (UNDECIDED_RECORDING_DAYS).
    decision_due_at: datetime | None = Field(default=None, index=True)


class ConsentVote(SQLModel, table=True):
    """Proof of consent: who said `record` or `share`, and when."""

    __tablename__ = "consent_vote"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id", "choice"),)

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    participant_id: str = Field(foreign_key="participant.id", max_length=36)
    # "record" or "share"
    choice: str = Field(max_length=16)
    # "opening", "late" (a late joiner's answer) or "closing"
    asked_in: str = Field(max_length=16)
    cast_at: datetime


class ConsentAsked(SQLModel, table=True):
    """Someone asked in the open opening ballot (present when it opened or arrived while it was open).

    Kept only while that ballot is open: the count it gives never moves when people leave.
    """

    __tablename__ = "consent_asked"

    meeting_id: str = Field(primary_key=True, foreign_key="meeting.id", max_length=36)
    participant_id: str = Field(primary_key=True, foreign_key="participant.id", max_length=36)


class ConsentWitness(SQLModel, table=True):
    """Someone present at some moment while a recording ran: a voter in the closing ballot."""

    __tablename__ = "consent_witness"

    meeting_id: str = Field(primary_key=True, foreign_key="meeting.id", max_length=36)
    participant_id: str = Field(primary_key=True, foreign_key="participant.id", max_length=36)
    since: datetime


class ConsentAudit(SQLModel, table=True):
    """What was decided and why, never by whom."""

    __tablename__ = "consent_audit"

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    at: datetime
    # "ballot_opened", "recording_allowed", "private", "shared", "recording_deleted", ...
    action: str = Field(max_length=32)
    reason: str | None = Field(default=None, max_length=32)
    recording_id: str | None = Field(default=None, max_length=36)
