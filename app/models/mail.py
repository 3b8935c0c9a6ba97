"""E-mail: the addresses people gave, and the outbox of mails to send (docs/adr/0012-mail-outbox.md).

An address lives only in `mail_address` (one row per person who gave one, gone when they take it back or are
erased), never on the participant row: snapshots, summaries and exports read participant rows and so can never
carry it. Mails are written into `outgoing_mail` in the transaction of the change that causes them and sent
afterwards by the mail sender (app/adapters/mail_outbox.py), with retries, across restarts.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.models.meeting import Language


class MailKind(StrEnum):
    """What a mail is about; the templates (app/services/mail_texts.py) have one text per kind."""

    personal_link = "personal_link"  # your own link back into the meeting, sent when you give your address
    invitation = "invitation"
    form_opened = "form_opened"
    form_reminder = "form_reminder"
    follow_up_due = "follow_up_due"
    record_published = "record_published"
    digest = "digest"
    other = "other"


class MailStatus(StrEnum):
    """Where a mail stands, as the moderators' list shows it."""

    queued = "queued"  # waiting for its (next) attempt
    held = "held"  # not sent: no mail server is configured (ROUNDTABLE_SMTP_URL)
    sent = "sent"  # the mail server accepted it
    failed = "failed"  # refused for good (5xx) or out of attempts


class MailAddress(SQLModel, table=True):
    """The address one person gave, and the language they read mail in. Only moderators of the meeting and the
    person themselves ever see it."""

    __tablename__ = "mail_address"

    participant_id: str = Field(primary_key=True, foreign_key="participant.id", max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    address: str = Field(max_length=254)
    language: Language = Language.en
    given_at: datetime


class OutgoingMail(SQLModel, table=True):
    __tablename__ = "outgoing_mail"

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str | None = Field(default=None, foreign_key="meeting.id", index=True, max_length=36)
    # A series of meetings (its table is not this module's concern): kept as a plain id.
    series_id: str | None = Field(default=None, index=True, max_length=36)
    # The person it goes to, when they are a participant (their erasure deletes it).
    participant_id: str | None = Field(default=None, foreign_key="participant.id", index=True, max_length=36)
    recipient: str = Field(max_length=254)
    language: Language = Language.en
    kind: MailKind
    subject: str = Field(max_length=300)
    body_text: str
    body_html: str | None = None
    # [{"filename", "content_type", "content" (base64)}], e.g. a calendar's .ics.
    attachments: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # A link the organiser or moderators may hand over themselves when no mail server is configured (an invitation
    # they created). Never a participant's own link: that would let whoever reads it act as that person.
    shareable_link: str | None = Field(default=None, max_length=2000)
    # "Sent once": a second mail with the same key is not queued, across restarts and double scheduling.
    dedupe_key: str = Field(unique=True, max_length=200)
    created_at: datetime
    # Due time of the next attempt; while an attempt runs, the end of its lease (another sender leaves it alone).
    next_attempt_at: datetime | None = Field(default=None, index=True)
    attempts: int = 0
    sent_at: datetime | None = None
    failed_at: datetime | None = None
    last_error: str | None = Field(default=None, max_length=300)
