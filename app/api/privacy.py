"""/api/v1/me/...: a person's own data and consent record, read and erased with their own link's token;
/api/v1/meetings/{id}/consent-report: the organiser's proof of consent."""

from typing import Any

from fastapi import APIRouter, Request, Response

from app.api.deps import CurrentOrganiser, EdgeDep, bearer
from app.db import UnitOfWork
from app.services import organisers, participants, privacy

router = APIRouter(prefix="/api/v1")


@router.get("/me/consent")
async def my_consent(request: Request, edge: EdgeDep) -> dict[str, Any]:
    token = bearer(request)

    async def read(uow: UnitOfWork) -> dict[str, Any]:
        return await privacy.consent_record(uow, person=await participants.authenticate(uow, token))

    return await edge.read(read)


@router.get("/me/data")
async def my_data(request: Request, edge: EdgeDep, response: Response) -> dict[str, Any]:
    """Everything held about the token's holder (GDPR art. 15), as JSON to download."""
    token = bearer(request)

    async def read(uow: UnitOfWork) -> dict[str, Any]:
        return await privacy.export_person(uow, person=await participants.authenticate(uow, token))

    response.headers["Content-Disposition"] = 'attachment; filename="roundtable-my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return await edge.read(read)


@router.delete("/me", status_code=204)
async def erase_me(request: Request, edge: EdgeDep) -> Response:
    """Erase the token's holder (GDPR art. 17): their contributions are deleted and their link stops working."""
    token = bearer(request)

    async def erase(uow: UnitOfWork) -> None:
        await privacy.erase_person(uow, person=await participants.authenticate(uow, token))

    await edge.apply(erase)
    return Response(status_code=204)


@router.get("/meetings/{meeting_id}/consent-report")
async def consent_report(meeting_id: str, organiser: CurrentOrganiser, edge: EdgeDep) -> dict[str, Any]:
    async def read(uow: UnitOfWork) -> dict[str, Any]:
        meeting = await organisers.meeting_of(uow, organiser=organiser, meeting_id=meeting_id, erased=True)
        return await privacy.consent_report(uow, meeting=meeting)

    return await edge.read(read)
