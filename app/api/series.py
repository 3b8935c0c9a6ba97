"""/api/v1/series: an organiser's series of meetings, their roster, and the next meeting made with one action."""

import re
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import AfterValidator, BaseModel, Field

from app.api.deps import EdgeDep, SettingsDep, current_organiser
from app.api.meetings import console_link
from app.api.schemas import Body
from app.clock import Timestamp
from app.db import UnitOfWork
from app.edge import Edge
from app.models import Language, RosterKind, Series
from app.services import invitations
from app.services import series as series_service

router = APIRouter(prefix="/api/v1")

EMAIL = re.compile(r"^[^@\s<>\"(),;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$")


def _email(value: str) -> str:
    if len(value) > 254 or not EMAIL.match(value):
        raise ValueError("is not an e-mail address")
    return value


def _one_line(value: str) -> str:
    if any(ord(c) < 32 or c == "\x7f" for c in value):
        raise ValueError("may not contain line breaks or control characters")
    return " ".join(value.split())


Email = Annotated[str, Field(min_length=3, max_length=254), AfterValidator(_email)]
Line = Annotated[str, AfterValidator(_one_line)]


async def organiser_id(request: Request, edge: Edge) -> str:
    """Who is asking, as an organiser (their own key, or the bootstrap key): only they see their series."""
    return (await current_organiser(request, edge)).id


class ContactCreate(Body):
    name: Line = Field(min_length=1, max_length=80)
    email: Email
    language: Language = Language.en
    # A role of the series' format the person joins with; none: the format's default.
    role: str | None = Field(default=None, min_length=1, max_length=40)


class EntryCreate(Body):
    name: Line = Field(min_length=1, max_length=120)
    kind: RosterKind = RosterKind.organisation
    required: bool = True
    contacts: list[ContactCreate] = Field(default_factory=list, max_length=series_service.MAX_CONTACTS_PER_ENTRY)


class SeriesCreate(Body):
    name: Line = Field(min_length=1, max_length=200)
    format: str = Field(min_length=1, max_length=40)
    language: Language = Language.en
    coordinator_name: Line = Field(min_length=1, max_length=80)
    coordinator_email: Email
    time_zone: str = Field(min_length=1, max_length=64, examples=["Europe/Copenhagen"])
    rule: str = Field(min_length=1, max_length=300, examples=["FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"])
    # The first meeting's local date and time in `time_zone`, without an offset: "2026-10-13T14:00".
    start: datetime
    duration_minutes: int = Field(default=90, ge=10, le=12 * 60)
    context: str = Field(default="", max_length=4000)
    digest_by_mail: bool = True
    roster: list[EntryCreate] = Field(default_factory=list, max_length=series_service.MAX_ENTRIES)


class NextMeetingCreate(Body):
    moderator_name: Line = Field(default="Coordinator", min_length=1, max_length=80)
    retention_days: int | None = Field(default=None, ge=1, le=3650)
    # Invite every contact person of the roster to it at once (a mail each, with the calendar file).
    invite: bool = False


class ContactView(BaseModel):
    id: str
    name: str
    email: str
    language: Language
    role: str | None


class EntryView(BaseModel):
    id: str
    name: str
    kind: RosterKind
    required: bool
    contacts: list[ContactView]


class Occurrence(BaseModel):
    starts_at: Timestamp
    # The wall-clock time in the series' zone: "2026-10-27T14:00".
    local: str


class SeriesMeetingView(BaseModel):
    meeting_id: str
    number: int
    starts_at: Timestamp
    local: str
    status: str
    join_code: str


class SeriesView(BaseModel):
    id: str
    name: str
    format: str
    language: Language
    coordinator_name: str
    coordinator_email: str
    time_zone: str
    rule: str
    start: str
    duration_minutes: int
    context: str
    digest_by_mail: bool
    created_at: Timestamp
    roster: list[EntryView]
    meetings: list[SeriesMeetingView]
    upcoming: list[Occurrence]


class SeriesList(BaseModel):
    series: list[SeriesView]


class NextMeetingCreated(BaseModel):
    meeting_id: str
    number: int
    starts_at: Timestamp
    local: str
    join_code: str
    moderator_token: str
    links: dict[str, str]
    carried_followups: int
    carried_questions: int
    # How many contact people were invited (with `invite: true`).
    invited: int


async def series_view(uow: UnitOfWork, series: Series) -> SeriesView:
    entries = await series_service.roster_of(uow, series_id=series.id)
    made = await series_service.meetings_of(uow, series_id=series.id)
    after = max([uow.now, *(link.starts_at for link, _ in made)])
    return SeriesView(
        id=series.id,
        name=series.name,
        format=series.format,
        language=series.language,
        coordinator_name=series.coordinator_name,
        coordinator_email=series.coordinator_email,
        time_zone=series.time_zone,
        rule=series.rule,
        start=series.start_local,
        duration_minutes=series.duration_minutes,
        context=series.context,
        digest_by_mail=series.digest_by_mail,
        created_at=series.created_at,
        roster=[
            EntryView(
                id=e.id,
                name=e.name,
                kind=e.kind,
                required=e.required,
                contacts=[ContactView(id=c.id, name=c.name, email=c.email, language=c.language, role=c.role) for c in contacts],
            )
            for e, contacts in entries
        ],
        meetings=[
            SeriesMeetingView(
                meeting_id=m.id, number=link.number, starts_at=link.starts_at, local=series_service.local_time(series, link.starts_at),
                status=m.status, join_code=m.join_code,
            )
            for link, m in made
        ],
        upcoming=[Occurrence(starts_at=at, local=series_service.local_time(series, at)) for at in series_service.upcoming(series, after=after)],
    )


