"""The organiser's desk: their meetings listed and searched, topic tags, duplicating a meeting, and console links
made again (the meeting's own, which locks out the old one, and the organiser's own seat)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlmodel import col, delete, exists, select

from app import clock, ids
from app.db import UnitOfWork
from app.effects import Disconnect
from app.errors import InvalidInput, NotFound
from app.models import Connection, Meeting, MeetingStatus, MeetingTag, Organiser, OrganiserSeat, Participant, Role
from app.rules import tags as tags_rule
from app.services import meetings, organisers, participants


def check_tags(raw: list[str]) -> list[str]:
    try:
        return tags_rule.normalise_tags(raw)
    except tags_rule.TagsRefused as exc:
        raise InvalidInput(f"tags: {exc}") from None


async def set_tags(uow: UnitOfWork, *, meeting: Meeting, tags: list[str]) -> list[str]:
    cleaned = check_tags(tags)
    await uow.session.exec(delete(MeetingTag).where(col(MeetingTag.meeting_id) == meeting.id))
    for tag in cleaned:
        uow.session.add(MeetingTag(meeting_id=meeting.id, tag=tag))
    await uow.session.flush()
    return cleaned


async def tags_of(uow: UnitOfWork, meeting_ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {m: [] for m in meeting_ids}
    if meeting_ids:
        rows = (await uow.session.exec(select(MeetingTag).where(col(MeetingTag.meeting_id).in_(meeting_ids)).order_by(col(MeetingTag.tag)))).all()
        for row in rows:
            found[row.meeting_id].append(row.tag)
    return found


@dataclass(frozen=True)
class Listed:
    meeting: Meeting
    tags: list[str]
    owner: Organiser


@dataclass(frozen=True)
class Page:
    meetings: list[Listed]
    total: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def list_meetings(
    uow: UnitOfWork,
    *,
    organiser: Organiser,
    status: MeetingStatus | None,
    query: str | None,
    date_from: datetime | None,
    date_to: datetime | None,
    limit: int,
    offset: int,
) -> Page:
    """The organiser's meetings and those shared with them. `query` matches the title or a tag (case-insensitive;
    on SQLite the title's case is folded for ASCII letters only). The date of a meeting is when it started, else when
    it is planned, else when it was made; `date_from` is inclusive and `date_to` exclusive."""
    conditions = [organisers.visible_to(organiser.id)]
    if status is not None:
        conditions.append(col(Meeting.status) == status)
    if query:
        needle = f"%{_escape_like(query.casefold())}%"
        tagged = exists().where(col(MeetingTag.meeting_id) == col(Meeting.id), col(MeetingTag.tag).like(needle, escape="\\"))
        conditions.append(func.lower(col(Meeting.title)).like(needle, escape="\\") | tagged)
    when = func.coalesce(col(Meeting.started_at), col(Meeting.scheduled_for), col(Meeting.created_at))
    if date_from is not None:
        conditions.append(when >= clock.as_utc(date_from))
    if date_to is not None:
        conditions.append(when < clock.as_utc(date_to))
    total = (await uow.session.exec(select(func.count()).select_from(Meeting).where(*conditions))).one()
    # Upcoming: the next first (unplanned last); live: the latest start first; ended and all: the latest first.
    order: list[ColumnElement[Any]]
    if status == MeetingStatus.scheduled:
        order = [col(Meeting.scheduled_for).is_(None), col(Meeting.scheduled_for).asc(), col(Meeting.created_at).desc()]
    elif status == MeetingStatus.live:
        order = [col(Meeting.started_at).desc()]
    elif status == MeetingStatus.ended:
        order = [col(Meeting.ended_at).desc()]
    else:
        order = [when.desc()]
    statement = select(Meeting).where(*conditions).order_by(*order, col(Meeting.id)).offset(offset).limit(limit)
    rows = list((await uow.session.exec(statement)).all())
    tags = await tags_of(uow, [m.id for m in rows])
    owners = {o.id: o for o in (await uow.session.exec(select(Organiser).where(col(Organiser.id).in_({m.organiser_id for m in rows})))).all()}
    return Page([Listed(m, tags[m.id], owners[m.organiser_id]) for m in rows], total)


async def duplicate(uow: UnitOfWork, *, organiser: Organiser, meeting: Meeting) -> meetings.CreatedMeeting:
    """A new scheduled meeting like this one (title + " (copy)", format, settings, tags, language) with a new invite
    code, belonging to whoever duplicated it."""
    host = await _host(uow, meeting)
    title = meeting.title if len(meeting.title) + 7 > 200 else f"{meeting.title} (copy)"
    created = await meetings.create_meeting(
        uow,
        title=title,
        format=meeting.format,
        scheduled_for=None,
        language=meeting.language,
        moderator_name=host.display_name if host else "Moderator",
        hand_grace_seconds=meeting.hand_grace_seconds,
        retention_days=meeting.retention_days,
        organiser_id=organiser.id,
        # A custom format's definition as this meeting kept it (not as the organiser's format reads today).
        format_definition=meeting.format_definition,
    )
    copy = created.meeting
    copy.hand_rule, copy.fairness = meeting.hand_rule, meeting.fairness
    copy.turn_time_box_seconds, copy.turn_time_box_action = meeting.turn_time_box_seconds, meeting.turn_time_box_action
    await set_tags(uow, meeting=copy, tags=(await tags_of(uow, [meeting.id]))[meeting.id])
    return created


@dataclass(frozen=True)
class ConsoleLink:
    participant: Participant
    token: str


async def reissue_moderator_link(uow: UnitOfWork, *, meeting: Meeting, participant_id: str | None) -> ConsoleLink:
    """A new token for a moderator of the meeting (by default the one made with it): the old token stops working at
    once, for REST and for new sockets, and the sockets open with it are closed after commit."""
    await uow.lock_meeting(meeting.id)
    if participant_id is None:
        person = await _host(uow, meeting)
    else:
        person = await uow.session.get(Participant, participant_id)
        if person is not None and (person.meeting_id != meeting.id or person.role != Role.moderator or person.removed_at is not None):
            person = None
    if person is None:
        raise NotFound("No such moderator in this meeting.")
    return await _new_token(uow, person)


async def organiser_console_link(uow: UnitOfWork, *, organiser: Organiser, meeting: Meeting) -> ConsoleLink:
    """The organiser's own moderator seat in the meeting, made on first use under their name; each call gives a fresh
    link and closes the seat's earlier one (the console is open in one place at a time)."""
    await uow.lock_meeting(meeting.id)
    seat = await uow.session.get(OrganiserSeat, (meeting.id, organiser.id))
    person = await uow.session.get(Participant, seat.participant_id) if seat else None
    if person is None or person.removed_at is not None:
        name = organiser.name if any(c.isalnum() for c in organiser.name) else "Organiser"
        person, token = await participants.add_moderator(uow, meeting_id=meeting.id, display_name=name)
        if seat is None:
            uow.session.add(OrganiserSeat(meeting_id=meeting.id, organiser_id=organiser.id, participant_id=person.id))
        else:
            seat.participant_id = person.id
        await uow.session.flush()
        return ConsoleLink(person, token)
    return await _new_token(uow, person)


async def _new_token(uow: UnitOfWork, person: Participant) -> ConsoleLink:
    token = ids.new_token()
    person.token_hash = ids.hash_token(token)
    sids = tuple((await uow.session.exec(select(Connection.sid).where(Connection.participant_id == person.id))).all())
    await uow.session.flush()
    uow.effect(Disconnect(person.id, sids))
    return ConsoleLink(person, token)


async def _host(uow: UnitOfWork, meeting: Meeting) -> Participant | None:
    """The moderator made with the meeting: the first one that is no organiser's seat."""
    seats = select(OrganiserSeat.participant_id).where(OrganiserSeat.meeting_id == meeting.id)
    statement = (
        select(Participant)
        .where(
            Participant.meeting_id == meeting.id,
            Participant.role == Role.moderator,
            col(Participant.removed_at).is_(None),
            col(Participant.id).not_in(seats),
        )
        .order_by(col(Participant.joined_at), col(Participant.id))
    )
    return (await uow.session.exec(statement)).first()
