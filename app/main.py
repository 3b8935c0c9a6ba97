"""The application: FastAPI for HTTP, python-socketio for realtime, one lifespan for both."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import socketio
from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse, JSONResponse

from app import memory, migrate, organiser, timers
from app.adapters import webhook_outbox as outbox
from app.adapters.mail_outbox import Mailer, SmtpServer
from app.adapters.media_storage import Storage
from app.adapters.rate_limiter import RateLimiter
from app.adapters.webhook_outbox import Outbox
from app.api import desk as desk_api
from app.api import errors
from app.api import formats as formats_api
from app.api import forms as forms_api
from app.api import invitations as invitations_api
from app.api import mail as mail_api
from app.api import meetings as meetings_api
from app.api import privacy as privacy_api
from app.api import record as record_api
from app.api import recordings as recordings_api
from app.api import series as series_api
from app.api import summary as summary_api
from app.api.guard import Guard, RedactInviteCodes
from app.config import Settings
from app.db import Database
from app.edge import Edge, EffectHandlers
from app.effects import DeleteRecording, PurgeMedia, ShareRecording, StopRecording, WakeMail, WakeOutbox
from app.realtime.publish import SocketPublisher
from app.realtime.server import Realtime, make_server
from app.services import participants, recordings
from app.services.recorder_tokens import ServiceTokens

log = logging.getLogger("roundtable")

TICK_GRACE_SECONDS = 5.0

FRONTEND = Path(__file__).resolve().parent.parent / "frontend" / "dist"

def create_app(settings: Settings | None = None) -> Guard:
    settings = settings or Settings()
    limiter = RateLimiter(settings)
    sio = make_server(settings)
    publisher = SocketPublisher(sio)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        logging.getLogger("uvicorn.access").addFilter(RedactInviteCodes())
        app.state.organiser_key, _ = organiser.load_or_create(settings)
        await asyncio.to_thread(migrate.upgrade, settings.resolved_database_url)
        db = Database(settings.resolved_database_url)
        # Every effect's handler, wired once: the sockets' here, the recordings' in _start_recordings.
        handlers = EffectHandlers()
        publisher.wire(handlers)
        sender = await _start_recordings(app, db, handlers, settings)
        mailer = _start_mail(db, handlers, settings)
        handlers.check_complete()
        edge = Edge(db, publisher, handlers)
        app.state.db, app.state.edge = db, edge
        Realtime(sio, edge, settings, limiter)
        await edge.apply(lambda uow: participants.forget_node_connections(uow, node_id=settings.node_id))
        stopping = asyncio.Event()
        ticker = asyncio.create_task(timers.run(edge, settings.timer_interval_seconds, stopping, timers.configured(settings)))
        trimmer = asyncio.create_task(memory.run(stopping))
        try:
            yield
        finally:
            # Let the current tick finish (its events go out), then stop ticking.
            stopping.set()
            await trimmer
            try:
                await asyncio.wait_for(ticker, TICK_GRACE_SECONDS)
            except TimeoutError:
                log.warning("the timer loop did not finish its tick within %s s; stopped it", TICK_GRACE_SECONDS)
            # Going away cleanly: our sockets' people are offline now, and any other process announces it.
            try:
                await edge.apply(lambda uow: participants.forget_node_connections(uow, node_id=settings.node_id))
            except Exception:
                log.exception("could not mark this process's sockets offline; the next start does it")
            await publisher.flush()
            sender.cancel()
            if mailer is not None:
                mailer.cancel()
            sio.cancel_timeouts()
            with contextlib.suppress(asyncio.CancelledError):
                await sender
            if mailer is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await mailer
            await db.dispose()

    api = FastAPI(
        title="Roundtable",
        version="1",
        description="Real-time facilitation server for live professional exchange sessions. See docs/protocol.md.",
        lifespan=lifespan,
        # FastAPI's /docs and /redoc load their UI from a CDN, which the CSP refuses: the schema is at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    api.state.settings = settings
    errors.install(api)
    api.include_router(desk_api.router)
    api.include_router(meetings_api.router)
    api.include_router(summary_api.router)
    api.include_router(record_api.router)
    api.include_router(recordings_api.router)
    api.include_router(privacy_api.router)
    api.include_router(forms_api.router)
    api.include_router(series_api.router)
    api.include_router(mail_api.router)
    api.include_router(invitations_api.router)
    api.include_router(formats_api.router)

    @api.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @api.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        checks = {"database": "ok"}
        try:
            await request.app.state.db.ping()
        except Exception:
            checks["database"] = "unavailable"
        if settings.redis_url:
            checks["redis"] = "ok"
            try:
                await _ping_redis(settings.redis_url)
            except Exception:
                checks["redis"] = "unavailable"
        ready = all(v == "ok" for v in checks.values())
        return JSONResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status_code=200 if ready else 503)

    _mount_frontend(api)
    return Guard(socketio.ASGIApp(sio, other_asgi_app=api), settings, limiter)


async def _start_recordings(app: FastAPI, db: Database, handlers: EffectHandlers, settings: Settings) -> asyncio.Task[None]:
    """Recording-service tokens, media storage, the webhook sender (woken after each commit that queued an event),
    and the handlers that carry out consent's decisions."""
    storage = Storage(settings.data_dir)
    storage.ensure()
    tokens = ServiceTokens.load(settings)
    app.state.storage, app.state.recorder_tokens = storage, tokens
    sender = Outbox(db, settings, tokens, storage)

    async def purge(effect: PurgeMedia) -> None:
        for recording_id in effect.recording_ids:
            try:
                await asyncio.to_thread(storage.purge, recording_id)
            except OSError:
                log.exception("media of a deleted recording could not be removed yet; the webhook sender retries")
        sender.wake()

    async def wake(_: WakeOutbox) -> None:
        sender.wake()

    handlers.decision(StopRecording, recordings.carry_out_stop)
    handlers.decision(DeleteRecording, recordings.carry_out_delete)
    handlers.decision(ShareRecording, recordings.carry_out_share)
    handlers.after_commit(PurgeMedia, purge)
    handlers.after_commit(WakeOutbox, wake)
    await outbox.purge_deleted(db, storage)
    return asyncio.create_task(sender.run())


