"""What a hostile client can write on the socket, byte for byte: a raw websocket speaking engine.io v4 / Socket.IO v5
framing (`40{auth}` connects to the namespace, `42[...]` is an event, `42N[...]` an event asking for ack N).

A server of its own with tight limits; every raw socket comes from an address of its own in 127.0.0.0/8, so the
per-address counters of one test do not spend another's.
"""

import asyncio
import itertools
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from tests.support import Api, Client, ServerProcess

_addresses = itertools.count(10)


def new_address() -> str:
    return f"127.0.1.{next(_addresses)}"


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    # Windows of a day: the limiter's sliding window admits a little more across a window's edge, so a
    # minute window made exact counts fail whenever a slow run crossed a minute; day edges fall at midnight UTC.
    process = ServerProcess(
        tmp_path_factory.mktemp("wire"),
        env={
            "ROUNDTABLE_RATE_LIMIT_CONNECT_PER_IP": "10/day",
            "ROUNDTABLE_RATE_LIMIT_COMMAND_PER_PERSON": "10/day",
            "ROUNDTABLE_RATE_LIMIT_QUESTION_PER_PERSON": "3/day",
            "ROUNDTABLE_SOCKET_CONNECT_TIMEOUT_SECONDS": "1",
        },
    ).start()
    yield process
    process.stop()


@pytest.fixture
async def api(wire: ServerProcess) -> AsyncIterator[Api]:
    client = Api(wire.url)
    yield client
    await client.close()


@pytest.fixture
async def observers(wire: ServerProcess) -> AsyncIterator[list[Client]]:
    opened: list[Client] = []
    yield opened
    for client in opened:
        await client.close()


class Raw:
    """A socket written by hand."""

    def __init__(self, ws: ClientConnection):
        self.ws = ws
        self.received: list[str] = []
        self._reader = asyncio.ensure_future(self._read())
        self._changed = asyncio.Event()

    @classmethod
    async def open(cls, server: ServerProcess, address: str | None = None) -> "Raw":
        url = f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket"
        ws = await websockets.connect(url, local_addr=(address or new_address(), 0), max_size=None)
        raw = cls(ws)
        await raw.wait(lambda m: m.startswith("0{"))
        return raw

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                text = message if isinstance(message, str) else message.decode()
                if text == "2":  # engine.io ping
                    await self.ws.send("3")
                    continue
                self.received.append(text)
                self._changed.set()
        except websockets.ConnectionClosed:
            pass
        self._changed.set()

    @property
    def closed(self) -> bool:
        return self._reader.done()

    async def send(self, text: str) -> None:
        await self.ws.send(text)

    async def wait(self, match: Any, timeout: float = 20) -> str:
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            for message in self.received:
                if match(message):
                    return message
            if self.closed:
                raise AssertionError(f"socket closed; got {self.received}")
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"nothing matching within {timeout}s; got {self.received}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass

    async def join(self, token: str) -> dict:
        await self.send("40" + json.dumps({"token": token}))
        await self.wait(lambda m: m.startswith("40{") or m.startswith("44"))
        snapshot = await self.wait(lambda m: m.startswith('42["snapshot"'))
        return json.loads(snapshot[2:])[1]

    async def call(self, ack_id: int, *args: Any, raw: str | None = None) -> Any:
        await self.send(raw if raw is not None else f"42{ack_id}" + json.dumps(list(args)))
        answer = await self.wait(lambda m: m.startswith(f"43{ack_id}["))
        return json.loads(answer[len(f"43{ack_id}"):])[0]

    def count(self, prefix: str) -> int:
        return sum(1 for m in self.received if m.startswith(prefix))

    async def close(self) -> None:
        await self.ws.close()
        self._reader.cancel()


@pytest.fixture
async def raws() -> AsyncIterator[list[Raw]]:
    opened: list[Raw] = []
    yield opened
    for raw in opened:
        await raw.close()


async def online_count(api: Api, meeting: dict) -> int:
    summary = await api.http.get(f"/api/v1/meetings/{meeting['id']}", headers={"Authorization": f"Bearer {meeting['moderator_token']}"})
    return summary.json()["online"]


class TestReservedEventNames:
    async def test_a_faked_disconnect_changes_nothing(self, wire, api, observers, raws):
        meeting = await api.create_meeting()
        moderator = Client(wire.url, meeting["moderator_token"], "moderator")
        observers.append(moderator)
        await moderator.connect()
        anna = await api.join(meeting["join_code"], "Anna")
        raw = await Raw.open(wire)
        raws.append(raw)
        await raw.join(anna["token"])
        await moderator.wait_presence(anna["participant_id"], online=True)
        await moderator.ok("meeting.start")
        await raw.send('42["disconnect"]')
        await raw.send('42["disconnect","client namespace disconnect"]')
        # The same socket goes on: a command after the fake disconnects is applied and seen by the room.
        answer = await raw.call(1, "command", {"type": "hand.raise", "data": {}})
        assert answer["ok"], answer
        await moderator.wait_event("hand.raised")
        await moderator.ok("chat.send", text="Still here?", kind="message")
        await raw.wait(lambda m: "Still here?" in m)
        assert await online_count(api, meeting) == 2
        gone = [e for e in moderator.events_of("participant.presence_changed") if {"participant_id": anna["participant_id"], "online": False} in e["data"]["changes"]]
        assert gone == []

    async def test_a_repeated_connect_event_builds_no_snapshot(self, wire, api, raws):
        meeting = await api.create_meeting()
        raw = await Raw.open(wire)
        raws.append(raw)
        await raw.join(meeting["moderator_token"])
        for _ in range(20):
            await raw.send('42["connect",{},' + json.dumps({"token": meeting["moderator_token"]}) + "]")
        refused = await raw.call(7, "connect", {}, {"token": meeting["moderator_token"]})
        assert refused == {"ok": False, "error": {"code": "invalid_input", "message": "Only 'command' messages are accepted."}}
        answer = await raw.call(8, "command", {"type": "meeting.start", "data": {}})
        assert answer["ok"], answer
        assert raw.count('42["snapshot"') == 1


