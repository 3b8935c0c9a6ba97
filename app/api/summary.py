"""/api/v1/meetings/{id}/summary: what the meeting produced, for its moderators and organisers, as JSON and Markdown."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from app.api.deps import EdgeDep, moderator_or_organiser_of
from app.services import summary

router = APIRouter(prefix="/api/v1")


@router.get("/meetings/{meeting_id}/summary")
async def summary_json(meeting_id: str, request: Request, edge: EdgeDep) -> dict[str, Any]:
    """Title, date, format, organisations (names only of those who opted in), questions, turns, resources, follow-up."""
    _, meeting = await moderator_or_organiser_of(request, meeting_id, edge)
    return await edge.read(lambda uow: summary.build(uow, meeting=meeting))


@router.get("/meetings/{meeting_id}/summary.md", response_class=PlainTextResponse)
async def summary_markdown(meeting_id: str, request: Request, edge: EdgeDep) -> PlainTextResponse:
    _, meeting = await moderator_or_organiser_of(request, meeting_id, edge)
    data = await edge.read(lambda uow: summary.build(uow, meeting=meeting))
    return PlainTextResponse(
        summary.markdown(data),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="summary-{meeting.id[:8]}.md"'},
    )
