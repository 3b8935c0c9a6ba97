"""A burst of dot votes on a real server (held and sent together, app/realtime/coalesce.py): every page ends with
the totals a fresh snapshot shows, and each voter with their own dots; nobody's events name a voter."""

import asyncio

from tests.boards.helpers import DEFINITION
from tests.boards.real import boards_meeting
from tests.support import Api, ServerProcess


async def test_everyone_ends_with_the_totals_after_a_burst_of_dots(api: Api, connect, server: ServerProcess) -> None:  # type: ignore[no-untyped-def]
    info = await boards_meeting(api, server, {**DEFINITION, "stages": []}, title="Drop-in: brainstorm")
    moderator = await connect(info["moderator_token"], "moderator")
    joined = [await api.join(info["join_code"], f"p{i}", f"Org {i}") for i in range(12)]
    people = [await connect(j["token"], f"p{i}") for i, j in enumerate(joined)]
    await moderator.ok("meeting.start")
    cards = [(await moderator.ok("board.card.add", board_id="ideas", column_id="ideas", text=f"Idea {n}"))["result"]["card_id"] for n in range(3)]

    async def spend(index: int) -> None:
        # Everyone places all three dots, at most two on one card, all at once.
        for card in (cards[index % 3], cards[(index + 1) % 3], cards[index % 3]):
            await people[index].ok("board.card.vote", card_id=card)

    await asyncio.gather(*(spend(i) for i in range(len(people))))
    last = await moderator.ok("board.card.add", board_id="ideas", column_id="ideas", text="After the burst")
    fresh = await connect(info["moderator_token"], "fresh")
    totals = {c["id"]: c["votes"] for c in fresh.snapshot["meeting"]["boards"]["cards"] if c["id"] in cards}
    assert sum(totals.values()) == 36
    for index, client in enumerate([moderator, *people]):
        await client.wait_event("board.card_added", lambda e: e["version"] >= last["version"])
        seen = {card: 0 for card in cards}
        for event in client.events_of("board.card_voted"):
            seen[event["data"]["card_id"]] = event["data"]["votes"]
        assert seen == totals, client.name
        if client is not moderator:
            mine: dict[str, int] = {}
            for event in client.events_of("board.my_votes_changed"):
                mine[event["data"]["card_id"]] = event["data"]["dots"]
            assert sum(mine.values()) == 3 and max(mine.values()) == 2
        others = {j["participant_id"] for j in joined} - ({client.me} if client is not moderator else set())
        assert not any(pid in repr(client.events_of("board.card_voted")) for pid in others)
