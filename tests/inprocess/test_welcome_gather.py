"""In a storm of connects, the tokens of sockets still shaking hands wait a moment and are looked up together
(app/realtime/welcome.py): a join storm's lookups of three tokens each made every later step cost several times
more per socket. A socket after a quiet moment is looked up at once."""

import asyncio
from typing import Any

from app.edge import Edge
from app.models import Participant
from app.realtime.welcome import Welcome
from tests.harness import Harness


class Counted(Welcome):
    """The welcome as the server runs it, with the size of every lookup written down."""

    def __init__(self, edge: Edge, settings: Any):
        super().__init__(None, edge, settings)  # type: ignore[arg-type]  # lookups never touch Socket.IO
        self.reads: list[int] = []

    async def _people(self, tokens: list[Any]) -> list[Participant | None]:
        self.reads.append(len(tokens))
        return await super()._people(tokens)


async def test_tokens_arriving_in_a_storm_are_looked_up_together_and_each_gets_its_own_person(h: Harness) -> None:
    meeting, people = await h.meeting(*(f"p{i}" for i in range(6)))
    # A window far longer than a loaded machine takes to run the next few lines.
    h.settings.welcome_gather_seconds = 0.5
    welcome = Counted(h.edge, h.settings)
    first = await welcome.person(people["p0"].token)
    # Right after that lookup a socket arrives, and while its lookup waits four more (one with a made-up token).
    second = asyncio.create_task(welcome.person(people["p1"].token))
    await asyncio.sleep(0)
    later = [asyncio.create_task(welcome.person(token)) for token in (people["p2"].token, "made-up-token", people["p3"].token, people["p4"].token)]
    found = await asyncio.gather(second, *later)
    # The first went alone and at once; the storm's five went in one read, not the second alone and then four.
    assert welcome.reads == [1, 5]
    assert first is not None and first.id == people["p0"].id
    assert [p.id if p else None for p in found] == [people["p1"].id, people["p2"].id, None, people["p3"].id, people["p4"].id]


async def test_without_a_window_each_lookup_takes_only_those_already_waiting(h: Harness) -> None:
    meeting, people = await h.meeting("p0", "p1", "p2")
    h.settings.welcome_gather_seconds = 0
    welcome = Counted(h.edge, h.settings)
    await welcome.person(people["p0"].token)
    second = asyncio.create_task(welcome.person(people["p1"].token))
    await asyncio.sleep(0)
    third = asyncio.create_task(welcome.person(people["p2"].token))
    await asyncio.gather(second, third)
    # The comparison for the test above: the same arrivals, no waiting, a read each.
    assert welcome.reads == [1, 1, 1]
