"""The organiser's desk over HTTP: /api/v1/organiser, GET /api/v1/meetings and the desk's actions on one meeting.

Every route takes an organiser key; a meeting the key's organiser may not see answers 404, as an unknown one does.
"""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response
from pydantic import BaseModel, Field

from app.api.deps import CurrentOrganiser, EdgeDep, SettingsDep, organisers_meeting
from app.api.meetings import console_link, created_body
from app.api.schemas import Body as RequestBody
from app.api.schemas import MeetingCreated
from app.clock import Timestamp
from app.db import UnitOfWork
from app.models import Language, MeetingStatus
from app.services import desk, organisers

router = APIRouter(prefix="/api/v1")


class OrganiserView(BaseModel):
    id: str
    name: str


class DeskMeeting(BaseModel):
    id: str
    title: str
    format: str
    language: Language
    status: MeetingStatus
    scheduled_for: Timestamp | None
    started_at: Timestamp | None
    ended_at: Timestamp | None
    created_at: Timestamp
    join_code: str
    join_link: str
    tags: list[str]
    organiser: OrganiserView
    # Another organiser made it and shared it with the one asking.
    shared: bool


class DeskPage(BaseModel):
    meetings: list[DeskMeeting]
    total: int
    limit: int
    offset: int
    # The offset of the next page, or null on the last one.
    next_offset: int | None


class TagsUpdate(RequestBody):
    tags: list[str] = Field(max_length=10)


class Tags(BaseModel):
    tags: list[str]


class ShareCreate(RequestBody):
    organiser_id: str | None = Field(default=None, min_length=1, max_length=36)
    organiser_name: str | None = Field(default=None, min_length=1, max_length=80)


class Shares(BaseModel):
    organiser: OrganiserView
    shared_with: list[OrganiserView]


class LinkReissue(RequestBody):
    # A moderator of the meeting; by default the one made with it (whose link the organiser was given).
    participant_id: str | None = Field(default=None, min_length=1, max_length=36)


class ConsoleLinkMade(BaseModel):
    participant_id: str
    token: str
    links: dict[str, str]


@router.get("/organiser", response_model=OrganiserView)
async def whoami(organiser: CurrentOrganiser) -> OrganiserView:
    """Whose key this is (the desk greets them by name)."""
    return OrganiserView(id=organiser.id, name=organiser.name)


