"""Two server processes on one PostgreSQL and one Redis serve the same meeting."""

import asyncio

import pytest

from tests.support import Api, Client

pytestmark = [pytest.mark.scaleout]


async def test_people_on_different_processes_share_one_meeting(cluster):
    first, second = cluster
    api = Api(first.url)
    clients: list[Client] = []
    try:
        meeting = await api.create_meeting(title="Network meeting across processes")
        joined = {name: await api.join(meeting["join_code"], name) for name in ("Anna", "Bo")}
        moderator = await Client(first.url, meeting["moderator_token"], "moderator").connect()
        anna = await Client(second.url, joined["Anna"]["token"], "anna").connect()
        bo = await Client(first.url, joined["Bo"]["token"], "bo").connect()
        clients = [moderator, anna, bo]
        await moderator.ok("meeting.start")
        raised = await anna.ok("hand.raise", note="From the other process")
        seen = await moderator.wait_event("hand.raised", lambda e: e["version"] == raised["version"])
        assert seen["data"]["entry"]["note"] == "From the other process"
        given = await moderator.ok("hand.give_floor")
        floor = await anna.wait_event("floor.given", lambda e: e["version"] == given["version"])
        assert floor["data"]["speaker"]["display_name"] == "Anna"
        # Concurrent changes from both processes each get their own version, without gaps or repeats.
        answers = await asyncio.gather(*(c.ok("chat.send", text=f"from {c.name}") for c in (anna, bo, moderator)))
        versions = sorted(a["version"] for a in answers)
        assert len(set(versions)) == 3
        for version in versions:
            await bo.wait_event("chat.sent", lambda e, v=version: e["version"] == v)
        # Removing someone connected to the other process closes their socket there.
        await moderator.ok("participant.remove", participant_id=joined["Anna"]["participant_id"])
        await asyncio.wait_for(anna.disconnected.wait(), 10)
        ready = await api.http.get("/readyz")
        assert ready.json()["checks"] == {"database": "ok", "redis": "ok"}
    finally:
        for client in clients:
            await client.close()
        await api.close()


async def test_a_restarted_process_gives_its_clients_the_state_from_the_database(cluster):
    first, second = cluster
    api = Api(second.url)
    try:
        meeting = await api.create_meeting(title="Restart across processes")
        joined = await api.join(meeting["join_code"], "Carla")
        moderator = await Client(first.url, meeting["moderator_token"], "moderator").connect()
        await moderator.ok("meeting.start")
        carla = await Client(second.url, joined["token"], "carla").connect()
        await carla.ok("hand.raise")
        await carla.ok("question.submit", text="Who coordinates the network meeting?")
        second.stop()
        await asyncio.wait_for(carla.disconnected.wait(), 10)
        away = await moderator.wait_presence(joined["participant_id"], False, timeout=30)
        assert away["data"]["queue"]["entries"][0]["away"] is True
        second.start()
        back = await Client(second.url, joined["token"], "carla-back").connect()
        assert [e["display_name"] for e in back.snapshot["meeting"]["hands"]["entries"]] == ["Carla"]
        assert [q["text"] for q in back.snapshot["meeting"]["questions"]] == ["Who coordinates the network meeting?"]
        await back.close()
        await moderator.close()
    finally:
        await api.close()
