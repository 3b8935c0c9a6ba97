"""Floods against a real server, as issue 11's probe ran them, and what another client notices meanwhile.

    .venv/bin/python -m bench.floods                 # the real limits (the defaults)
    .venv/bin/python -m bench.floods --env ROUNDTABLE_RATE_LIMIT_COMMAND_PER_PERSON=100000/second

Scenarios (each 5 s, from an attacker address of its own, 127.0.0.2…): 1,000 hand raise/lower toggles from one
person; 1,000 questions from one person; 500 joins with the invite code; bad-token socket connects as fast as
one process can open them. Meanwhile five other people (from 127.0.0.1) raise and lower their hands four times a
second each; their command acks are timed, quiet first and then during each flood. Prints one JSON object.
"""

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import websockets

from tests.support import Api, Client, ServerProcess

FLOOD_SECONDS = 5.0


class Raw:
    """An attacker's socket, written by hand (engine.io v4 / Socket.IO v5 framing), from an address of its own."""

    def __init__(self, ws: Any):
        self.ws = ws
        self.acks: dict[int, asyncio.Future[Any]] = {}
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def open(cls, port: int, address: str) -> "Raw":
        ws = await websockets.connect(f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket", local_addr=(address, 0))
        await ws.recv()  # engine.io OPEN
        return cls(ws)

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                if message == "2":
                    await self.ws.send("3")
                elif isinstance(message, str) and message.startswith("43"):
                    digits = "".join(c for c in message[2:].split("[", 1)[0] if c.isdigit())
                    future = self.acks.pop(int(digits), None)
                    if future is not None and not future.done():
                        future.set_result(json.loads(message[2 + len(digits):])[0])
        except websockets.ConnectionClosed:
            pass

    async def call(self, ack: int, message: dict[str, Any]) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.acks[ack] = future
        await self.ws.send(f"42{ack}" + json.dumps(["command", message]))
        return await asyncio.wait_for(future, 30)

    async def close(self) -> None:
        await self.ws.close()
        self.reader.cancel()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def victims_run(victims: list[Client], seconds: float) -> list[float]:
    """Each victim toggles its hand four times a second; the ack times in milliseconds."""
    times: list[float] = []

    async def one(client: Client) -> None:
        raised = False
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            started = time.perf_counter()
            answer = await client.command("hand.lower" if raised else "hand.raise")
            times.append((time.perf_counter() - started) * 1000)
            if answer["ok"]:
                raised = not raised
            await asyncio.sleep(max(0.0, 0.25 - (time.perf_counter() - started)))

    await asyncio.gather(*(one(v) for v in victims))
    return times


async def command_flood(server: ServerProcess, token: str, address: str, message: Callable[[int], dict]) -> dict[str, int]:
    """1,000 commands from one person over FLOOD_SECONDS on a raw socket, counted by how they were answered."""
    raw = await Raw.open(server.port, address)
    await raw.ws.send("40" + json.dumps({"token": token}))
    counts = {"accepted": 0, "rate_limited": 0, "other": 0}
    interval = FLOOD_SECONDS / 1000

    async def one(i: int) -> None:
        answer = await raw.call(i + 1, message(i))
        counts["accepted" if answer["ok"] else ("rate_limited" if answer["error"]["code"] == "rate_limited" else "other")] += 1

    await asyncio.sleep(0.5)
    tasks = []
    for i in range(1000):
        tasks.append(asyncio.ensure_future(one(i)))
        await asyncio.sleep(interval)
    await asyncio.gather(*tasks)
    await raw.close()
    return counts


def toggle(i: int) -> dict:
    return {"type": "hand.raise" if i % 2 == 0 else "hand.lower", "data": {}}


def question(i: int) -> dict:
    return {"type": "question.submit", "data": {"text": f"Flood question {i}?"}}


async def joins(server: ServerProcess, join_code: str, address: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    async with httpx.AsyncClient(base_url=server.url, timeout=30, transport=httpx.AsyncHTTPTransport(local_address=address)) as http:

        async def one(i: int) -> None:
            response = await http.post("/api/v1/join", json={"join_code": join_code, "display_name": f"Flood {i}"})
            key = "accepted" if response.status_code == 201 else response.json()["error"]["code"]
            counts[key] = counts.get(key, 0) + 1

        tasks = []
        for i in range(500):
            tasks.append(asyncio.ensure_future(one(i)))
            await asyncio.sleep(FLOOD_SECONDS / 500)
        await asyncio.gather(*tasks)
    return counts


async def bad_connects(server: ServerProcess, address: str) -> dict[str, int]:
    counts = {"unauthorized": 0, "rate_limited": 0, "other": 0}
    end = time.perf_counter() + FLOOD_SECONDS

    async def worker() -> None:
        while time.perf_counter() < end:
            try:
                ws = await websockets.connect(f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket", local_addr=(address, 0))
                await ws.recv()
                await ws.send('40{"token":"not-a-token"}')
                answer = await asyncio.wait_for(ws.recv(), 10)
                await ws.close()
                key = "unauthorized" if "unauthorized" in answer else "rate_limited" if "rate_limited" in answer else "other"
            except Exception:
                key = "other"
            counts[key] += 1

    await asyncio.gather(*(worker() for _ in range(8)))
    counts["per_second"] = round(sum(counts.values()) / FLOOD_SECONDS)
    return counts


async def run(env: dict[str, str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        # The shared test defaults raise every limit; put the server's own defaults back, then the caller's.
        defaults = {name: value for name, value in _defaults().items()}
        server = ServerProcess(Path(tmp), env={**defaults, "ROUNDTABLE_LOG_LEVEL": "warning", **env}).start(timeout=120)
        api = Api(server.url)
        victims: list[Client] = []
        try:
            meeting = await api.create_meeting("Flood")
            moderator = Client(server.url, meeting["moderator_token"], "moderator")
            await moderator.connect()
            victims.append(moderator)
            await moderator.ok("meeting.start")
            for name in ("Anna", "Bo", "Cai", "Dana"):
                joined = await api.join(meeting["join_code"], name)
                victims.append(await Client(server.url, joined["token"], name).connect())
            attacker = await api.join(meeting["join_code"], "Mallory")
            asker = await api.join(meeting["join_code"], "Eve")
            results: dict[str, Any] = {"quiet": _stats(await victims_run(victims, FLOOD_SECONDS))}
            scenarios = {
                "hand_toggles_1000_in_5s": lambda: command_flood(server, attacker["token"], "127.0.0.2", toggle),
                "questions_1000_in_5s": lambda: command_flood(server, asker["token"], "127.0.0.3", question),
                "joins_500_in_5s": lambda: joins(server, meeting["join_code"], "127.0.0.4"),
                "bad_token_connects_5s": lambda: bad_connects(server, "127.0.0.5"),
            }
            for name, flood in scenarios.items():
                before = len(moderator.raw_events)
                counts, times = await asyncio.gather(flood(), victims_run(victims, FLOOD_SECONDS))
                results[name] = {"flood": counts, "victims_ack_ms": _stats(times), "events_to_each_listener": len(moderator.raw_events) - before}
            return results
        finally:
            for client in victims:
                await client.close()
            await api.close()
            server.stop()


def _defaults() -> dict[str, str]:
    from app.config import Settings

    fields = Settings.model_fields
    return {f"ROUNDTABLE_{name.upper()}": str(field.default) for name, field in fields.items() if name.startswith("rate_limit_")}


def _stats(times: list[float]) -> dict[str, float]:
    return {"n": len(times), "p50": round(statistics.median(times), 1) if times else float("nan"), "p99": round(percentile(times, 0.99), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server, e.g. to raise a limit")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    print(json.dumps(asyncio.run(run(env)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
