"""/api/v1/meetings, /api/v1/join and /api/v1/invite."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import PlainTextResponse
from sqlalchemy import func
from sqlmodel import select

from app import ids
from app.api.deps import CurrentOrganiser, EdgeDep, SettingsDep, member_of, moderator_of, moderator_or_organiser_of
from app.api.schemas import (
    ChatPage,
    Invite,
    Joined,
    JoinRequest,
    MeetingCreate,
    MeetingCreated,
    MeetingLinks,
    MeetingSummary,
    ModeratorCreate,
    ModeratorCreated,
    RoleLinkCreate,
    RoleLinkCreated,
)
from app.config import Settings
from app.db import UnitOfWork
from app.errors import NotFound
from app.models import Meeting, Participant
from app.services import chat, desk, formats, meetings, notifications, participants, questions, role_links, roles, views

router = APIRouter(prefix="/api/v1")


def console_link(base: str, meeting_id: str, token: str) -> str:
    # The token rides in the fragment: browsers never send it to a server, so no log records it.
    return f"{base}/console/{meeting_id}#token={token}"


@router.post("/meetings", status_code=201, response_model=MeetingCreated)
async def create_meeting(body: MeetingCreate, organiser: CurrentOrganiser, edge: EdgeDep, settings: SettingsDep) -> MeetingCreated:
    async def create(uow: UnitOfWork) -> tuple[meetings.CreatedMeeting, list[str]]:
        created = await meetings.create_meeting(
            uow,
            title=body.title,
            format=body.format,
            scheduled_for=body.scheduled_for,
            language=body.language,
            moderator_name=body.moderator_name,
            hand_grace_seconds=settings.hand_grace_seconds,
            retention_days=body.retention_days,
            default_retention_days=settings.retention_days,
            organiser_id=organiser.id,
        )
        return created, await desk.set_tags(uow, meeting=created.meeting, tags=body.tags)

    created, tags = await edge.apply(create)
    return created_body(created, tags, settings.resolved_public_url)


def created_body(created: meetings.CreatedMeeting, tags: list[str], base: str) -> MeetingCreated:
    meeting = created.meeting
    return MeetingCreated(
        id=meeting.id,
        title=meeting.title,
        format=meeting.format,
        language=meeting.language,
        scheduled_for=meeting.scheduled_for,
        join_code=meeting.join_code,
        moderator_token=created.moderator_token,
        links=MeetingLinks(console=console_link(base, meeting.id, created.moderator_token), join=f"{base}/join/{meeting.join_code}"),
        retention_days=meeting.retention_days,
        tags=tags,
    )


def personal_link(base: str, meeting_id: str, token: str) -> str:
    """A participant's own way back into the meeting (sent to them by mail when they give an address)."""
    return f"{base}/meeting/{meeting_id}#token={token}"


# A random id for the browser, kept in a cookie: a removal bans it (stored hashed), so that the removed
# person cannot come straight back with the invite code. Sent to every joining route (the join code's and a
# personal invitation's), so it lives on the API's path.
DEVICE_COOKIE = "roundtable_device"
DEVICE_COOKIE_PATH = "/api/v1"


def device_of(request: Request) -> str:
    device = request.cookies.get(DEVICE_COOKIE, "")
    return device if 32 <= len(device) <= 100 and device.isascii() else ids.new_token()


def keep_device(response: Response, device: str, settings: Settings) -> None:
    response.set_cookie(
        DEVICE_COOKIE, device, max_age=400 * 24 * 3600, httponly=True, samesite="strict", path=DEVICE_COOKIE_PATH,
        secure=settings.resolved_public_url.startswith("https://"),
    )


@router.post("/join", status_code=201, response_model=Joined)
async def join(body: JoinRequest, request: Request, response: Response, edge: EdgeDep, settings: SettingsDep) -> Joined:
    device = device_of(request)
    email, email_language, base = body.email, body.email_language, settings.resolved_public_url

    async def join(uow: UnitOfWork) -> tuple[Participant, str]:
        person, token = await participants.join(
            uow, join_code=body.join_code, display_name=body.display_name, organisation=body.organisation, device_hash=ids.hash_token(device),
            role_code=body.role_code, role_key=role_links.key_from(request.app.state.organiser_key),
        )
        if email is not None:
            await notifications.give_address(
                uow, person=person, address=email, language=email_language, personal_link=personal_link(base, person.meeting_id, token)
            )
        return person, token

    person, token = await edge.apply(join)
    keep_device(response, device, settings)
    return Joined(meeting_id=person.meeting_id, participant_id=person.id, token=token)