def _entries(body: list[EntryCreate]) -> list[series_service.EntryIn]:
    return [
        series_service.EntryIn(
            name=e.name, kind=e.kind, required=e.required,
            contacts=tuple(series_service.ContactIn(name=c.name, email=c.email, language=c.language, role=c.role) for c in e.contacts),
        )
        for e in body
    ]


@router.post("/series", status_code=201, response_model=SeriesView)
async def create_series(body: SeriesCreate, request: Request, edge: EdgeDep) -> SeriesView:
    owner = await organiser_id(request, edge)

    async def create(uow: UnitOfWork) -> SeriesView:
        made = await series_service.create(
            uow,
            organiser_id=owner,
            name=body.name,
            format=body.format,
            language=body.language,
            coordinator_name=body.coordinator_name,
            coordinator_email=body.coordinator_email,
            time_zone=body.time_zone,
            rule=body.rule,
            start_local=body.start,
            duration_minutes=body.duration_minutes,
            context=body.context,
            digest_by_mail=body.digest_by_mail,
            roster=_entries(body.roster),
        )
        return await series_view(uow, made)

    return await edge.apply(create)


@router.get("/series", response_model=SeriesList)
async def list_series(request: Request, edge: EdgeDep) -> SeriesList:
    owner = await organiser_id(request, edge)

    async def find(uow: UnitOfWork) -> SeriesList:
        return SeriesList(series=[await series_view(uow, s) for s in await series_service.of_organiser(uow, organiser_id=owner)])

    return await edge.read(find)


@router.get("/series/{series_id}", response_model=SeriesView)
async def get_series(series_id: str, request: Request, edge: EdgeDep) -> SeriesView:
    owner = await organiser_id(request, edge)

    async def find(uow: UnitOfWork) -> SeriesView:
        return await series_view(uow, await series_service.get(uow, organiser_id=owner, series_id=series_id))

    return await edge.read(find)


@router.post("/series/{series_id}/roster", status_code=201, response_model=SeriesView)
async def add_roster_entry(series_id: str, body: EntryCreate, request: Request, edge: EdgeDep) -> SeriesView:
    owner = await organiser_id(request, edge)

    async def add(uow: UnitOfWork) -> SeriesView:
        found = await series_service.get(uow, organiser_id=owner, series_id=series_id)
        await series_service.add_entries(uow, series=found, entries=_entries([body]))
        await uow.session.flush()
        return await series_view(uow, found)

    return await edge.apply(add)


@router.post("/series/{series_id}/meetings", status_code=201, response_model=NextMeetingCreated)
async def create_next_meeting(series_id: str, request: Request, edge: EdgeDep, settings: SettingsDep, body: NextMeetingCreate | None = None) -> NextMeetingCreated:
    """The series' next meeting, at its next occurrence, with the previous meeting's open items carried over."""
    owner = await organiser_id(request, edge)
    body = body or NextMeetingCreate()

    async def create(uow: UnitOfWork) -> tuple[series_service.NextMeeting, int]:
        found = await series_service.get(uow, organiser_id=owner, series_id=series_id)
        made = await series_service.create_next_meeting(
            uow,
            series=found,
            moderator_name=body.moderator_name,
            hand_grace_seconds=settings.hand_grace_seconds,
            retention_days=body.retention_days,
            default_retention_days=settings.retention_days,
        )
        invited = await invitations.invite(uow, series=found, meeting_id=made.link.meeting_id, base_url=settings.resolved_public_url) if body.invite else []
        return made, len(invited)

    made, invited = await edge.apply(create)
    meeting = made.created.meeting
    base = settings.resolved_public_url
    starts_local = await edge.read(lambda uow: _local(uow, series_id, made.link.starts_at))
    return NextMeetingCreated(
        meeting_id=meeting.id,
        number=made.link.number,
        starts_at=made.link.starts_at,
        local=starts_local,
        join_code=meeting.join_code,
        moderator_token=made.created.moderator_token,
        links={"console": console_link(base, meeting.id, made.created.moderator_token), "join": f"{base}/join/{meeting.join_code}"},
        carried_followups=made.carried_followups,
        carried_questions=made.carried_questions,
        invited=invited,
    )


async def _local(uow: UnitOfWork, series_id: str, instant: datetime) -> str:
    found = await uow.session.get(Series, series_id)
    assert found is not None
    return series_service.local_time(found, instant)
