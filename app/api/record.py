"""/api/v1/meetings/{id}/record: the take-home record. Moderators release it to the lead (where the format says so)
and publish it; every member of the meeting reads it with their own token once it is theirs to read, after the end
too (the same `member_of` path the forms use), as JSON, Markdown or a printable HTML page."""

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response

from app.api.deps import EdgeDep, member_by_token, member_of, moderator_of
from app.db import UnitOfWork
from app.errors import Unauthorized
from app.services import participants, record, record_html
from app.services.record import Choices

router = APIRouter(prefix="/api/v1")


async def _publish(request: Request, meeting_id: str, edge: EdgeDep, body: Choices, *, lead_only: bool) -> dict[str, Any]:
    moderator, _ = await moderator_of(request, meeting_id, edge)

    async def change(uow: UnitOfWork) -> dict[str, Any]:
        meeting = await uow.lock_meeting(meeting_id)
        actor = await participants.get_actor(uow, moderator.id)
        step = record.release_to_lead if lead_only else record.publish
        row = await step(uow, meeting=meeting, actor=actor, choices=body)
        return {**record.state_of(row), "choices": row.choices}

    return await edge.apply(change)


@router.post("/meetings/{meeting_id}/record/publish")
async def publish_record(meeting_id: str, body: Choices, request: Request, edge: EdgeDep) -> dict[str, Any]:
    """Publish the record to everyone in the meeting (after its end): the forms whose results are in it, and the sections."""
    return await _publish(request, meeting_id, edge, body, lead_only=False)


@router.post("/meetings/{meeting_id}/record/release")
async def release_record(meeting_id: str, body: Choices, request: Request, edge: EdgeDep) -> dict[str, Any]:
    """Give the record first to the roles with the right receive_record (the format's record_first_to_lead)."""
    return await _publish(request, meeting_id, edge, body, lead_only=True)


async def _record(request: Request, meeting_id: str, edge: EdgeDep, *, token: str | None = None) -> dict[str, Any]:
    person, meeting = await (member_by_token(token, meeting_id, edge) if token is not None else member_of(request, meeting_id, edge))

    async def read(uow: UnitOfWork) -> dict[str, Any]:
        row = await record.check_reader(uow, meeting=meeting, person=person)
        return await record.build(uow, meeting=meeting, row=row)

    return await edge.read(read)


@router.get("/meetings/{meeting_id}/record")
async def record_json(meeting_id: str, request: Request, edge: EdgeDep) -> dict[str, Any]:
    """The record as JSON; `record_not_published` (404) until it is the asker's to read."""
    return await _record(request, meeting_id, edge)


def _download(body: str, *, media: str, name: str, inline: bool = False) -> Response:
    headers = {"Content-Disposition": f'{"inline" if inline else "attachment"}; filename="{name}"'}
    if media.startswith("text/html"):
        # The page's own policy: its one stylesheet, nothing else (no script, no other origin, no form).
        headers["Content-Security-Policy"] = record_html.POLICY
    return Response(body, media_type=media, headers=headers)


@router.get("/meetings/{meeting_id}/record.md")
async def record_markdown(meeting_id: str, request: Request, edge: EdgeDep) -> Response:
    data = await _record(request, meeting_id, edge)
    return _download(record.markdown(data), media="text/markdown; charset=utf-8", name=f"record-{meeting_id[:8]}.md")


@router.get("/meetings/{meeting_id}/record.html")
async def record_page(meeting_id: str, request: Request, edge: EdgeDep) -> Response:
    """A page that prints cleanly to PDF, in the meeting's language; every text escaped, no script."""
    data = await _record(request, meeting_id, edge)
    return _download(record_html.page(data), media="text/html; charset=utf-8", name=f"record-{meeting_id[:8]}.html")


@router.post("/meetings/{meeting_id}/record.html", include_in_schema=False)
async def record_page_opened(meeting_id: str, request: Request, edge: EdgeDep) -> Response:
    """The printable page opened in the browser: the participant page posts a form with the person's token (a
    page navigated to cannot send the Authorization header, and a token in the address would be logged)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    token = parse_qs(body, max_num_fields=4).get("token", [""])[0]
    if not token:
        raise Unauthorized("Send your token as the form field 'token'.")
    data = await _record(request, meeting_id, edge, token=token)
    return _download(record_html.page(data), media="text/html; charset=utf-8", name=f"record-{meeting_id[:8]}.html", inline=True)
