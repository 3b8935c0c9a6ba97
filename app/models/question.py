"""Questions submitted to the meeting, and upvotes."""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel


class QuestionStatus(StrEnum):
    submitted = "submitted"
    approved = "approved"
    answered = "answered"
    dismissed = "dismissed"


class Question(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    # None when anonymous: the author is never stored, so nothing can reveal it.
    author_id: str | None = Field(default=None, max_length=36)
    anonymous: bool = False
    text: str = Field(max_length=1000)
    status: QuestionStatus = QuestionStatus.submitted
    keynote: bool = False
    circulated_at: datetime | None = None
    position: int = 0
    upvotes: int = 0
    created_at: datetime
    answered_at: datetime | None = None
    # An anonymous question is held back until this moment (a random delay drawn at submission) and then
    # released by the timer: its arrival must not follow its author's joining or any other act of theirs.
    # None once released (and always for a named question); `created_at` is then the release time.
    release_at: datetime | None = Field(default=None, index=True)
    # The chat message a moderator promoted into the queue (question.promote), if it came from the chat.
    promoted_from: str | None = Field(default=None, unique=True, index=True, max_length=36)


class QuestionUpvote(SQLModel, table=True):
    question_id: str = Field(foreign_key="question.id", primary_key=True, max_length=36)
    participant_id: str = Field(primary_key=True, max_length=36)
