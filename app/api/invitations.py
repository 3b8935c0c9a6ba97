"""Invitations to a series' meetings: the organiser invites, reminds and sees the answers; the invited person
answers, joins and posts updates with their personal link's token. Updates by the coordinator."""

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from app import ids
from app.api.deps import EdgeDep, SettingsDep
from app.api.meetings import device_of, keep_device
from app.api.schemas import Joined
from app.api.series import Body, organiser_id
from app.clock import Timestamp
from app.config import Settings
from app.db import UnitOfWork
from app.events import SeriesUpdateView
from app.models import InvitationAnswer, Language, RosterKind, UpdateAuthor
from app.services import invitation_texts, invitations, series

router = APIRouter(prefix="/api/v1")


class InvitationRow(BaseModel):
    """One contact person's invitation, as the organiser sees it."""

    id: str
    entry: str
    kind: RosterKind
    required: bool
    name: str
    email: str
    language: Language
    answer: InvitationAnswer | None
    answered_at: Timestamp | None
    mailed_at: Timestamp | None
    reminders: int
    joined: bool
    # The personal link to copy when there is no mail server.
    link: str


class InvitationList(BaseModel):
    meeting_id: str
    invitations: list[InvitationRow]


class InvitationView(BaseModel):
    """What the invited person's link shows: the meeting, when, and who they are invited as."""

    meeting_id: str
    join_code: str
    series: str
    title: str
    status: str
    starts_at: Timestamp
    # The wall-clock time in `time_zone`, and the whole line in the person's language.
    local: str
    time_zone: str
    when: str
    duration_minutes: int
    name: str
    organisation: str
    role: str | None
    language: Language
    answer: InvitationAnswer | None
    updates: list[SeriesUpdateView]


class AnswerBody(Body):
    answer: InvitationAnswer


class InvitationJoin(Body):
    # The name to show; the invitation's name when not given.
    display_name: str | None = Field(default=None, min_length=1, max_length=80)


class UpdateBody(Body):
    text: str = Field(min_length=1, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)


class UpdatePosted(BaseModel):
    update: SeriesUpdateView


def _rows(invited: list[invitations.Invited], settings: Settings) -> list[InvitationRow]:
    base = settings.resolved_public_url
    return [
        InvitationRow(
            id=i.invitation.id, entry=i.entry.name, kind=i.entry.kind, required=i.entry.required, name=i.contact.name, email=i.contact.email,
            language=i.contact.language, answer=i.invitation.answer, answered_at=i.invitation.answered_at, mailed_at=i.invitation.mailed_at,
            reminders=i.invitation.reminders, joined=i.invitation.participant_id is not None,
            link=invitations.personal_link(base, i.meeting, i.invitation),
        )
        for i in invited
    ]


@router.post("/series/{series_id}/meetings/{meeting_id}/invitations", response_model=InvitationList)
async def invite(series_id: str, meeting_id: str, request: Request, edge: EdgeDep, settings: SettingsDep) -> InvitationList:
    """Invite every contact person of the roster to this meeting (each once): a personal link and a mail with the calendar file."""
    owner = await organiser_id(request, edge)

    async def run(uow: UnitOfWork) -> InvitationList:
        found = await series.get(uow, organiser_id=owner, series_id=series_id)
        made = await invitations.invite(uow, series=found, meeting_id=meeting_id, base_url=settings.resolved_public_url)
        return InvitationList(meeting_id=meeting_id, invitations=_rows(made, settings))

    return await edge.apply(run)


@router.get("/series/{series_id}/meetings/{meeting_id}/invitations", response_model=InvitationList)
async def invitation_list(series_id: str, meeting_id: str, request: Request, edge: EdgeDep, settings: SettingsDep) -> InvitationList:
    owner = await organiser_id(request, edge)

    async def run(uow: UnitOfWork) -> InvitationList:
        found = await series.get(uow, organiser_id=owner, series_id=series_id)
        return InvitationList(meeting_id=meeting_id, invitations=_rows(await invitations.of_meeting(uow, series=found, meeting_id=meeting_id), settings))

    return await edge.read(run)


