"""Webhooks to recording services, from a persisted outbox: signed (Standard Webhooks), retried with backoff, across restarts.

Events are written in the same transaction as the change they report. A sender loop delivers them in
order per recording and concurrently across recordings and destinations (a stalled receiver delays only its
own webhooks); a `recording.delete` goes out only after the media is gone from storage.
"""

import asyncio
import json
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx
from sqlmodel import col, select
from standardwebhooks.webhooks import Webhook

from app import clock, ids
from app.adapters import callbacks
from app.adapters.media_storage import Storage
from app.config import Settings
from app.db import Database, UnitOfWork
from app.effects import WakeOutbox
from app.models import Recording, RecordingEvent
from app.rules import urls

log = logging.getLogger(__name__)

# While one process sends an event, others leave it alone for this long.
LEASE = timedelta(seconds=60)


class Secrets(Protocol):
    """Where the sender finds a recording service's webhook secret (app/services/recorder_tokens.py)."""

    def secret_of(self, service: str) -> str | None: ...


def enqueue(uow: UnitOfWork, recording: Recording, type: str) -> RecordingEvent:
    event = RecordingEvent(
        id=ids.new_id(),
        type=type,
        recording_id=recording.id,
        meeting_id=recording.meeting_id,
        service=recording.service,
        callback_url=recording.callback_url,
        occurred_at=uow.now,
        next_attempt_at=uow.now if recording.callback_url else None,
    )
    uow.session.add(event)
    uow.effect(WakeOutbox())
    return event


