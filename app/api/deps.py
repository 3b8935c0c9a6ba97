"""Dependencies: the edge, and who is asking (organiser key or meeting token)."""

from typing import Annotated

from fastapi import Depends, Request

from app.config import Settings
from app.db import UnitOfWork
from app.edge import Edge
from app.errors import Forbidden, NotFound, Unauthorized
from app.models import Meeting, Participant, Role
from app.models import Organiser as OrganiserRecord
from app.services import organisers, participants


def get_edge(request: Request) -> Edge:
    return request.app.state.edge


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


EdgeDep = Annotated[Edge, Depends(get_edge)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Send your token as 'Authorization: Bearer <token>'.")
    return token.strip()


async def current_organiser(request: Request, edge: EdgeDep) -> OrganiserRecord:
    """The organiser whose key this is: one of the CLI's keys, or the bootstrap key (docs/security.md)."""
    key = bearer(request)
    return await edge.read(lambda uow: organisers.authenticate(uow, key, bootstrap_key=request.app.state.organiser_key))


CurrentOrganiser = Annotated[OrganiserRecord, Depends(current_organiser)]
# For `dependencies=[Organiser]`: any active organiser's key. A route that reads or changes meetings takes
# CurrentOrganiser instead and keeps to the meetings that organiser sees (organisers.visible_to / meeting_of).
Organiser = Depends(current_organiser)


async def organisers_meeting(organiser: OrganiserRecord, meeting_id: str, edge: Edge) -> Meeting:
    return await edge.read(lambda uow: organisers.meeting_of(uow, organiser=organiser, meeting_id=meeting_id))


async def moderator_or_organiser_of(request: Request, meeting_id: str, edge: Edge) -> tuple[OrganiserRecord | None, Meeting]:
    """A moderator's token of this meeting, or the key of an organiser who may see it (who gets 404 otherwise)."""
    key = bearer(request)

    async def as_organiser(uow: UnitOfWork) -> OrganiserRecord | None:
        try:
            return await organisers.authenticate(uow, key, bootstrap_key=request.app.state.organiser_key)
        except Unauthorized:
            return None

    organiser = await edge.read(as_organiser)
    if organiser is not None:
        return organiser, await organisers_meeting(organiser, meeting_id, edge)
    return None, (await moderator_of(request, meeting_id, edge))[1]



async def member_of(request: Request, meeting_id: str, edge: Edge) -> tuple[Participant, Meeting]:
    """The token's holder, who must belong to this meeting. Another meeting's token learns nothing: 404."""
    return await member_by_token(bearer(request), meeting_id, edge)


async def member_by_token(token: str, meeting_id: str, edge: Edge) -> tuple[Participant, Meeting]:
    """member_of for a token that came another way than the header (the record's printable page, posted by a form)."""

    async def find(uow: UnitOfWork) -> tuple[Participant, Meeting]:
        person = await participants.authenticate(uow, token)
        meeting = await uow.session.get(Meeting, meeting_id) if person.meeting_id == meeting_id else None
        if meeting is None:
            raise NotFound("No such meeting.")
        return person, meeting

    return await edge.read(find)


async def moderator_of(request: Request, meeting_id: str, edge: Edge) -> tuple[Participant, Meeting]:
    person, meeting = await member_of(request, meeting_id, edge)
    if person.role != Role.moderator:
        raise Forbidden("Only a moderator can do this.")
    return person, meeting