@router.post("/series/{series_id}/meetings/{meeting_id}/invitations/remind", response_model=InvitationList)
async def remind(series_id: str, meeting_id: str, request: Request, edge: EdgeDep, settings: SettingsDep) -> InvitationList:
    """One more mail to everyone who has not answered; the answer lists those reminded."""
    owner = await organiser_id(request, edge)

    async def run(uow: UnitOfWork) -> InvitationList:
        found = await series.get(uow, organiser_id=owner, series_id=series_id)
        return InvitationList(meeting_id=meeting_id, invitations=_rows(await invitations.remind(uow, series=found, meeting_id=meeting_id, base_url=settings.resolved_public_url), settings))

    return await edge.apply(run)


@router.post("/series/{series_id}/updates", status_code=201, response_model=UpdatePosted)
async def coordinator_update(series_id: str, body: UpdateBody, request: Request, edge: EdgeDep) -> UpdatePosted:
    owner = await organiser_id(request, edge)

    async def run(uow: UnitOfWork) -> UpdatePosted:
        found = await series.get(uow, organiser_id=owner, series_id=series_id)
        made = await invitations.post_update(
            uow, series=found, author=UpdateAuthor.coordinator, author_name=found.coordinator_name, invitation_id=None, text=body.text, url=body.url
        )
        return UpdatePosted(update=series.update_view(made))

    return await edge.apply(run)


async def _view(uow: UnitOfWork, invited: invitations.Invited) -> InvitationView:
    s, c = invited.series, invited.contact
    part = await series.part(uow, meeting=invited.meeting)
    return InvitationView(
        meeting_id=invited.meeting.id, join_code=invited.meeting.join_code, series=s.name, title=invited.meeting.title, status=invited.meeting.status,
        starts_at=invited.link.starts_at, local=series.local_time(s, invited.link.starts_at), time_zone=s.time_zone,
        when=invitation_texts.when_local(invited.link.starts_at, s.time_zone, c.language), duration_minutes=s.duration_minutes,
        name=c.name, organisation=invited.entry.name, role=c.role, language=c.language, answer=invited.invitation.answer,
        updates=part.updates if part else [],
    )


@router.get("/invitations/{token}", response_model=InvitationView)
async def show(token: str, edge: EdgeDep) -> InvitationView:
    async def run(uow: UnitOfWork) -> InvitationView:
        return await _view(uow, await invitations.by_token(uow, token=token))

    return await edge.read(run)


@router.post("/invitations/{token}/answer", response_model=InvitationView)
async def answer(token: str, body: AnswerBody, edge: EdgeDep) -> InvitationView:
    async def run(uow: UnitOfWork) -> InvitationView:
        return await _view(uow, await invitations.answer(uow, token=token, answer=body.answer))

    return await edge.apply(run)


@router.post("/invitations/{token}/join", status_code=201, response_model=Joined)
async def join(token: str, request: Request, response: Response, edge: EdgeDep, settings: SettingsDep, body: InvitationJoin | None = None) -> Joined:
    device = device_of(request)
    name = body.display_name if body else None
    person, person_token = await edge.apply(lambda uow: invitations.join(uow, token=token, display_name=name, device_hash=ids.hash_token(device)))
    keep_device(response, device, settings)
    return Joined(meeting_id=person.meeting_id, participant_id=person.id, token=person_token)


@router.post("/invitations/{token}/updates", status_code=201, response_model=UpdatePosted)
async def member_update(token: str, body: UpdateBody, edge: EdgeDep) -> UpdatePosted:
    async def run(uow: UnitOfWork) -> UpdatePosted:
        invited = await invitations.by_token(uow, token=token)
        made = await invitations.post_update(
            uow, series=invited.series, author=UpdateAuthor.member, author_name=invited.contact.name, invitation_id=invited.invitation.id,
            text=body.text, url=body.url,
        )
        return UpdatePosted(update=series.update_view(made))

    return await edge.apply(run)

