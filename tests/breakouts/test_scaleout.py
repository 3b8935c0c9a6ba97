"""A breakout across two server processes on one PostgreSQL and one Redis: rooms hold, timers act once."""

import asyncio

import pytest

from tests.breakouts.helpers import TimedClient
from tests.support import Api

pytestmark = [pytest.mark.scaleout]


async def test_rooms_and_timers_hold_across_two_processes(cluster, clients):
    first, second = cluster
    api = Api(first.url)
    try:
        meeting = await api.create_meeting(title="Tour de table across processes", format="tour_de_table")
        joined = {name: await api.join(meeting["join_code"], name) for name in ("anna", "bo", "cai")}
    finally:
        await api.close()

    async def open_client(url: str, token: str, name: str) -> TimedClient:
        client = TimedClient(url, token, name)
        clients.append(client)
        return await client.connect()

    moderator = await open_client(first.url, meeting["moderator_token"], "moderator")
    anna = await open_client(second.url, joined["anna"]["token"], "anna")
    bo = await open_client(first.url, joined["bo"]["token"], "bo")
    cai = await open_client(second.url, joined["cai"]["token"], "cai")
    await moderator.ok("meeting.start")
    # Started on the first process; Anna's and Cai's sockets live on the second.
    await moderator.ok(
        "breakout.start",
        duration_s=3,
        warn_before_s=1,
        rooms=[{"participant_ids": [joined["anna"]["participant_id"], joined["bo"]["participant_id"]]}, {"participant_ids": [joined["cai"]["participant_id"]]}],
    )
    rooms = (await anna.wait_event("breakout.started"))["data"]["breakout"]["rooms"]
    await anna.ok("chat.send", room=rooms[0]["id"], text="From the second process")
    await bo.wait_event("chat.sent", lambda e: e["data"]["message"]["text"] == "From the second process")
    await moderator.wait_event("chat.sent", lambda e: e["data"]["message"]["text"] == "From the second process")
    await cai.ok("chat.send", room=rooms[1]["id"], text="Cai alone")
    await moderator.wait_event("chat.sent", lambda e: e["data"]["message"]["text"] == "Cai alone")
    for client in (moderator, anna, bo, cai):
        await client.wait_event("breakout.ended", timeout=15)
    # Both processes run the timer; each moment happened once. A duplicate would follow within a few
    # ticks (0.1 s): there is no event to wait for when nothing comes, so give it that time.
    await asyncio.sleep(0.5)
    for client in (moderator, anna, bo, cai):
        assert len(client.events_of("breakout.warned")) == 1, client.name
        assert len(client.events_of("breakout.ended")) == 1, client.name
    assert [e["data"]["message"]["text"] for e in cai.events_of("chat.sent")] == ["Cai alone"]
    assert [e["data"]["message"]["text"] for e in bo.events_of("chat.sent")] == ["From the second process"]
