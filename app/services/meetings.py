"""Meetings: creation by the organiser, the lifecycle scheduled → live → ended, settings."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from app import clock, ids, rooms
from app.db import UnitOfWork
from app.errors import Conflict, InvalidInput, MeetingEnded
from app.events import MeetingConfigured, MeetingStarted
from app.events import MeetingEnded as MeetingEndedEvent
from app.formats import catalogue
from app.forms import catalogue as form_catalogue
from app.models import BOOTSTRAP_ORGANISER_ID, Language, Meeting, MeetingStatus, Participant, Role
from app.rules import names
from app.rules.hand_queue import HandRule
from app.rules.time_box import TimeBoxAction
from app.services import consent, custom_formats, views


@dataclass(frozen=True)
class CreatedMeeting:
    meeting: Meeting
    moderator: Participant
    moderator_token: str


async def create_meeting(
    uow: UnitOfWork,
    *,
    title: str,
    format: str,
    scheduled_for: datetime | None,
    language: Language,
    moderator_name: str,
    hand_grace_seconds: int,
    retention_days: int | None = None,
    default_retention_days: int = 30,
    organiser_id: str = BOOTSTRAP_ORGANISER_ID,
    format_definition: str | None = None,
) -> CreatedMeeting:
    # A built-in format is read from the catalogue; an organiser's own is copied into the meeting, so that the
    # meeting runs as the format was when it was made. A copy of a meeting passes the definition it kept.
    definition = format_definition
    if definition is None and format not in catalogue.builtin():
        definition = (await custom_formats.usable(uow, format_id=format, organiser_id=organiser_id)).model_dump_json()
    # Without a chosen retention: the server's, or longer where the format's forms run after the end (a learning
    # conversation's 8-week follow-up).
    needed = form_catalogue.days_kept_after_end(json.loads(definition)["id"] if definition else format)
    if retention_days is None:
        retention_days = max(default_retention_days, needed)
    if retention_days < needed:
        # The retention is promised to people when they join; the format's own forms must fit inside it.
        raise InvalidInput(
            f"retention_days: this format opens forms after the meeting (up to {needed - form_catalogue.READING_DAYS} days after "
            f"its end); keep its data at least {needed} days."
        )
    scheduled = clock.as_utc(scheduled_for) if scheduled_for else None
    meeting = Meeting(
        id=ids.new_id(),
        title=title,
        format=format,
        format_definition=definition,
        language=language,
        join_code=ids.new_join_code(),
        scheduled_for=clock.as_utc(scheduled_for) if scheduled_for else None,
        created_at=uow.now,
        hand_grace_seconds=hand_grace_seconds,
        retention_days=retention_days,
        organiser_id=organiser_id,
        # A meeting that is never ended is erased too: counted from its planned time (ending it moves this).
        erase_at=max(scheduled or uow.now, uow.now) + timedelta(days=retention_days),
    )
    uow.session.add(meeting)
    token = ids.new_token()
    moderator = Participant(
        id=ids.new_id(),
        meeting_id=meeting.id,
        role=Role.moderator,
        display_name=_moderator_name(moderator_name),
        token_hash=ids.hash_token(token),
        joined_at=uow.now,
    )
    uow.session.add(moderator)
    await uow.session.flush()
    return CreatedMeeting(meeting, moderator, token)


def check_not_ended(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.ended:
        raise MeetingEnded()


async def start(uow: UnitOfWork, *, meeting: Meeting) -> None:
    check_not_ended(meeting)
    if meeting.status == MeetingStatus.live:
        raise Conflict("The meeting is already live.", code="meeting_already_live")
    meeting.status = MeetingStatus.live
    meeting.started_at = uow.now
    await uow.change(meeting.id, MeetingStarted(status=meeting.status, started_at=uow.now), to=rooms.meeting(meeting.id))


async def end(uow: UnitOfWork, *, meeting: Meeting, decide_within: timedelta = timedelta(days=7)) -> None:
    """The meeting ends: its personal data are erased `retention_days` from now, and a recording nobody has
    decided on is deleted after `decide_within` unless a closing ballot shares it (the console prompts)."""
    check_not_ended(meeting)
    meeting.status = MeetingStatus.ended
    meeting.ended_at = uow.now
    meeting.erase_at = uow.now + timedelta(days=meeting.retention_days)
    await uow.change(meeting.id, MeetingEndedEvent(status=meeting.status, ended_at=uow.now), to=rooms.meeting(meeting.id))
    await consent.meeting_ended(uow, meeting_id=meeting.id, decide_within=decide_within)


async def configure(
    uow: UnitOfWork,
    *,
    meeting: Meeting,
    fairness: bool | None,
    hand_grace_seconds: int | None,
    hand_rule: HandRule | None = None,
    turn_time_box_seconds: int | None = None,
    turn_time_box_action: TimeBoxAction | None = None,
) -> None:
    check_not_ended(meeting)
    if fairness is not None and hand_rule is not None:
        raise InvalidInput("Send either hand_rule or fairness, not both.")
    if fairness is not None:
        hand_rule = HandRule.fairness if fairness else HandRule.first_come
    if hand_rule is not None:
        meeting.hand_rule = hand_rule
        meeting.fairness = hand_rule != HandRule.first_come
    if hand_grace_seconds is not None:
        meeting.hand_grace_seconds = hand_grace_seconds
    # A new time box applies from the next turn on; a change of action also to the turn now running.
    if turn_time_box_seconds is not None:
        meeting.turn_time_box_seconds = turn_time_box_seconds
    if turn_time_box_action is not None:
        meeting.turn_time_box_action = turn_time_box_action
    await uow.session.flush()
    event = MeetingConfigured(
        fairness=meeting.fairness,
        hand_rule=meeting.hand_rule,
        hand_grace_seconds=meeting.hand_grace_seconds,
        turn_time_box_seconds=meeting.turn_time_box_seconds,
        turn_time_box_action=meeting.turn_time_box_action,
        queue=await views.queue(uow, meeting),
    )
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))


def _moderator_name(name: str) -> str:
    try:
        return names.check_display_name(name, moderator=True)
    except names.NameRefused as exc:
        raise InvalidInput(f"moderator_name: {exc}") from None
