"""A server restart does not lose a breakout: its deadline, its rooms and the warning already given are in the database."""

import pytest

from tests.breakouts.helpers import TimedClient
from tests.support import Api, ServerProcess

# Generous: a loaded machine can take many seconds to start a server process.
START_TIMEOUT = 120


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


async def test_a_restart_during_a_breakout_keeps_the_deadline_the_rooms_and_the_warning_given(own_server, people):
    """What must survive a crash lives in the database, and the restarted server's timer picks it up.
    The timer's moments themselves (warning once, closing at the deadline or at once when back late) are
    tested on an exact clock in tests/inprocess/test_breakout_timer.py."""
    _, moderator, open_client, (anna_id, ben_id) = people
    # Warned a second after the start: the warning is given before the crash.
    answer = await moderator.ok("breakout.start", duration_s=600, warn_before_s=599, rooms=[{"participant_ids": [anna_id, ben_id]}])
    await moderator.wait_event("breakout.warned")
    own_server.kill()
    own_server.start(timeout=START_TIMEOUT)
    moderator = await open_client("moderator")
    anna = await open_client("anna")
    # The timer loop runs again: it is what announces Anna's arrival.
    await moderator.wait_presence(anna_id, True)
    ben = await open_client("ben")
    breakout = ben.snapshot["meeting"]["breakout"]
    assert breakout["deadline"] == answer["result"]["deadline"]
    assert breakout["warned"] is True
    # Room membership comes back from the database with the new socket.
    await ben.ok("chat.send", room=breakout["my_room_id"], text="Still here after the restart")
    await anna.wait_event("chat.sent")
    await moderator.ok("breakout.end")
    ended = await anna.wait_event("breakout.ended")
    assert ended["data"]["reason"] == "ended_by_moderator"
    # The restarted timer looked many times meanwhile and did not warn again.
    assert anna.events_of("breakout.warned") == [] and ben.events_of("breakout.warned") == []
