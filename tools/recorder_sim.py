"""A small recording service that uses Roundtable's recording-service API as a real one would.

It asks for permission, registers a recording, uploads a file, and serves a webhook endpoint on
127.0.0.1 that verifies every signature (with the `standardwebhooks` package), ignores repeats by
event id, and deletes its own copy of the media when told `recording.delete`.

    .venv/bin/python tools/recorder_sim.py --server http://127.0.0.1:8000 \\
        --token <service token> --secret whsec_... --meeting <meeting id> [--file recording.webm]

The tests import `RecorderSim` and `WebhookReceiver` from here.
"""

import argparse
import asyncio
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from aiohttp import web
from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    id: str
    type: str
    payload: dict[str, Any]
    headers: dict[str, str]


@dataclass
class WebhookReceiver:
    """Listens on 127.0.0.1 only. Can be taken down and brought back up to test retries."""

    secret: str
    on_event: Any = None
    port: int = 0
    events: list[Received] = field(default_factory=list)
    # Deliveries seen, repeats included; `events` holds each event id once.
    deliveries: int = 0
    rejected: int = 0
    _runner: web.AppRunner | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks"

    async def start(self) -> "WebhookReceiver":
        app = web.Application()
        app.router.add_post("/webhooks", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        if not self.port:
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k.lower(): v for k, v in request.headers.items()}
        self.deliveries += 1
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            self.rejected += 1
            return web.Response(status=400, text="bad signature")
        if any(e.id == payload["id"] for e in self.events):
            return web.Response(status=200, text="already handled")  # the event id is the idempotency key
        received = Received(payload["id"], payload["type"], payload, headers)
        self.events.append(received)
        if self.on_event is not None:
            await self.on_event(received)
        self._changed.set()
        return web.Response(status=204)

    async def wait_for(self, type: str, recording_id: str | None = None, within: float = 15) -> Received:
        deadline = asyncio.get_running_loop().time() + within
        while True:
            for e in self.events:
                if e.type == type and (recording_id is None or e.payload["recording_id"] == recording_id):
                    return e
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"no webhook {type} within {within}s; got {[e.type for e in self.events]}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass


class RecorderSim:
    """The recording service's side of the API, with a local copy of each recording it made."""

    def __init__(self, server: str, token: str, secret: str, workdir: Path, receiver_port: int = 0):
        self.http = httpx.AsyncClient(base_url=server, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        self.workdir = workdir
        self.receiver = WebhookReceiver(secret, on_event=self._on_event, port=receiver_port)

    async def start(self) -> "RecorderSim":
        self.workdir.mkdir(parents=True, exist_ok=True)
        await self.receiver.start()
        return self

    async def close(self) -> None:
        await self.receiver.stop()
        await self.http.aclose()

    def local_copy(self, recording_id: str) -> Path:
        return self.workdir / f"{recording_id}.bin"

    async def _on_event(self, event: Received) -> None:
        if event.type == "recording.delete":
            self.local_copy(event.payload["recording_id"]).unlink(missing_ok=True)

    async def permission(self, meeting_id: str) -> dict[str, Any]:
        response = await self.http.get(f"/api/v1/meetings/{meeting_id}/recording-permission")
        response.raise_for_status()
        return response.json()

    async def register(self, meeting_id: str, external_id: str = "call-1") -> httpx.Response:
        return await self.http.post(f"/api/v1/meetings/{meeting_id}/recordings", json={"external_id": external_id, "callback_url": self.receiver.url})

    async def record(self, meeting_id: str, media: bytes, external_id: str = "call-1") -> dict[str, Any]:
        """What a recorder does in a meeting: ask, register, keep its copy, upload, stop."""
        allowed = await self.permission(meeting_id)
        if not allowed["allowed"]:
            raise PermissionError(allowed["reason"])
        response = await self.register(meeting_id, external_id)
        response.raise_for_status()
        recording = response.json()
        self.local_copy(recording["id"]).write_bytes(media)
        await self.upload(recording["id"], media)
        return await self.stop(recording["id"])

    async def upload(self, recording_id: str, media: bytes, content_type: str = "video/webm") -> httpx.Response:
        return await self.http.put(f"/api/v1/recordings/{recording_id}/media", content=media, headers={"content-type": content_type})

    async def stop(self, recording_id: str) -> dict[str, Any]:
        response = await self.http.post(f"/api/v1/recordings/{recording_id}/stop")
        response.raise_for_status()
        return response.json()

    async def get(self, recording_id: str) -> httpx.Response:
        return await self.http.get(f"/api/v1/recordings/{recording_id}")

    async def download(self, recording_id: str) -> httpx.Response:
        return await self.http.get(f"/api/v1/recordings/{recording_id}/media")

    async def poll(self, after: str | None = None) -> dict[str, Any]:
        response = await self.http.get("/api/v1/recording-events", params={"after": after} if after else None)
        response.raise_for_status()
        return response.json()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="http://127.0.0.1:8000")
    parser.add_argument("--token", required=True, help="the recording-service token")
    parser.add_argument("--secret", required=True, help="its webhook secret, whsec_...")
    parser.add_argument("--meeting", required=True, help="the meeting id")
    parser.add_argument("--file", type=Path, help="the media to upload (default: a few generated bytes)")
    parser.add_argument("--port", type=int, default=0, help="the webhook port on 127.0.0.1 (default: any free one)")
    parser.add_argument("--workdir", type=Path, default=Path("data/recorder-sim"))
    args = parser.parse_args()
    media = args.file.read_bytes() if args.file else b"RIFF" + bytes(range(256)) * 64
    sim = await RecorderSim(args.server, args.token, args.secret, args.workdir, args.port).start()
    print(f"Webhooks are received on {sim.receiver.url}")
    try:
        permission = await sim.permission(args.meeting)
        print(f"Permission: {json.dumps(permission)}")
        if not permission["allowed"]:
            print("Not allowed to record: stopping here.")
            return 1
        recording = await sim.record(args.meeting, media)
        print(f"Recorded and uploaded {len(media)} bytes (sha256 {hashlib.sha256(media).hexdigest()}): {json.dumps(recording)}")
        print("Waiting for the participants' decision (Ctrl-C to stop)...")
        seen = 0
        while True:
            await asyncio.sleep(0.5)
            for event in sim.receiver.events[seen:]:
                print(f"Webhook (signature verified): {json.dumps(event.payload)}")
                if event.type == "recording.delete":
                    print(f"Deleted my copy: {sim.local_copy(event.payload['recording_id'])}")
                if event.type == "recording.shared":
                    response = await sim.download(event.payload["recording_id"])
                    print(f"Shared: downloaded {len(response.content)} bytes back ({response.status_code}).")
            seen = len(sim.receiver.events)
    except (KeyboardInterrupt, asyncio.CancelledError):
        return 0
    finally:
        await sim.close()


if __name__ == "__main__":
    try:
        sys.exit(asyncio.run(main()))
    except KeyboardInterrupt:
        sys.exit(0)
