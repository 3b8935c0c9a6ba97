from dataclasses import dataclass, field

import pytest

from tests.support import Api, Client


@dataclass
class Room:
    """A meeting with its moderator and participants connected."""

    meeting: dict
    moderator: Client
    people: dict[str, Client] = field(default_factory=dict)
    joined: dict[str, dict] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Client:
        return self.people[name]

    def everyone(self) -> list[Client]:
        return [self.moderator, *self.people.values()]


@pytest.fixture
def room(api: Api, connect):  # type: ignore[no-untyped-def]
    async def make(*names: str, start: bool = True, format: str = "open") -> Room:
        meeting = await api.create_meeting(format=format)
        moderator = await connect(meeting["moderator_token"], "moderator")
        made = Room(meeting, moderator)
        for name in names:
            joined = await api.join(meeting["join_code"], name, f"{name}'s organisation")
            made.joined[name] = joined
            made.people[name] = await connect(joined["token"], name)
        if start:
            await moderator.ok("meeting.start")
        return made

    return make
