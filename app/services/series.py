"""Series of meetings: made by an organiser, seen only by them; the next meeting is made at the next occurrence of
the schedule with one action, and carries over what the previous one left open.

Carry-over (docs/adr/0014-series-and-carry-over.md): the previous meeting's follow-up items still open or in
progress come back as items to review (done / still open / dropped); its unanswered questions come back as
questions of the new meeting without their authors (an anonymous question stays anonymous, and a named one's
author was a participant of the other meeting); the roster is the series' own, so every meeting has it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from app import ids
from app.db import UnitOfWork
from app.errors import Conflict, InvalidInput, NotFound
from app.events import SeriesPart, SeriesUpdateView
from app.formats.definition import FormatDef
from app.models import (
    Language,
    Meeting,
    Question,
    QuestionStatus,
    RosterContact,
    RosterEntry,
    RosterKind,
    Series,
    SeriesMeeting,
    SeriesUpdate,
)
from app.rules import recurrence
from app.rules.recurrence import RuleRefused, Schedule
from app.services import custom_formats, followups, meetings, roster

# How many coming occurrences the series shows.
UPCOMING = 5
# Limits of a roster: a table of authorities, not a mailing list.
MAX_ENTRIES = 40
MAX_CONTACTS_PER_ENTRY = 10
# Unanswered questions carried to the next meeting, at most.
MAX_CARRIED_QUESTIONS = 100


@dataclass(frozen=True)
class ContactIn:
    name: str
    email: str
    language: Language = Language.en
    role: str | None = None


@dataclass(frozen=True)
class EntryIn:
    name: str
    kind: RosterKind = RosterKind.organisation
    required: bool = True
    contacts: tuple[ContactIn, ...] = ()


@dataclass(frozen=True)
class NextMeeting:
    created: meetings.CreatedMeeting
    link: SeriesMeeting
    carried_followups: int
    carried_questions: int


def schedule_of(series: Series) -> Schedule:
    return Schedule(rule=series.rule, start=datetime.fromisoformat(series.start_local), zone=series.time_zone)


def check_schedule(*, rule: str, start_local: datetime, time_zone: str) -> Schedule:
    try:
        return recurrence.check(rule, start=start_local, zone=time_zone)
    except RuleRefused as exc:
        raise InvalidInput(str(exc)) from None


async def definition_of(uow: UnitOfWork, *, format_id: str, organiser_id: str) -> FormatDef:
    """A built-in format, or one the organiser may use, as for a single meeting (each meeting of the series copies
    a custom format's definition when it is made)."""
    return await custom_formats.usable(uow, format_id=format_id, organiser_id=organiser_id)


def _check_role(definition: FormatDef, role: str | None) -> str | None:
    if role is None:
        return None
    if role not in {r.id for r in definition.roles} | {"participant"}:
        raise InvalidInput(f"role: the format {definition.id} has no role {role!r}.")
    return role


async def create(
    uow: UnitOfWork,
    *,
    organiser_id: str,
    name: str,
    format: str,
    language: Language,
    coordinator_name: str,
    coordinator_email: str,
    time_zone: str,
    rule: str,
    start_local: datetime,
    duration_minutes: int,
    context: str,
    digest_by_mail: bool,
    roster: list[EntryIn],
) -> Series:
    schedule = check_schedule(rule=rule, start_local=start_local, time_zone=time_zone)
    series = Series(
        id=ids.new_id(),
        organiser_id=organiser_id,
        name=name,
        format=(await definition_of(uow, format_id=format, organiser_id=organiser_id)).id,
        language=language,
        coordinator_name=coordinator_name,
        coordinator_email=coordinator_email,
        time_zone=schedule.zone,
        rule=schedule.rule,
        start_local=schedule.start.isoformat(timespec="minutes"),
        duration_minutes=duration_minutes,
        context=context,
        digest_by_mail=digest_by_mail,
        created_at=uow.now,
    )
    uow.session.add(series)
    await uow.session.flush()
    await add_entries(uow, series=series, entries=roster)
    await uow.session.flush()
    return series


async def add_entries(uow: UnitOfWork, *, series: Series, entries: list[EntryIn]) -> list[RosterEntry]:
    count = (await uow.session.exec(select(func.count()).select_from(RosterEntry).where(RosterEntry.series_id == series.id))).one()
    if count + len(entries) > MAX_ENTRIES:
        raise InvalidInput(f"roster: a roster has at most {MAX_ENTRIES} entries.")
    definition = await definition_of(uow, format_id=series.format, organiser_id=series.organiser_id)
    made = []
    for position, entry in enumerate(entries, start=count):
        if len(entry.contacts) > MAX_CONTACTS_PER_ENTRY:
            raise InvalidInput(f"roster: an entry has at most {MAX_CONTACTS_PER_ENTRY} contact people.")
        row = RosterEntry(
            id=ids.new_id(), series_id=series.id, name=entry.name, kind=entry.kind, required=entry.required, position=position
        )
        uow.session.add(row)
        # No relationships are declared: flush the entry before its contacts refer to it.
        await uow.session.flush()
        for contact in entry.contacts:
            uow.session.add(
                RosterContact(
                    id=ids.new_id(),
                    entry_id=row.id,
                    series_id=series.id,
                    name=contact.name,
                    email=contact.email,
                    language=contact.language,
                    role=_check_role(definition, contact.role),
                )
            )
        made.append(row)
    return made


async def get(uow: UnitOfWork, *, organiser_id: str, series_id: str) -> Series:
    """The organiser's own series; anyone else's is simply not found."""
    series = await uow.session.get(Series, series_id)
    if series is None or series.organiser_id != organiser_id:
        raise NotFound("No such series.")
    return series


async def of_organiser(uow: UnitOfWork, *, organiser_id: str) -> list[Series]:
    statement = select(Series).where(Series.organiser_id == organiser_id).order_by(col(Series.created_at).desc())
    return list((await uow.session.exec(statement)).all())


async def roster_of(uow: UnitOfWork, *, series_id: str) -> list[tuple[RosterEntry, list[RosterContact]]]:
    entries = (
        await uow.session.exec(select(RosterEntry).where(RosterEntry.series_id == series_id).order_by(col(RosterEntry.position)))
    ).all()
    contacts = (
        await uow.session.exec(select(RosterContact).where(RosterContact.series_id == series_id).order_by(col(RosterContact.name)))
    ).all()
    return [(entry, [c for c in contacts if c.entry_id == entry.id]) for entry in entries]


async def meetings_of(uow: UnitOfWork, *, series_id: str) -> list[tuple[SeriesMeeting, Meeting]]:
    statement = (
        select(SeriesMeeting, Meeting)
        .join(Meeting, col(Meeting.id) == SeriesMeeting.meeting_id)
        .where(SeriesMeeting.series_id == series_id)
        .order_by(col(SeriesMeeting.starts_at))
    )
    return [(link, meeting) for link, meeting in (await uow.session.exec(statement)).all()]


async def link_of(uow: UnitOfWork, *, meeting_id: str) -> SeriesMeeting | None:
    return await uow.session.get(SeriesMeeting, meeting_id)


def upcoming(series: Series, *, after: datetime, count: int = UPCOMING) -> list[datetime]:
    return recurrence.occurrences(schedule_of(series), after=after, count=count)


def local_time(series: Series, instant: datetime) -> str:
    """The wall-clock time in the series' zone, e.g. "2026-10-27T14:00"."""
    return recurrence.to_local(instant, series.time_zone).isoformat(timespec="minutes")


async def create_next_meeting(
    uow: UnitOfWork,
    *,
    series: Series,
    moderator_name: str,
    hand_grace_seconds: int,
    retention_days: int | None,
    default_retention_days: int,
) -> NextMeeting:
    """The series' next meeting, at the first occurrence after the last meeting made (and not already over),
    with what the last meeting left open carried over."""
    made = await meetings_of(uow, series_id=series.id)
    previous = made[-1] if made else None
    # A meeting going on now may still be made (an organiser who set it up late); one already over may not.
    after = uow.now - timedelta(minutes=series.duration_minutes)
    if previous is not None:
        after = max(after, previous[0].starts_at)
    starts_at = recurrence.next_after(schedule_of(series), after=after)
    if starts_at is None:
        raise Conflict("The series' schedule has no further meeting (its rule ends).", code="conflict")
    created = await meetings.create_meeting(
        uow,
        title=series.name,
        # The series checked it is a known format id.
        format=series.format,
        scheduled_for=starts_at,
        language=series.language,
        moderator_name=moderator_name,
        hand_grace_seconds=hand_grace_seconds,
        retention_days=retention_days,
        default_retention_days=default_retention_days,
        organiser_id=series.organiser_id,
    )
    link = SeriesMeeting(meeting_id=created.meeting.id, series_id=series.id, number=len(made) + 1, starts_at=starts_at, created_at=uow.now)
    uow.session.add(link)
    carried_items, carried_questions = 0, 0
    if previous is not None:
        carried_items = len(await followups.carry_over(uow, previous=previous[1], meeting=created.meeting, actor=created.moderator))
        carried_questions = await _carry_questions(uow, previous=previous[1], meeting=created.meeting)
    await uow.session.flush()
    return NextMeeting(created, link, carried_items, carried_questions)


async def _carry_questions(uow: UnitOfWork, *, previous: Meeting, meeting: Meeting) -> int:
    """The previous meeting's questions nobody answered or dismissed, as questions of the new meeting.

    Only released ones: an anonymous question still held back (app/services/questions.py) stays where it is.
    No author goes with them: an anonymous question has none stored, and a named one's author was someone in
    the other meeting. Their order is kept."""
    statement = (
        select(Question)
        .where(
            Question.meeting_id == previous.id,
            col(Question.status).in_((QuestionStatus.submitted, QuestionStatus.approved)),
            col(Question.release_at).is_(None),
        )
        .order_by(col(Question.position), col(Question.created_at))
        .limit(MAX_CARRIED_QUESTIONS)
    )
    rows = (await uow.session.exec(statement)).all()
    for position, old in enumerate(rows, start=1):
        uow.session.add(
            Question(
                id=ids.new_id(),
                meeting_id=meeting.id,
                author_id=None,
                anonymous=old.anonymous,
                text=old.text,
                status=old.status,
                position=position,
                created_at=uow.now,
            )
        )
    return len(rows)


UPDATES_SHOWN = 50


async def part(uow: UnitOfWork, *, meeting: Meeting) -> SeriesPart | None:
    """What a meeting's pages show of its series: the roster now and the updates posted since the previous
    meeting of the series began (or all of them, at the first meeting)."""
    link = await uow.session.get(SeriesMeeting, meeting.id)
    if link is None:
        return None
    series = await uow.session.get(Series, link.series_id)
    assert series is not None
    previous = (
        await uow.session.exec(
            select(SeriesMeeting.starts_at)
            .where(SeriesMeeting.series_id == series.id, col(SeriesMeeting.starts_at) < link.starts_at)
            .order_by(col(SeriesMeeting.starts_at).desc())
        )
    ).first()
    statement = select(SeriesUpdate).where(SeriesUpdate.series_id == series.id)
    if previous is not None:
        statement = statement.where(col(SeriesUpdate.created_at) > previous)
    updates = (
        await uow.session.exec(statement.order_by(col(SeriesUpdate.created_at).desc(), col(SeriesUpdate.id)).limit(UPDATES_SHOWN))
    ).all()
    return SeriesPart(
        series_id=series.id,
        name=series.name,
        number=link.number,
        context=series.context,
        time_zone=series.time_zone,
        starts_at=link.starts_at,
        local=local_time(series, link.starts_at),
        roster=await roster.presence(uow, meeting=meeting) or [],
        updates=[update_view(u) for u in updates],
    )


def update_view(update: SeriesUpdate) -> SeriesUpdateView:
    return SeriesUpdateView(
        id=update.id, author=update.author, author_name=update.author_name, text=update.text, url=update.url, created_at=update.created_at
    )