class TestMalformedMessages:
    async def test_a_deeply_nested_message_gets_an_error_ack(self, wire, api, raws):
        meeting = await api.create_meeting()
        raw = await Raw.open(wire)
        raws.append(raw)
        await raw.join(meeting["moderator_token"])
        depth = 100_000
        nested = '421["command",{"type":"hand.raise","data":{"note":' + "[" * depth + "]" * depth + "}}]"
        answer = await raw.call(1, raw=nested)
        assert answer["ok"] is False and answer["error"]["code"] == "invalid_input"
        # The connection is still usable.
        assert (await raw.call(2, "command", {"type": "meeting.start", "data": {}}))["ok"]

    async def test_a_socket_that_never_authenticates_is_closed(self, wire, api, raws):
        meeting = await api.create_meeting()
        raw = await Raw.open(wire)
        raws.append(raw)
        # The server's connect timeout is 1 s here (its pings come only every 25 s): engine.io's CLOSE packet.
        await raw.wait(lambda m: m == "1")
        # The server has forgotten the socket: a token sent now connects nothing, the connection ends.
        try:
            await raw.send("40" + json.dumps({"token": meeting["moderator_token"]}))
        except websockets.ConnectionClosed:
            pass
        await asyncio.wait_for(asyncio.shield(raw._reader), 20)
        assert raw.count('42["snapshot"') == 0


class TestRateLimits:
    async def test_bad_token_connects_are_limited_per_address(self, wire, api, raws):
        meeting = await api.create_meeting()
        address = new_address()
        answers = []
        for _ in range(12):
            raw = await Raw.open(wire, address)
            raws.append(raw)
            await raw.send('40{"token":"not-a-token"}')
            answers.append(await raw.wait(lambda m: m.startswith("44")))
        assert all("unauthorized" in a for a in answers[:10]), answers
        assert all("rate_limited" in a for a in answers[10:]), answers
        # The same address with a good token is refused too (the limit counts connects); another is not.
        raw = await Raw.open(wire, address)
        raws.append(raw)
        await raw.send("40" + json.dumps({"token": meeting["moderator_token"]}))
        assert "rate_limited" in await raw.wait(lambda m: m.startswith("44"))
        raw = await Raw.open(wire)
        raws.append(raw)
        assert (await raw.join(meeting["moderator_token"]))["you"]["role"] == "moderator"

    async def test_a_flood_of_hand_toggles_is_cut_off_and_changes_nothing_more(self, wire, api, observers, raws):
        meeting = await api.create_meeting()
        moderator = Client(wire.url, meeting["moderator_token"], "moderator")
        observers.append(moderator)
        await moderator.connect()
        await moderator.ok("meeting.start")
        anna = await api.join(meeting["join_code"], "Anna")
        raw = await Raw.open(wire)
        raws.append(raw)
        await raw.join(anna["token"])
        answers = []
        for i in range(25):
            kind = "hand.raise" if i % 2 == 0 else "hand.lower"
            answers.append(await raw.call(i + 1, "command", {"type": kind, "data": {}}))
        accepted = [a for a in answers if a["ok"]]
        refused = [a for a in answers if not a["ok"]]
        assert len(accepted) == 10
        assert refused and all(a["error"]["code"] == "rate_limited" for a in refused)
        # Others are not limited by Anna's flood; the room saw only what was accepted.
        bo = await api.join(meeting["join_code"], "Bo")
        other = await Raw.open(wire)
        raws.append(other)
        await other.join(bo["token"])
        assert (await other.call(1, "command", {"type": "hand.raise", "data": {}}))["ok"]
        await moderator.wait_event("hand.raised", lambda e: e["data"]["participant_id"] == bo["participant_id"])
        anna_events = [e for e in moderator.events if e["type"] in ("hand.raised", "hand.lowered") and e["data"]["participant_id"] == anna["participant_id"]]
        assert len(anna_events) == 10

    async def test_a_flood_of_questions_is_cut_off(self, wire, api, observers, raws):
        meeting = await api.create_meeting()
        anna = await api.join(meeting["join_code"], "Anna")
        raw = await Raw.open(wire)
        raws.append(raw)
        await raw.join(anna["token"])
        answers = [await raw.call(i + 1, "command", {"type": "question.submit", "data": {"text": f"Question {i}?"}}) for i in range(6)]
        assert [a["ok"] for a in answers] == [True, True, True, False, False, False]
        assert answers[3]["error"]["code"] == "rate_limited"
        moderator = Client(wire.url, meeting["moderator_token"], "moderator")
        observers.append(moderator)
        await moderator.connect()
        assert len(moderator.snapshot["meeting"]["questions"]) == 3

