"""Forms: a questionnaire of a meeting (or later of a series), its answers, and who has answered.

The tables of answers keep anonymity by their shape (docs/privacy.md, "Anonymous form answers"):
- `FormRespondent` says only that a person has answered a form: no id of its own, no time.
- An anonymous answer waits in `FormPendingAnswer` (no person, the day only) until the timer moves a batch
  of at least three, in a random order, into `FormAnswer` in a transaction of its own; a named answer goes
  to `FormAnswer` at once with its person and time.
- Every row's key is random and the SQLite tables are WITHOUT ROWID, so the file's order of rows follows
  the random keys, not the order people answered in.
"""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

WITHOUT_ROWID = {"sqlite_with_rowid": False}


class Form(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    # A form of a series of meetings (issue 12); none: the meeting's own.
    series_id: str | None = Field(default=None, index=True, max_length=36)
    # The built-in template it was made from (app/forms/templates/<id>.json); none: made from scratch.
    template: str | None = Field(default=None, max_length=40)
    # The meeting's own copy of the questions and the title, JSON of app/forms/definition.py: FormDef.
    definition: str = Field(sa_type=Text)
    # everyone | role:<role id of the format> | person:<participant id>
    audience: str = Field(max_length=80)
    anonymous: bool = False
    # None: a draft nobody sees yet.
    opens_at: datetime | None = Field(default=None, index=True)
    deadline: datetime = Field(index=True)
    reminder_at: datetime | None = Field(default=None, index=True)
    # Set by the timer when it announced the opening and sent the reminder: each happens once.
    opened_notified_at: datetime | None = None
    reminded_at: datetime | None = None
    created_at: datetime
    closed_at: datetime | None = Field(default=None, index=True)


class FormAnswer(SQLModel, table=True):
    """One person's answers to a form, as the results read them."""

    __tablename__ = "form_answer"
    __table_args__ = WITHOUT_ROWID

    id: str = Field(primary_key=True, max_length=36)
    form_id: str = Field(foreign_key="form.id", index=True, max_length=36)
    # The person who answered a named form; None on an anonymous form.
    respondent_id: str | None = Field(default=None, foreign_key="participant.id", index=True, max_length=36)
    # {question id: answer}, checked against the form's definition.
    answers: str = Field(sa_type=Text)
    # A named answer's time; an anonymous answer's day only (midnight UTC).
    submitted_at: datetime


class FormPendingAnswer(SQLModel, table=True):
    """An anonymous answer not yet released into the results (app/rules/form_window.py: release)."""

    __tablename__ = "form_pending_answer"
    __table_args__ = WITHOUT_ROWID

    id: str = Field(primary_key=True, max_length=36)
    form_id: str = Field(foreign_key="form.id", index=True, max_length=36)
    answers: str = Field(sa_type=Text)
    submitted_on: datetime


class FormRespondent(SQLModel, table=True):
    """That this person has answered this form: nothing more (no id, no time, no link to the answer)."""

    __tablename__ = "form_respondent"
    __table_args__ = WITHOUT_ROWID

    form_id: str = Field(foreign_key="form.id", primary_key=True, max_length=36)
    participant_id: str = Field(foreign_key="participant.id", primary_key=True, max_length=36)
