"""The recording-service API: permission, recordings, media and the event feed (docs/protocol.md, exact)."""

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from pydantic import AnyHttpUrl, BaseModel, Field

from app.adapters import callbacks
from app.adapters import webhook_outbox as outbox
from app.adapters.media_storage import Storage, TooLargeUpload, receive
from app.api.deps import EdgeDep, SettingsDep, bearer
from app.api.schemas import Body
from app.errors import InvalidInput, NotFound, TooLarge, Unauthorized
from app.models import Role
from app.rules import urls
from app.services import participants
from app.services import recordings as service
from app.services.recorder_tokens import Service, ServiceTokens

router = APIRouter(prefix="/api/v1", tags=["recording service"])

MEDIA_TYPE = re.compile(r"(audio|video)/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")


class RecordingCreate(Body):
    external_id: str = Field(min_length=1, max_length=200)
    callback_url: AnyHttpUrl | None = Field(default=None, description="Where webhooks for this recording are sent.")


class Permission(BaseModel):
    meeting_id: str
    allowed: bool
    state: str
    reason: str


class Media(BaseModel):
    size: int
    sha256: str
    content_type: str | None


class RecordingOut(BaseModel):
    id: str
    meeting_id: str
    external_id: str
    status: str
    started_at: str
    stopped_at: str | None
    deleted_at: str | None
    media: Media | None


class RecordingEventOut(BaseModel):
    id: str
    type: str
    recording_id: str
    meeting_id: str
    occurred_at: str


class EventFeed(BaseModel):
    events: list[RecordingEventOut]
    cursor: str


def get_tokens(request: Request) -> ServiceTokens:
    return request.app.state.recorder_tokens


def get_storage(request: Request) -> Storage:
    return request.app.state.storage


def recording_service(request: Request, tokens: Annotated[ServiceTokens, Depends(get_tokens)]) -> Service:
    return tokens.authenticate(bearer(request))


ServiceDep = Annotated[Service, Depends(recording_service)]
StorageDep = Annotated[Storage, Depends(get_storage)]


@router.get("/meetings/{meeting_id}/recording-permission", response_model=Permission)
async def recording_permission(meeting_id: str, who: ServiceDep, edge: EdgeDep) -> dict[str, Any]:
    return await edge.read(lambda uow: service.permission(uow, meeting_id=meeting_id))


@router.post("/meetings/{meeting_id}/recordings", status_code=201, response_model=RecordingOut)
async def register_recording(meeting_id: str, body: RecordingCreate, who: ServiceDep, edge: EdgeDep, settings: SettingsDep) -> dict[str, Any]:
    callback = None
    if body.callback_url is not None:
        try:
            callback = urls.normalise_http_url(str(body.callback_url))
            await callbacks.check(callback, urls.Allowed.parse(settings.callback_allowed_hosts))
        except (urls.BadUrl, callbacks.CallbackRefused) as exc:
            raise InvalidInput(f"callback_url: {exc}") from None
    recording = await edge.apply(
        lambda uow: service.register(uow, meeting_id=meeting_id, service=who.id, external_id=body.external_id, callback_url=callback)
    )
    return service.view(recording)


@router.get("/recordings/{recording_id}", response_model=RecordingOut)
async def get_recording(recording_id: str, who: ServiceDep, edge: EdgeDep) -> dict[str, Any]:
    recording = await edge.read(lambda uow: service.owned(uow, recording_id=recording_id, service=who.id))
    return service.view(recording)


@router.post("/recordings/{recording_id}/stop", response_model=RecordingOut)
async def stop_recording(recording_id: str, who: ServiceDep, edge: EdgeDep) -> dict[str, Any]:
    return service.view(await edge.apply(lambda uow: service.stop(uow, recording_id=recording_id, service=who.id)))


@router.put(
    "/recordings/{recording_id}/media",
    response_model=RecordingOut,
    openapi_extra={"requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}, "required": True}},
)
async def upload_media(recording_id: str, request: Request, who: ServiceDep, edge: EdgeDep, storage: StorageDep, settings: SettingsDep) -> dict[str, Any]:
    limit = settings.max_recording_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"The media is larger than the limit of {limit} bytes.")
    content_type = media_type(request.headers.get("content-type"))
    await edge.read(lambda uow: service.check_upload_possible(uow, recording_id=recording_id, service=who.id))
    part = storage.new_part(recording_id)
    try:
        upload = await receive(request.stream(), part, limit)
    except TooLargeUpload:
        raise TooLarge(f"The media is larger than the limit of {limit} bytes.") from None
    if upload.size == 0:
        part.unlink(missing_ok=True)
        raise InvalidInput("The media is empty.")
    try:
        recording = await edge.apply(
            lambda uow: service.store_media(
                uow, recording_id=recording_id, service=who.id, upload=upload, content_type=content_type, final_path=storage.media_path(recording_id)
            )
        )
    finally:
        part.unlink(missing_ok=True)
    return service.view(recording)


def media_type(header: str | None) -> str:
    """audio/… or video/… only: the media is served back with this type, and anything else (text/html) could run
    as a page in a moderator's browser."""
    value = (header or "").split(";", 1)[0].strip().lower()
    if not MEDIA_TYPE.fullmatch(value):
        raise InvalidInput("The media's Content-Type must be audio/… or video/… (e.g. video/webm).")
    return value


@router.get("/recordings/{recording_id}/media", response_class=FileResponse, responses={200: {"content": {"application/octet-stream": {}}}})
async def download_media(recording_id: str, request: Request, edge: EdgeDep, storage: StorageDep, tokens: Annotated[ServiceTokens, Depends(get_tokens)]) -> FileResponse:
    """The media, once shared: for the recording service that registered it, or a moderator of its meeting."""
    token = bearer(request)
    service_id: str | None = None
    meeting_id: str | None = None
    try:
        service_id = tokens.authenticate(token).id
    except Unauthorized:
        person = await edge.read(lambda uow: participants.authenticate(uow, token))
        if person.role != Role.moderator:
            raise NotFound("No such recording.") from None
        meeting_id = person.meeting_id
    recording = await edge.read(lambda uow: service.check_media_readable(uow, recording_id=recording_id, service=service_id, meeting_id=meeting_id))
    path = storage.media_path(recording.id)
    if not path.exists():
        raise NotFound("No media has been uploaded for this recording.")
    return FileResponse(path, media_type=recording.media_content_type or "application/octet-stream", filename=f"recording-{recording.id}")


@router.get("/recording-events", response_model=EventFeed)
async def recording_events(
    who: ServiceDep,
    edge: EdgeDep,
    after: Annotated[str | None, Query(max_length=18, pattern=r"^\d*$", description="The cursor of the last page; none for the beginning. At most 18 digits (a larger number overflowed the database's integer).")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    start = int(after) if after else 0
    events, cursor = await edge.read(lambda uow: outbox.feed(uow, service=who.id, after=start, limit=limit))
    return {"events": events, "cursor": str(cursor)}


