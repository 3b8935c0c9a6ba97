"""A meeting with people connected, and clients that note when each event arrived."""

import time
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from tests.support import Api, Client


class TimedClient(Client):
    """Notes the wall-clock time at which each event arrived (server and tests share the clock)."""

    async def _on_event(self, data: dict) -> None:
        data["received_at"] = time.time()
        await super()._on_event(data)


def epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


@dataclass
class Gathering:
    meeting: dict
    moderator: Client
    people: dict[str, Client] = field(default_factory=dict)
    joined: dict[str, dict] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Client:
        return self.people[name]

    def id(self, name: str) -> str:
        return self.joined[name]["participant_id"]

    def everyone(self) -> list[Client]:
        return [self.moderator, *self.people.values()]


def gathering_fixture(api: Api, server, clients: list[Client]):  # type: ignore[no-untyped-def]
    async def open_client(token: str, name: str, url: str | None = None) -> Client:
        client = TimedClient(url or server.url, token, name)
        clients.append(client)
        return await client.connect()

    async def make(*names: str, start: bool = True, format: str = "open", title: str = "Tour de table: first interviews") -> Gathering:
        meeting = await api.create_meeting(title=title, format=format)
        made = Gathering(meeting, await open_client(meeting["moderator_token"], "moderator"))
        for name in names:
            joined = await api.join(meeting["join_code"], name, f"{name} Barnahus")
            made.joined[name] = joined
            made.people[name] = await open_client(joined["token"], name)
        if start:
            # A format with ground rules: everyone acknowledges them first, as the pages ask before anything else.
            if made.moderator.snapshot["meeting"].get("agreement") is not None:
                for client in made.everyone():
                    await client.ok("agreement.acknowledge")
            await made.moderator.ok("meeting.start")
        return made

    make.open_client = open_client  # type: ignore[attr-defined]
    return make


@pytest.fixture
def gathering(api: Api, server, clients: list[Client]):  # type: ignore[no-untyped-def]
    return gathering_fixture(api, server, clients)