def _start_mail(db: Database, handlers: EffectHandlers, settings: Settings) -> asyncio.Task[None] | None:
    """The mail sender, woken after each commit that queued a mail. Without ROUNDTABLE_SMTP_URL there is none:
    mails stay queued (the moderators see them as not sent) and go out once a mail server is configured."""
    if not settings.smtp_url:

        async def keep(_: WakeMail) -> None:
            return None

        handlers.after_commit(WakeMail, keep)
        return None
    mailer = Mailer(db, settings, SmtpServer.parse(settings.smtp_url))

    async def wake(_: WakeMail) -> None:
        mailer.wake()

    handlers.after_commit(WakeMail, wake)
    return asyncio.create_task(mailer.run())


async def _ping_redis(url: str) -> None:
    import redis.asyncio as aioredis

    client = aioredis.from_url(url)
    try:
        await asyncio.wait_for(client.ping(), timeout=2)
    finally:
        await client.aclose()


def _mount_frontend(api: FastAPI) -> None:
    """The pages: each path serves its HTML shell; the bundle reads the rest from the URL."""
    pages = {"/": "index.html", "/organise": "organise.html", "/join/{code}": "join.html", "/meeting/{meeting_id}": "meeting.html", "/console/{meeting_id}": "console.html"}

    def page_route(filename: str) -> Callable[[Request], Awaitable[Response]]:
        async def serve(request: Request) -> Response:
            path = FRONTEND / filename
            if not path.exists():
                return JSONResponse({"error": {"code": "not_found", "message": "The pages are not built; run 'make frontend'."}}, status_code=404)
            return FileResponse(path, headers={"Cache-Control": "no-cache"})

        return serve

    for route, filename in pages.items():
        api.add_api_route(route, page_route(filename), methods=["GET"], include_in_schema=False)

    @api.get("/assets/{name:path}", include_in_schema=False)
    async def asset(name: str) -> Response:
        if any(ord(c) < 32 or c == "\x7f" for c in name):  # a NUL made Path.resolve() raise: 500
            return JSONResponse({"error": {"code": "not_found", "message": "Not found."}}, status_code=404)
        path = (FRONTEND / "assets" / name).resolve()
        if not path.is_relative_to((FRONTEND / "assets").resolve()) or not path.is_file():
            return JSONResponse({"error": {"code": "not_found", "message": "Not found."}}, status_code=404)
        return FileResponse(path, headers={"Cache-Control": "no-cache"})
