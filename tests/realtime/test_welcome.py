"""A crowd connecting at once is welcomed in groups (app/realtime/welcome.py): each socket still gets its own
snapshot, everyone is recorded online before their snapshot is sent, and one who may not come in keeps nobody out."""

import asyncio

import socketio

from tests.support import Api, Client, ServerProcess

CROWD = 30


async def test_a_crowd_connecting_at_once_each_gets_their_own_snapshot(api: Api, clients: list[Client], server: ServerProcess) -> None:
    meeting = await api.create_meeting(format="ask_the_audience")
    moderator = Client(server.url, meeting["moderator_token"], "moderator")
    clients.append(moderator)
    await moderator.connect()
    await moderator.ok("meeting.start")
    joined = [await api.join(meeting["join_code"], f"Person {i}", "Family house") for i in range(CROWD)]
    # The first person's named question waits for approval: among participants, only they see it.
    author = Client(server.url, joined[0]["token"])
    await author.connect()
    await author.ok("question.submit", text="Who tells the child?")
    await author.close()
    # The last one was removed: their socket is refused, and the others come in all the same.
    await moderator.ok("participant.remove", participant_id=joined[-1]["participant_id"])
    crowd = [Client(server.url, person["token"], person["participant_id"]) for person in joined]
    # Tokens looked up together with the others: one made up, one far too long; both are refused alone.
    strangers = [Client(server.url, "made-up-token"), Client(server.url, "x" * 300)]
    clients.extend([*crowd, *strangers])
    outcomes = await asyncio.gather(*(c.connect() for c in [*crowd, *strangers]), return_exceptions=True)
    assert all(isinstance(o, socketio.exceptions.ConnectionError) for o in outcomes[-3:]), outcomes[-3:]
    welcomed = crowd[:-1]
    assert all(isinstance(o, Client) for o in outcomes[:-3]), outcomes
    for client in welcomed:
        seen = client.snapshot
        assert seen["you"]["participant_id"] == client.name
        assert seen["meeting"]["people"]["total"] == CROWD  # the moderator and everyone but the removed one
        questions = [q["text"] for q in seen["meeting"]["questions"]]
        assert questions == (["Who tells the child?"] if client is crowd[0] else []), client.name
    # Recorded before their snapshots went out: the meeting counts everyone online now.
    headers = {"Authorization": f"Bearer {meeting['moderator_token']}"}
    summary = (await api.http.get(f"/api/v1/meetings/{meeting['id']}", headers=headers)).json()
    assert summary["online"] == CROWD
    # And the room is told: the moderator's page counts them all.
    await moderator.wait_event("participant.presence_changed", lambda e: e["data"]["people"]["online"] == CROWD)
