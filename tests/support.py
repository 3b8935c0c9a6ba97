"""Test helpers: a real server process on 127.0.0.1, and Socket.IO clients that record what they receive."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import socketio

ROOT = Path(__file__).resolve().parent.parent
ORGANISER_KEY = "test-organiser-key-0123456789abcdef"
# Every test client comes from 127.0.0.1, so the per-address limits would count a whole test module as one
# visitor: the shared servers raise them. Tests of the limits start servers with the real ones.
GENEROUS_LIMITS = {
    "ROUNDTABLE_RATE_LIMIT_HTTP_PER_IP": "100000/second",
    "ROUNDTABLE_RATE_LIMIT_JOIN_PER_IP": "100000/second",
    "ROUNDTABLE_RATE_LIMIT_CONNECT_PER_IP": "100000/second",
    "ROUNDTABLE_RATE_LIMIT_COMMAND_PER_PERSON": "100000/second",
    "ROUNDTABLE_RATE_LIMIT_COMMAND_PER_IP": "100000/second",
    "ROUNDTABLE_RATE_LIMIT_QUESTION_PER_PERSON": "100000/second",
    "ROUNDTABLE_RATE_LIMIT_MAIL_ADDRESS_PER_IP": "100000/second",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def until(check: Callable[..., Any], what: str = "the condition", within: float = 20, every: float = 0.005) -> None:
    """Waits, polling every `every` seconds, until `check()` is true; fails the test after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not check():
        assert loop.time() < deadline, f"{what}: not so within {within} s"
        await asyncio.sleep(every)


@dataclass
class ServerProcess:
    """`python -m app serve` in its own process, on a free port and a data folder of its own."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> "ServerProcess":
        env = {
            **os.environ,
            "ROUNDTABLE_DATA_DIR": str(self.data_dir),
            "ROUNDTABLE_PORT": str(self.port),
            "ROUNDTABLE_HOST": "127.0.0.1",
            "ROUNDTABLE_ORGANISER_KEY": ORGANISER_KEY,
            "ROUNDTABLE_TIMER_INTERVAL_SECONDS": "0.1",
            "ROUNDTABLE_LOG_LEVEL": "warning",
            # Anonymous questions are held back for a random while; in tests a short one (tests/inprocess checks the real range).
            "ROUNDTABLE_ANONYMOUS_QUESTION_DELAY_MIN_SECONDS": "0.2",
            "ROUNDTABLE_ANONYMOUS_QUESTION_DELAY_MAX_SECONDS": "0.6",
            **GENEROUS_LIMITS,
            **self.env,
        }
        # Let the server keep its bytecode: compiling everything at each start is slow.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = self.data_dir / f"server-{self.port}.log"
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "app", "serve"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.proc = None
                raise RuntimeError(f"server exited: {self.log()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"server did not start: {self.log()}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def kill(self) -> None:
        """Stop without a clean shutdown, as a crash would."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path and self.log_path.exists() else ""


class Api:
    """The HTTP API as a recording service, organiser or browser would call it."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = httpx.AsyncClient(base_url=base_url, timeout=10)

    async def close(self) -> None:
        await self.http.aclose()

    async def create_meeting(self, title: str = "Ask the audience: intake interviews", format: str = "open", **extra: Any) -> dict:
        response = await self.http.post(
            "/api/v1/meetings", json={"title": title, "format": format, **extra}, headers={"Authorization": f"Bearer {ORGANISER_KEY}"}
        )
        assert response.status_code == 201, response.text
        return response.json()

    async def join(self, join_code: str, name: str, organisation: str | None = None, **extra: Any) -> dict:
        response = await self.http.post("/api/v1/join", json={"join_code": join_code, "display_name": name, "organisation": organisation, **extra})
        assert response.status_code == 201, response.text
        return response.json()


class Client:
    """A Socket.IO client that keeps the snapshot and every event it receives."""

    def __init__(self, url: str, token: str, name: str = ""):
        self.url = url
        self.token = token
        self.name = name
        self.sio = socketio.AsyncClient(reconnection=False)
        self.snapshots: list[dict] = []
        self.events: list[dict] = []
        self.raw_events: list[dict] = []
        self.disconnected = asyncio.Event()
        self._changed = asyncio.Event()
        self.sio.on("snapshot", self._on_snapshot)
        self.sio.on("event", self._on_event)
        self.sio.on("events", self._on_events)
        self.sio.on("disconnect", self._on_disconnect)

    async def _on_snapshot(self, data: dict) -> None:
        # As protocol.md asks of clients: events not above the snapshot's version are already in it.
        self.snapshots.append(data)
        self.events = [e for e in self.events if e["version"] > data["version"]]
        self._changed.set()

    async def _on_event(self, data: dict) -> None:
        self.raw_events.append(data)
        if not self.snapshots or data["version"] > self.snapshots[-1]["version"]:
            self.events.append(data)
        self._changed.set()

    async def _on_events(self, data: list[dict]) -> None:
        # A burst's events, sent together (docs/protocol.md).
        for event in data:
            await self._on_event(event)

    async def _on_disconnect(self, *args: Any) -> None:
        self.disconnected.set()

    async def connect(self, wait_snapshot: bool = True) -> "Client":
        await self.sio.connect(self.url, auth={"token": self.token}, transports=["websocket"], wait_timeout=10)
        if wait_snapshot:
            await self.wait_snapshot()
        return self

    async def wait_snapshot(self, count: int = 1, timeout: float = 10) -> dict:
        await self._wait(lambda: len(self.snapshots) >= count, timeout, "snapshot")
        return self.snapshots[count - 1]

    @property
    def snapshot(self) -> dict:
        return self.snapshots[-1]

    @property
    def version(self) -> int:
        """The newest state version this client has seen."""
        return max([self.snapshot["version"], *(e["version"] for e in self.events)])

    @property
    def me(self) -> str:
        return self.snapshot["you"]["participant_id"]

    async def command(self, type: str, command_id: str | None = None, **data: Any) -> dict:
        message: dict[str, Any] = {"type": type, "data": data}
        if command_id:
            message["command_id"] = command_id
        return await self.sio.call("command", message, timeout=10)

    async def ok(self, type: str, **data: Any) -> dict:
        answer = await self.command(type, **data)
        assert answer["ok"], f"{self.name} {type}: {answer}"
        return answer

    async def wait_event(self, type: str, where: Callable[[dict], bool] = lambda e: True, timeout: float = 20) -> dict:
        found: list[dict] = []

        def check() -> bool:
            found[:] = [e for e in self.events if e["type"] == type and where(e)]
            return bool(found)

        await self._wait(check, timeout, f"event {type}")
        return found[0]

    async def wait_presence(self, participant_id: str, online: bool, timeout: float = 20) -> dict:
        """The presence announcement that says this person came (or went)."""
        wanted = {"participant_id": participant_id, "online": online}
        return await self.wait_event("participant.presence_changed", lambda e: wanted in e["data"]["changes"], timeout)

    def events_of(self, type: str) -> list[dict]:
        return [e for e in self.events if e["type"] == type]

    async def _wait(self, check: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while not check():
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"{self.name}: no {what} within {timeout}s; got {[e['type'] for e in self.events]}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass

    async def close(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()