@router.get("/invite/{join_code}", response_model=Invite)
async def invite(join_code: str, edge: EdgeDep) -> Invite:
    async def find(uow: UnitOfWork) -> Invite:
        meeting = (await uow.session.exec(select(Meeting).where(Meeting.join_code == join_code))).first()
        if meeting is None or meeting.erased_at is not None:
            raise NotFound("No meeting has this invite code.")
        shown = await views.questions(uow, await questions.circulated(uow, meeting=meeting))
        return Invite(
            meeting_id=meeting.id,
            title=meeting.title,
            format=meeting.format,
            format_name=formats.of_meeting(meeting).name,
            format_description=formats.of_meeting(meeting).description,
            language=meeting.language,
            status=meeting.status,
            scheduled_for=meeting.scheduled_for,
            circulated_questions=shown,
            retention_days=meeting.retention_days,
        )

    return await edge.read(find)


@router.get("/meetings/{meeting_id}", response_model=MeetingSummary)
async def get_meeting(meeting_id: str, request: Request, edge: EdgeDep) -> MeetingSummary:
    _, meeting = await member_of(request, meeting_id, edge)

    async def counts(uow: UnitOfWork) -> tuple[int, int]:
        base = select(func.count()).select_from(Participant).where(Participant.meeting_id == meeting_id, Participant.removed_at == None)  # noqa: E711
        return (await uow.session.exec(base)).one(), (await uow.session.exec(base.where(Participant.online == True))).one()  # noqa: E712

    total, online = await edge.read(counts)
    return MeetingSummary(
        id=meeting.id,
        title=meeting.title,
        format=meeting.format,
        language=meeting.language,
        status=meeting.status,
        scheduled_for=meeting.scheduled_for,
        started_at=meeting.started_at,
        ended_at=meeting.ended_at,
        version=meeting.version,
        participants=total,
        online=online,
    )


@router.post("/meetings/{meeting_id}/moderators", status_code=201, response_model=ModeratorCreated)
async def add_moderator(meeting_id: str, body: ModeratorCreate, request: Request, edge: EdgeDep, settings: SettingsDep) -> ModeratorCreated:
    """A moderator (or, from the desk, an organiser who may see the meeting) invites a co-moderator: a new moderator
    token for this meeting."""
    await moderator_or_organiser_of(request, meeting_id, edge)
    person, token = await edge.apply(lambda uow: participants.add_moderator(uow, meeting_id=meeting_id, display_name=body.display_name))
    return ModeratorCreated(participant_id=person.id, token=token, links={"console": console_link(settings.resolved_public_url, meeting_id, token)})


@router.post("/meetings/{meeting_id}/role-links", status_code=201, response_model=RoleLinkCreated)
async def create_role_link(meeting_id: str, body: RoleLinkCreate, request: Request, settings: SettingsDep, edge: EdgeDep) -> RoleLinkCreated:
    """A moderator invites someone in a role of the format: a join link carrying a signed role code."""
    _, meeting = await moderator_of(request, meeting_id, edge)
    role = roles.check_role_id(formats.of_meeting(meeting), body.role)
    code = role_links.sign(role_links.key_from(request.app.state.organiser_key), meeting_id=meeting.id, role=role.id)
    # In the fragment: browsers never send it to a server, so no access log records it.
    link = f"{settings.resolved_public_url}/join/{meeting.join_code}#role={code}"
    return RoleLinkCreated(role=role.id, code=code, link=link)


@router.get("/meetings/{meeting_id}/chat", response_model=ChatPage)
async def chat_history(
    meeting_id: str,
    request: Request,
    edge: EdgeDep,
    before: Annotated[int | None, Query(ge=0, le=2**63 - 1, description="Only messages older than this `seq` (a 64-bit integer).")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ChatPage:
    _, meeting = await member_of(request, meeting_id, edge)

    async def page(uow: UnitOfWork) -> ChatPage:
        messages, more = await chat.history(uow, meeting=meeting, room_id=None, before=before, limit=limit)
        return ChatPage(messages=messages, has_more=more)

    return await edge.read(page)


@router.get("/meetings/{meeting_id}/resources.md", response_class=PlainTextResponse)
async def resources_markdown(meeting_id: str, request: Request, edge: EdgeDep) -> PlainTextResponse:
    _, meeting = await moderator_of(request, meeting_id, edge)
    items = await edge.read(lambda uow: chat.resources(uow, meeting=meeting))
    filename = f"resources-{meeting.id[:8]}.md"
    return PlainTextResponse(
        chat.resources_markdown(meeting, items),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )



