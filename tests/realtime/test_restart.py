"""A restart mid-meeting loses nothing: hands, speaker, questions and chat come back in the snapshot."""

import pytest

from tests.support import Api, Client, ServerProcess


@pytest.mark.parametrize("how", ["stop", "kill"])
async def test_a_restart_mid_meeting_loses_nothing(tmp_path, how):
    server = ServerProcess(tmp_path / "data").start()
    api = Api(server.url)
    clients: list[Client] = []
    try:
        meeting = await api.create_meeting(title="Tour de table: first contact with families", format="tour_de_table")
        moderator = await Client(server.url, meeting["moderator_token"], "moderator").connect()
        people = {}
        for name in ("Anna", "Bo", "Carla"):
            joined = await api.join(meeting["join_code"], name)
            people[name] = (joined, await Client(server.url, joined["token"], name).connect())
        clients = [moderator, *(c for _, c in people.values())]
        await moderator.ok("meeting.start")
        await people["Anna"][1].ok("hand.raise")
        await moderator.ok("hand.give_floor")
        await people["Bo"][1].ok("hand.raise", note="A tool for this")
        await people["Carla"][1].ok("hand.raise")
        qid = (await people["Carla"][1].ok("question.submit", text="How do you involve the school?"))["result"]["question_id"]
        await moderator.ok("question.approve", question_id=qid)
        await moderator.ok("question.set_current", question_id=qid)
        await people["Bo"][1].ok("chat.send", text="Our checklist", kind="resource", url="https://example.org/checklist")
        await people["Anna"][1].ok("chat.send", text="Same here", kind="reflection")
        before = await Client(server.url, meeting["moderator_token"], "observer").connect()
        clients.append(before)
        expected = before.snapshot["meeting"]

        server.stop() if how == "stop" else server.kill()
        for client in clients:
            await client.close()
        server.start()

        after = {name: await Client(server.url, joined["token"], name).connect() for name, (joined, _) in people.items()}
        moderator_after = await Client(server.url, meeting["moderator_token"], "moderator").connect()
        clients = [moderator_after, *after.values()]
        state = moderator_after.snapshot["meeting"]
        assert state["status"] == "live"
        assert state["speaker"]["display_name"] == "Anna"
        assert state["speaker"]["since"] == expected["speaker"]["since"]
        assert [(e["display_name"], e["note"]) for e in state["hands"]["entries"]] == [("Bo", "A tool for this"), ("Carla", None)]
        assert [q["id"] for q in state["questions"]] == [qid]
        assert state["current_question_id"] == qid
        assert [m["text"] for m in state["chat"]["messages"]] == ["Our checklist", "Same here"]
        assert [r["url"] for r in state["resources"]] == ["https://example.org/checklist"]
        assert moderator_after.snapshot["version"] >= before.snapshot["version"]
        # The meeting carries on where it was.
        given = await moderator_after.ok("hand.give_floor")
        floor = await after["Bo"].wait_event("floor.given", lambda e: e["version"] == given["version"])
        assert floor["data"]["speaker"]["display_name"] == "Bo"
        # Everyone is back online; nobody lost their hand while the server was away.
        check = await Client(server.url, meeting["moderator_token"], "check").connect()
        clients.append(check)
        assert all(p["online"] for p in check.snapshot["meeting"]["participants"])
    finally:
        for client in clients:
            await client.close()
        await api.close()
        server.stop()
