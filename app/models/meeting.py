"""The meeting: its lifecycle, settings, version counter and who has the floor."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from app.models.organiser import BOOTSTRAP_ORGANISER_ID
from app.rules.hand_queue import HandRule
from app.rules.time_box import TimeBoxAction


class MeetingStatus(StrEnum):
    scheduled = "scheduled"
    live = "live"
    ended = "ended"


class Language(StrEnum):
    en = "en"
    da = "da"
    ar = "ar"


class Meeting(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=36)
    title: str = Field(max_length=200)
    # The format's id; the definition itself is kept with the meeting (`format_definition`, JSON) when the meeting
    # was made from an organiser's own format, so that editing that format later does not change this meeting.
    format: str = Field(max_length=40)
    format_definition: str | None = Field(default=None, sa_type=Text)
    language: Language = Language.en
    status: MeetingStatus = MeetingStatus.scheduled
    join_code: str = Field(unique=True, index=True, max_length=32)
    scheduled_for: datetime | None = None
    created_at: datetime
    started_at: datetime | None = None
    ended_at: datetime | None = None
    # The meeting's state counter: one up for every change, stamped on every event.
    version: int = 0
    # Kept equal to `hand_rule != first_come`, for clients that know only the switch.
    fairness: bool = True
    # The order of the raise-hand queue the group chose (app/rules/hand_queue.py).
    hand_rule: HandRule = HandRule.fairness
    hand_grace_seconds: int = 60
    # Each turn of a turn-taking stage gets this many seconds (0: no time box), and this happens at zero.
    turn_time_box_seconds: int = 0
    turn_time_box_action: TimeBoxAction = TimeBoxAction.notice
    speaker_id: str | None = Field(default=None, max_length=36)
    speaking_since: datetime | None = None
    current_question_id: str | None = Field(default=None, max_length=36)
    # Personal data are deleted this many days after the meeting ends (set by the organiser, shown on joining).
    retention_days: int = 30
    # When the timer deletes the meeting's personal data (set at creation, moved when the meeting ends).
    erase_at: datetime | None = Field(default=None, index=True)
    erased_at: datetime | None = None
    # Who made the meeting: it is on their desk (and on the desks of those they share it with). No foreign key:
    # SQLite cannot add one to an existing table without rebuilding it under the tables that point at it.
    organiser_id: str = Field(default=BOOTSTRAP_ORGANISER_ID, index=True, max_length=36)
