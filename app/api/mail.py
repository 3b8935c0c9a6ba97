"""/api/v1/me/email: a person's own e-mail address, given, changed and taken back with their own link's token;
/api/v1/meetings/{id}/mail: the moderators' view of who gets mail and what was sent."""

from typing import Any

from fastapi import APIRouter, Request, Response

from app.api.deps import EdgeDep, SettingsDep, bearer, moderator_of
from app.api.meetings import console_link, personal_link
from app.api.schemas import MailAddressGive, MailAddressView
from app.db import UnitOfWork
from app.models import Role
from app.services import notifications, participants

router = APIRouter(prefix="/api/v1")


@router.get("/me/email", response_model=MailAddressView)
async def my_email(request: Request, edge: EdgeDep) -> MailAddressView:
    token = bearer(request)

    async def read(uow: UnitOfWork) -> MailAddressView:
        row = await notifications.address_of(uow, person=await participants.authenticate(uow, token))
        return MailAddressView(email=row.address if row else None, language=row.language if row else None)

    return await edge.read(read)


@router.put("/me/email", response_model=MailAddressView)
async def give_email(body: MailAddressGive, request: Request, edge: EdgeDep, settings: SettingsDep) -> MailAddressView:
    """Give or change one's address; one's own link is mailed to a new address."""
    token = bearer(request)

    async def give(uow: UnitOfWork) -> MailAddressView:
        person = await participants.authenticate(uow, token)
        own_link = console_link if person.role == Role.moderator else personal_link
        row = await notifications.give_address(
            uow,
            person=person,
            address=body.email,
            language=body.language,
            personal_link=own_link(settings.resolved_public_url, person.meeting_id, token),
        )
        return MailAddressView(email=row.address, language=row.language)

    return await edge.apply(give)


@router.delete("/me/email", status_code=204)
async def take_back_email(request: Request, edge: EdgeDep) -> Response:
    token = bearer(request)

    async def take_back(uow: UnitOfWork) -> None:
        await notifications.take_back_address(uow, person=await participants.authenticate(uow, token))

    await edge.apply(take_back)
    return Response(status_code=204)


@router.get("/meetings/{meeting_id}/mail")
async def meeting_mail(meeting_id: str, request: Request, edge: EdgeDep, settings: SettingsDep) -> dict[str, Any]:
    """Moderators only: per person, the address they gave and each mail with its status."""
    _, meeting = await moderator_of(request, meeting_id, edge)
    return await edge.read(lambda uow: notifications.mail_report(uow, meeting=meeting, can_send=bool(settings.smtp_url)))
