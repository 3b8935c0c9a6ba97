"""Dependencies: the edge, and who is asking (organiser key or meeting token)."""

from typing import Annotated

from fastapi import Depends, Request

from app import ids
from app.config import Settings
from app.db import UnitOfWork
from app.edge import Edge
from app.errors import Forbidden, NotFound, Unauthorized
from app.models import Meeting, Participant, Role
from app.services import participants


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


def require_organiser(request: Request) -> None:
    if not ids.same_secret(bearer(request), request.app.state.organiser_key):
        raise Unauthorized("The organiser key is not valid.")


Organiser = Depends(require_organiser)


async def member_of(request: Request, meeting_id: str, edge: Edge) -> tuple[Participant, Meeting]:
    """The token's holder, who must belong to this meeting. Another meeting's token learns nothing: 404."""
    token = bearer(request)

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