def payload(event: RecordingEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "recording_id": event.recording_id,
        "meeting_id": event.meeting_id,
        "occurred_at": clock.iso(event.occurred_at),
    }


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header (Standard Webhooks: `v1,<base64 HMAC-SHA256>` with the `whsec_` key)."""
    return Webhook(secret).sign(msg_id=message_id, timestamp=datetime.fromtimestamp(timestamp, tz=UTC), data=body.decode())


def backoff(attempts: int, settings: Settings) -> float:
    return float(min(settings.webhook_retry_base_seconds * 2 ** max(attempts - 1, 0), settings.webhook_retry_max_seconds))


async def feed(uow: UnitOfWork, *, service: str, after: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    rows = (
        await uow.session.exec(
            select(RecordingEvent)
            .where(RecordingEvent.service == service, col(RecordingEvent.seq) > after)
            .order_by(col(RecordingEvent.seq))
            .limit(limit)
        )
    ).all()
    cursor = rows[-1].seq if rows else after
    assert cursor is not None
    return [payload(r) for r in rows], cursor


class Outbox:
    """Delivers concurrently: each event is its own task, at most PER_DESTINATION at a time to one host and
    IN_FLIGHT in all, each bounded by WEBHOOK_TIMEOUT_SECONDS from start to answer. One slow or stalled receiver
    holds only its own slots: other destinations' webhooks go out at once."""

    PER_DESTINATION = 4
    IN_FLIGHT = 64

    def __init__(self, db: Database, settings: Settings, tokens: Secrets, storage: Storage):
        self.db = db
        self.settings = settings
        self.tokens = tokens
        self.storage = storage
        self.allowed = urls.Allowed.parse(settings.callback_allowed_hosts)
        self._wake = asyncio.Event()
        self._in_flight: set[asyncio.Task[None]] = set()
        self._destinations: dict[str, asyncio.Semaphore] = {}

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        async with httpx.AsyncClient(timeout=self.settings.webhook_timeout_seconds, follow_redirects=False) as http:
            try:
                while True:
                    self._wake.clear()
                    try:
                        wait = await self.send_due(http)
                    except Exception:
                        log.exception("webhook sender failed; trying again shortly")
                        wait = 1.0
                    try:
                        await asyncio.wait_for(self._wake.wait(), timeout=wait)
                    except TimeoutError:
                        pass
            finally:
                for task in list(self._in_flight):
                    task.cancel()
                await asyncio.gather(*self._in_flight, return_exceptions=True)

    async def send_due(self, http: httpx.AsyncClient) -> float:
        """Start a delivery for each event that is due; answer how long to sleep until the next falls due.
        A finished delivery wakes the loop, so the next event of the same recording follows at once."""
        if len(self._in_flight) < self.IN_FLIGHT:
            for event in await self._claim(limit=self.IN_FLIGHT - len(self._in_flight)):
                task = asyncio.create_task(self._deliver(http, event))
                self._in_flight.add(task)
                task.add_done_callback(self._finished)
        return await self._next_wait()

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        self._wake.set()

    async def _deliver(self, http: httpx.AsyncClient, event: RecordingEvent) -> None:
        destination = urlsplit(event.callback_url or "").netloc.lower()
        slots = self._destinations.setdefault(destination, asyncio.Semaphore(self.PER_DESTINATION))
        try:
            async with slots:
                await self._send(http, event)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("webhook %s could not be delivered; its lease runs out and it is tried again", event.id)

    async def _claim(self, limit: int) -> list[RecordingEvent]:
        async with self.db.unit_of_work() as uow:
            now = uow.now
            statement = (
                select(RecordingEvent)
                .where(col(RecordingEvent.delivered_at).is_(None), col(RecordingEvent.next_attempt_at).is_not(None))
                .order_by(col(RecordingEvent.seq))
            )
            if uow.session.bind is not None and uow.session.bind.dialect.name == "postgresql":
                # Several processes send: each claims what no other is holding (SQLite writers are serial anyway).
                statement = statement.with_for_update(skip_locked=True)
            pending = (await uow.session.exec(statement)).all()
            # In order per recording: a later event waits for the earlier one.
            first: dict[str, RecordingEvent] = {}
            for event in pending:
                first.setdefault(event.recording_id, event)
            claimed: list[RecordingEvent] = []
            for event in first.values():
                assert event.next_attempt_at is not None
                if event.next_attempt_at <= now and len(claimed) < limit:
                    event.attempts += 1
                    event.next_attempt_at = now + LEASE
                    claimed.append(event)
            return claimed

    async def _next_wait(self) -> float:
        async with self.db.read_only() as uow:
            soonest = (
                await uow.session.exec(
                    select(RecordingEvent.next_attempt_at)
                    .where(col(RecordingEvent.delivered_at).is_(None), col(RecordingEvent.next_attempt_at).is_not(None))
                    .order_by(col(RecordingEvent.next_attempt_at))
                    .limit(1)
                )
            ).first()
        if soonest is None:
            return 5.0
        return max(0.05, min(5.0, (soonest - clock.now()).total_seconds()))

    async def _send(self, http: httpx.AsyncClient, event: RecordingEvent) -> None:
        error: str | None = None
        secret = self.tokens.secret_of(event.service)
        if event.type == "recording.delete":
            # The promise: the media is gone before anyone is told it is deleted.
            await asyncio.to_thread(self.storage.purge, event.recording_id)
        if secret is None:
            error = "the recording service's token is no longer configured"
        else:
            body = json.dumps(payload(event), separators=(",", ":")).encode()
            timestamp = int(time.time())
            headers = {
                "content-type": "application/json",
                "webhook-id": event.id,
                "webhook-timestamp": str(timestamp),
                "webhook-signature": sign(secret, event.id, timestamp, body),
            }
            assert event.callback_url is not None
            try:
                # Checked again at delivery: a name may have come to resolve to an internal address.
                await callbacks.check(event.callback_url, self.allowed)
                # httpx's timeout is per read; a receiver that trickles its answer is cut off here.
                response = await asyncio.wait_for(
                    http.post(event.callback_url, content=body, headers=headers), self.settings.webhook_timeout_seconds
                )
                if not 200 <= response.status_code < 300:
                    error = f"answered {response.status_code}"
            except callbacks.CallbackRefused as exc:
                error = str(exc)
            except TimeoutError:
                error = "timed out"
            except httpx.HTTPError as exc:
                error = type(exc).__name__
        await self._settle(event, error)

    async def _settle(self, event: RecordingEvent, error: str | None) -> None:
        async with self.db.unit_of_work() as uow:
            row = await uow.session.get(RecordingEvent, event.seq)
            if row is None:
                return
            if error is None:
                row.delivered_at = uow.now
                row.last_error = None
                return
            delay = backoff(row.attempts, self.settings)
            row.next_attempt_at = uow.now + timedelta(seconds=delay)
            row.last_error = error[:200]
        log.warning("webhook %s (%s) not delivered: %s; next try in %.1fs", event.id, event.type, error, delay)


async def purge_deleted(db: Database, storage: Storage) -> None:
    """At start-up: no media of a deleted recording survives a crash between commit and removal."""
    async with db.read_only() as uow:
        deleted = (await uow.session.exec(select(Recording.id).where(Recording.status == "deleted"))).all()
    for recording_id in deleted:
        await asyncio.to_thread(storage.purge, recording_id)