@router.get("/meetings", response_model=DeskPage)
async def list_meetings(
    organiser: CurrentOrganiser,
    edge: EdgeDep,
    settings: SettingsDep,
    status: MeetingStatus | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Text in the title or a topic tag.")] = None,
    date_from: Annotated[datetime | None, Query(alias="from", description="Meetings on or after this time.")] = None,
    date_to: Annotated[datetime | None, Query(alias="to", description="Meetings before this time.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> DeskPage:
    page = await edge.read(
        lambda uow: desk.list_meetings(
            uow, organiser=organiser, status=status, query=(q or "").strip() or None, date_from=date_from, date_to=date_to, limit=limit, offset=offset
        )
    )
    base = settings.resolved_public_url
    items = [
        DeskMeeting(
            id=m.meeting.id,
            title=m.meeting.title,
            format=m.meeting.format,
            language=m.meeting.language,
            status=m.meeting.status,
            scheduled_for=m.meeting.scheduled_for,
            started_at=m.meeting.started_at,
            ended_at=m.meeting.ended_at,
            created_at=m.meeting.created_at,
            join_code=m.meeting.join_code,
            join_link=f"{base}/join/{m.meeting.join_code}",
            tags=m.tags,
            organiser=OrganiserView(id=m.owner.id, name=m.owner.name),
            shared=m.owner.id != organiser.id,
        )
        for m in page.meetings
    ]
    following = offset + len(items)
    return DeskPage(meetings=items, total=page.total, limit=limit, offset=offset, next_offset=following if following < page.total else None)


@router.put("/meetings/{meeting_id}/tags", response_model=Tags)
async def set_tags(meeting_id: str, body: TagsUpdate, organiser: CurrentOrganiser, edge: EdgeDep) -> Tags:
    async def change(uow: UnitOfWork) -> list[str]:
        meeting = await organisers.meeting_of(uow, organiser=organiser, meeting_id=meeting_id)
        return await desk.set_tags(uow, meeting=meeting, tags=body.tags)

    return Tags(tags=await edge.apply(change))


async def _shares(uow: UnitOfWork, meeting_id: str, owner_id: str) -> Shares:
    owner = await uow.session.get(organisers.Organiser, owner_id)
    assert owner is not None
    others = await organisers.shared_with(uow, meeting_id=meeting_id)
    return Shares(organiser=OrganiserView(id=owner.id, name=owner.name), shared_with=[OrganiserView(id=o.id, name=o.name) for o in others])


@router.get("/meetings/{meeting_id}/shares", response_model=Shares)
async def list_shares(meeting_id: str, organiser: CurrentOrganiser, edge: EdgeDep) -> Shares:
    async def read(uow: UnitOfWork) -> Shares:
        meeting = await organisers.meeting_of(uow, organiser=organiser, meeting_id=meeting_id)
        return await _shares(uow, meeting.id, meeting.organiser_id)

    return await edge.read(read)


@router.post("/meetings/{meeting_id}/shares", status_code=201, response_model=Shares)
async def share(meeting_id: str, body: ShareCreate, organiser: CurrentOrganiser, edge: EdgeDep) -> Shares:
    """The meeting's organiser lets another organiser (by id or by name) see and run it from their desk."""

    async def change(uow: UnitOfWork) -> Shares:
        await organisers.share(uow, organiser=organiser, meeting_id=meeting_id, with_id=body.organiser_id, with_name=body.organiser_name)
        return await _shares(uow, meeting_id, organiser.id)

    return await edge.apply(change)


@router.delete("/meetings/{meeting_id}/shares/{organiser_id}", status_code=204)
async def unshare(meeting_id: str, organiser_id: str, organiser: CurrentOrganiser, edge: EdgeDep) -> Response:
    await edge.apply(lambda uow: organisers.unshare(uow, organiser=organiser, meeting_id=meeting_id, other_id=organiser_id))
    return Response(status_code=204)


@router.post("/meetings/{meeting_id}/moderator-link", response_model=ConsoleLinkMade)
async def reissue_moderator_link(
    meeting_id: str, organiser: CurrentOrganiser, edge: EdgeDep, settings: SettingsDep, body: Annotated[LinkReissue | None, Body()] = None
) -> ConsoleLinkMade:
    """A new console link for a moderator (the meeting's own by default); the old one stops working at once."""

    async def change(uow: UnitOfWork) -> desk.ConsoleLink:
        meeting = await organisers.meeting_of(uow, organiser=organiser, meeting_id=meeting_id)
        return await desk.reissue_moderator_link(uow, meeting=meeting, participant_id=body.participant_id if body else None)

    made = await edge.apply(change)
    return _link(made, meeting_id, settings.resolved_public_url)


@router.post("/meetings/{meeting_id}/console-link", response_model=ConsoleLinkMade)
async def organiser_console_link(meeting_id: str, organiser: CurrentOrganiser, edge: EdgeDep, settings: SettingsDep) -> ConsoleLinkMade:
    """A fresh console link for the organiser's own moderator seat in the meeting (its earlier link stops working)."""

    async def change(uow: UnitOfWork) -> desk.ConsoleLink:
        meeting = await organisers.meeting_of(uow, organiser=organiser, meeting_id=meeting_id)
        return await desk.organiser_console_link(uow, organiser=organiser, meeting=meeting)

    made = await edge.apply(change)
    return _link(made, meeting_id, settings.resolved_public_url)


@router.post("/meetings/{meeting_id}/duplicate", status_code=201, response_model=MeetingCreated)
async def duplicate(meeting_id: str, organiser: CurrentOrganiser, edge: EdgeDep, settings: SettingsDep) -> MeetingCreated:
    """A new scheduled meeting like this one, on the desk of whoever duplicated it."""
    meeting = await organisers_meeting(organiser, meeting_id, edge)

    async def change(uow: UnitOfWork) -> tuple[desk.meetings.CreatedMeeting, list[str]]:
        source = await organisers.meeting_of(uow, organiser=organiser, meeting_id=meeting.id)
        created = await desk.duplicate(uow, organiser=organiser, meeting=source)
        return created, (await desk.tags_of(uow, [created.meeting.id]))[created.meeting.id]

    created, tags = await edge.apply(change)
    return created_body(created, tags, settings.resolved_public_url)


def _link(made: desk.ConsoleLink, meeting_id: str, base: str) -> ConsoleLinkMade:
    return ConsoleLinkMade(participant_id=made.participant.id, token=made.token, links={"console": console_link(base, meeting_id, made.token)})
