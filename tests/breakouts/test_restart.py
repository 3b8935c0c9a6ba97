"""A server restart does not lose a breakout's timer: it carries on, or closes the rooms at once when it comes back late."""

import asyncio
import time

import pytest

from tests.breakouts.helpers import TimedClient, epoch
from tests.support import Api, ServerProcess

# Generous: a loaded machine can take many seconds to start a server process.
START_TIMEOUT = 120
# How late an event may arrive after its moment, on a busy machine.
LATE = 1.5


@pytest.fixture
async def own_server(tmp_path):  # type: ignore[no-untyped-def]
    process = ServerProcess(tmp_path / "restart").start(timeout=START_TIMEOUT)
    yield process
    process.stop()


@pytest.fixture
async def people(own_server, clients):  # type: ignore[no-untyped-def]
    """A live meeting on its own server, with Anna and Ben in one room; returns (tokens, moderator client, api)."""
    api = Api(own_server.url)
    meeting = await api.create_meeting(format="tour_de_table")
    anna = await api.join(meeting["join_code"], "Anna", "Barnahus Oslo")
    ben = await api.join(meeting["join_code"], "Ben", "Barnahus Reykjavik")
    await api.close()
    tokens = {"moderator": meeting["moderator_token"], "anna": anna["token"], "ben": ben["token"]}

    async def open_client(name: str) -> TimedClient:
        client = TimedClient(own_server.url, tokens[name], name)
        clients.append(client)
        return await client.connect()

    moderator = await open_client("moderator")
    await moderator.ok("meeting.start")
    return tokens, moderator, open_client, (anna["participant_id"], ben["participant_id"])


async def test_a_restart_during_a_breakout_keeps_the_deadline_and_room_and_warns_once(own_server, people):
    _, moderator, open_client, (anna_id, ben_id) = people
    answer = await moderator.ok("breakout.start", duration_s=120, warn_before_s=112, rooms=[{"participant_ids": [anna_id, ben_id]}])
    warn_at = epoch(answer["result"]["deadline"]) - 112
    own_server.kill()
    own_server.start(timeout=START_TIMEOUT)
    back = time.time()
    anna, ben = await open_client("anna"), await open_client("ben")
    breakout = ben.snapshot["meeting"]["breakout"]
    assert breakout["deadline"] == answer["result"]["deadline"]
    # Room membership comes back from the database with the new socket.
    await ben.ok("chat.send", room=breakout["my_room_id"], text="Still here after the restart")
    await anna.wait_event("chat.sent")
    if anna.snapshot["meeting"]["breakout"]["warned"]:
        # The restart took longer than the wait: the warning went out before anyone was back.
        assert time.time() > warn_at
    else:
        warned = await anna.wait_event("breakout.warned", timeout=15)
        # Not early, and on time (or at once, when the restart itself took longer than the wait).
        assert warn_at - 0.05 <= warned["received_at"] <= max(warn_at, back) + LATE
    moderator = await open_client("moderator")
    await moderator.ok("breakout.end")
    await anna.wait_event("breakout.ended")
    assert len(anna.events_of("breakout.warned")) <= 1 and len(ben.events_of("breakout.warned")) <= 1


async def test_after_a_restart_the_warning_is_not_repeated_and_the_rooms_close_at_the_deadline(own_server, people):
    _, moderator, open_client, (anna_id, ben_id) = people
    answer = await moderator.ok("breakout.start", duration_s=6, warn_before_s=5, rooms=[{"participant_ids": [anna_id, ben_id]}])
    deadline = epoch(answer["result"]["deadline"])
    await moderator.wait_event("breakout.warned")
    own_server.kill()
    own_server.start(timeout=START_TIMEOUT)
    back = time.time()
    anna = await open_client("anna")
    if anna.snapshot["meeting"]["breakout"] is None:
        # The restart took longer than the breakout: it closed before anyone was back.
        assert time.time() > deadline
    else:
        assert anna.snapshot["meeting"]["breakout"]["warned"] is True
        ended = await anna.wait_event("breakout.ended", timeout=15)
        assert ended["data"]["reason"] == "deadline"
        assert deadline - 0.05 <= ended["received_at"] <= max(deadline, back) + LATE
    assert anna.events_of("breakout.warned") == []


async def test_a_server_back_after_the_deadline_closes_the_rooms_at_once(own_server, people):
    tokens, moderator, open_client, (anna_id, ben_id) = people
    answer = await moderator.ok("breakout.start", duration_s=2, rooms=[{"participant_ids": [anna_id, ben_id]}])
    room = (await moderator.wait_event("breakout.started"))["data"]["breakout"]["rooms"][0]["id"]
    own_server.stop()
    # Down across the deadline: nothing can run the timer meanwhile.
    await asyncio.sleep(max(0.0, epoch(answer["result"]["deadline"]) - time.time()) + 0.5)
    own_server.start(timeout=START_TIMEOUT)
    came_back = time.time()
    anna = await open_client("anna")
    if anna.snapshot["meeting"]["breakout"] is not None:
        await anna.wait_event("breakout.ended", timeout=5)
    assert time.time() - came_back < 5
    assert (await anna.command("chat.send", room=room, text="Hello?"))["error"]["code"] == "breakout_ended"
    again = await open_client("ben")
    assert again.snapshot["meeting"]["breakout"] is None
