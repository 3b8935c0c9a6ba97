"""Request and response bodies of the HTTP API."""

from datetime import datetime

from pydantic import BaseModel, EmailStr, Field

from app.clock import Timestamp
from app.events import ChatMessageView, QuestionView
from app.inputs import Input
from app.models import Language


class Body(Input):
    """A request body: unknown fields are refused, strings are trimmed (app/inputs.py)."""


class MeetingCreate(Body):
    title: str = Field(min_length=1, max_length=200)
    # A built-in format's id or one of the organiser's own (GET /api/v1/formats).
    format: str = Field(min_length=1, max_length=40)
    scheduled_for: datetime | None = None
    language: Language = Language.en
    moderator_name: str = Field(default="Moderator", min_length=1, max_length=80)
    # Days after the end when the meeting's personal data are deleted; the RETENTION_DAYS setting by default.
    retention_days: int | None = Field(default=None, ge=1, le=3650)
    # Topic tags for the organiser's desk (search); case-folded, at most 10 of 1–40 characters.
    tags: list[str] = Field(default_factory=list, max_length=10)


class MeetingLinks(BaseModel):
    console: str
    join: str


class MeetingCreated(BaseModel):
    id: str
    title: str
    format: str
    language: Language
    scheduled_for: Timestamp | None
    join_code: str
    moderator_token: str
    links: MeetingLinks
    retention_days: int
    tags: list[str] = []


class JoinRequest(Body):
    join_code: str = Field(min_length=1, max_length=32)
    display_name: str = Field(min_length=1, max_length=80)
    organisation: str | None = Field(default=None, max_length=120)
    # The code of a role link (`#role=` in the link): the person joins in that role of the format.
    role_code: str | None = Field(default=None, min_length=1, max_length=200)
    # Optional: to get one's own link, form openings and reminders by mail. Never shown to other participants.
    email: EmailStr | None = Field(default=None, max_length=254)
    # The language of those mails; the meeting's when not given.
    email_language: Language | None = None


class MailAddressGive(Body):
    email: EmailStr = Field(max_length=254)
    language: Language | None = None


class MailAddressView(BaseModel):
    email: str | None
    language: Language | None = None


class RoleLinkCreate(Body):
    role: str = Field(min_length=1, max_length=40)


class RoleLinkCreated(BaseModel):
    role: str
    code: str
    link: str


class Joined(BaseModel):
    meeting_id: str
    participant_id: str
    token: str


class ModeratorCreate(Body):
    display_name: str = Field(min_length=1, max_length=80)


class ModeratorCreated(BaseModel):
    participant_id: str
    token: str
    links: dict[str, str]


class MeetingSummary(BaseModel):
    id: str
    title: str
    format: str
    language: Language
    status: str
    scheduled_for: Timestamp | None
    started_at: Timestamp | None
    ended_at: Timestamp | None
    version: int
    participants: int
    online: int


class Invite(BaseModel):
    """What the invite link shows before joining: the meeting and its circulated keynote questions."""

    meeting_id: str
    title: str
    format: str
    # The format's name and description in its languages ({"en", "da", "ar"}).
    format_name: dict[str, str]
    format_description: dict[str, str] | None
    language: Language
    status: str
    scheduled_for: Timestamp | None
    circulated_questions: list[QuestionView]
    # Shown before joining: personal data are deleted this many days after the meeting ends.
    retention_days: int


class ChatPage(BaseModel):
    messages: list[ChatMessageView]
    has_more: bool
