"""The Socket.IO envelope against a real server: snapshot, commands and acks, versioned events."""

import asyncio

import pytest
import socketio


async def test_every_connect_starts_with_a_snapshot_of_what_that_person_may_see(room):
    r = await room("anna", start=False)
    for client, role in ((r.moderator, "moderator"), (r["anna"], "participant")):
        snap = client.snapshot
        assert snap["you"]["role"] == role
        assert snap["server_time"].endswith("Z")
        assert snap["meeting"]["id"] == r.meeting["id"]
        assert snap["meeting"]["status"] == "scheduled"
        assert {"participants", "hands", "speaker", "questions", "chat", "resources"} <= set(snap["meeting"])
    assert r.moderator.snapshot["meeting"]["join_code"] == r.meeting["join_code"]
    assert "join_code" not in r["anna"].snapshot["meeting"]


async def test_a_raised_hand_reaches_everyone_with_a_higher_version(room):
    r = await room("anna", "bo", "carla")
    versions = {c.name: c.snapshot["version"] for c in r.everyone()}
    answer = await r["bo"].ok("hand.raise", note="We use a checklist for this")
    for client in r.everyone():
        event = await client.wait_event("hand.raised")
        assert event["version"] == answer["version"]
        assert event["version"] > versions[client.name]
        assert event["at"].endswith("Z")
        assert event["data"]["position"] == 0
        entry = event["data"]["entry"]
        assert entry["participant_id"] == r.joined["bo"]["participant_id"]
        assert entry["note"] == "We use a checklist for this"


async def test_presence_is_shown_live(room, connect, api):
    r = await room()
    joined = await api.join(r.meeting["join_code"], "Dana")
    dana = await connect(joined["token"], "dana")
    await r.moderator.wait_presence(joined["participant_id"], True)
    await dana.close()
    await r.moderator.wait_presence(joined["participant_id"], False)
    assert not any(p["online"] for p in (await connect(r.meeting["moderator_token"])).snapshot["meeting"]["participants"] if p["participant_id"] == joined["participant_id"])


async def test_many_arrivals_are_announced_together(room, connect, api):
    r = await room()
    joined = [await api.join(r.meeting["join_code"], f"Person {i}") for i in range(12)]
    for person in joined:
        await connect(person["token"])
    for person in joined:
        await r.moderator.wait_presence(person["participant_id"], True)
    announcements = r.moderator.events_of("participant.presence_changed")
    ids = {p["participant_id"] for p in joined}
    assert sum(1 for e in announcements for c in e["data"]["changes"] if c["participant_id"] in ids) == 12
    assert len(announcements) < 12  # arrivals within one timer tick share one event


async def nothing_changed_since(client, seen_before: int) -> None:
    """No change reached this client since then, apart from presence announcements: a probe change
    of its own is the next thing it sees."""
    probe = await client.ok("chat.send", text="probe")
    await client.wait_event("chat.sent", lambda e: e["version"] == probe["version"])
    between = [e["type"] for e in client.events[seen_before:] if e["version"] < probe["version"]]
    assert set(between) <= {"participant.presence_changed"}, between


MODERATOR_COMMANDS = [
    ("meeting.end", {}),
    ("meeting.configure", {"fairness": False}),
    ("hand.give_floor", {}),
    ("hand.clear", {}),
    ("question.approve", {"question_id": "x"}),
    ("question.set_current", {"question_id": None}),
    ("question.circulate", {}),
    ("chat.hide", {"message_id": "x"}),
    ("participant.remove", {"participant_id": "x"}),
    ("participant.set_keynote", {"participant_id": "x", "keynote": True}),
]


@pytest.mark.parametrize(("type", "data"), MODERATOR_COMMANDS, ids=[c[0] for c in MODERATOR_COMMANDS])
async def test_a_participant_cannot_send_a_moderator_command(room, api, type, data):
    r = await room("anna", "bo")
    await r["bo"].ok("hand.raise")
    seen_before = len(r["bo"].events)
    answer = await r["anna"].command(type, **data)
    assert answer == {"ok": False, "error": {"code": "forbidden", "message": "Only a moderator can do this."}}
    await nothing_changed_since(r["bo"], seen_before)
    summary = (await api.http.get(f"/api/v1/meetings/{r.meeting['id']}", headers={"Authorization": f"Bearer {r.meeting['moderator_token']}"})).json()
    assert summary["status"] == "live" and summary["participants"] == 3


async def test_only_the_speaker_or_a_moderator_ends_a_turn_and_only_a_moderator_lowers_others(room):
    r = await room("anna", "bo")
    await r["anna"].ok("hand.raise")
    await r.moderator.ok("hand.give_floor")
    refused = await r["bo"].command("hand.finish_speaking")
    assert refused["error"]["code"] == "forbidden"
    await r["bo"].ok("hand.raise")
    refused = await r["anna"].command("hand.lower", participant_id=r.joined["bo"]["participant_id"])
    assert refused["error"]["code"] == "forbidden"
    await r["anna"].ok("hand.finish_speaking")
    lowered = await r.moderator.ok("hand.lower", participant_id=r.joined["bo"]["participant_id"])
    event = await r["bo"].wait_event("hand.lowered")
    assert event["version"] == lowered["version"]
    assert event["data"]["reason"] == "lowered_by_moderator"


async def test_a_repeated_command_id_is_applied_once_and_answered_the_same(room):
    r = await room("anna")
    first = await r["anna"].command("chat.send", command_id="c-1", text="Our intake form is online")
    again = await r["anna"].command("chat.send", command_id="c-1", text="Our intake form is online")
    assert first["ok"] and again == first
    await r.moderator.wait_event("chat.sent")
    # A later change reaches the moderator after any second copy would have.
    await r["anna"].ok("hand.raise")
    await r.moderator.wait_event("hand.raised")
    assert len(r.moderator.events_of("chat.sent")) == 1
    # A refused command is answered the same way the second time too, without being retried.
    refused = await r["anna"].command("hand.lower", command_id="c-2")
    await r["anna"].ok("hand.raise")
    assert await r["anna"].command("hand.lower", command_id="c-2") == refused
    # The same id from another person is their own command.
    other = await r.moderator.command("chat.send", command_id="c-1", text="Welcome")
    assert other["ok"] and other["result"] != first["result"]


@pytest.mark.parametrize(
    ("message", "needle"),
    [
        ({"type": "hand.wave", "data": {}}, "Unknown command type"),
        ({"type": "hand.raise", "data": {"note": 5}}, "note"),
        ({"type": "hand.raise", "data": {"volume": 11}}, "volume"),
        ({"type": "chat.send", "data": {}}, "text"),
        ({"type": "chat.send", "data": {"text": "   "}}, "text"),
        ({"type": "chat.send", "data": {"text": "x" * 2001}}, "text"),
        ({"type": "chat.send", "data": {"text": "x", "kind": "shout"}}, "kind"),
        ({"data": {}}, "type"),
        ("hand.raise", "Not a command"),
        ([1, 2, 3], "Not a command"),
        (None, "Not a command"),
    ],
)
async def test_malformed_commands_get_a_clear_error_and_change_nothing(room, message, needle):
    r = await room("anna")
    await r["anna"].wait_event("meeting.started")
    seen_before = len(r["anna"].events)
    answer = await r["anna"].sio.call("command", message, timeout=10)
    assert answer["ok"] is False
    assert answer["error"]["code"] == "invalid_input"
    assert needle in answer["error"]["message"]
    await nothing_changed_since(r["anna"], seen_before)


async def test_a_megabyte_of_chat_text_is_refused_with_a_clear_error(room):
    r = await room("anna")
    answer = await r["anna"].command("chat.send", text="a" * 1_000_000)
    assert answer["ok"] is False
    assert answer["error"]["code"] == "invalid_input"
    assert "2000" in answer["error"]["message"]
    assert r["anna"].sio.connected


async def test_a_payload_above_the_socket_limit_closes_the_connection(room):
    r = await room("anna")
    await r["anna"].sio.emit("command", {"type": "chat.send", "data": {"text": "a" * 3_000_000}})
    await asyncio.wait_for(r["anna"].disconnected.wait(), 10)
    # A later line reaches the moderator after the oversized one would have.
    await r.moderator.ok("chat.send", text="Anything from Anna?")
    await r.moderator.wait_event("chat.sent")
    assert [e["data"]["message"]["text"] for e in r.moderator.events_of("chat.sent")] == ["Anything from Anna?"]


async def refused_reason(url: str, auth: object) -> object:
    """Connect and return what the server's connect_error said."""
    client = socketio.AsyncClient(reconnection=False)
    reasons: list[object] = []
    client.on("connect_error", reasons.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(url, auth=auth, transports=["websocket"], wait_timeout=5)
    await client.disconnect()
    return reasons[0]


async def test_a_bad_token_is_refused_at_connect(server):
    for auth in ({"token": "not-a-token"}, {}, None, {"token": 42}, {"token": "x" * 5000}):
        assert await refused_reason(server.url, auth) == {"message": "unauthorized"}


async def test_a_removed_participant_is_disconnected_and_their_token_stops_working(room, api, server):
    r = await room("anna", "bo")
    anna = r.joined["anna"]
    await r["anna"].ok("hand.raise")
    await r.moderator.ok("participant.remove", participant_id=anna["participant_id"])
    await asyncio.wait_for(r["anna"].disconnected.wait(), 5)
    removed = await r["bo"].wait_event("participant.removed")
    assert removed["data"]["queue"]["entries"] == []
    assert await refused_reason(server.url, {"token": anna["token"]}) == {"message": "unauthorized"}
    response = await api.http.get(f"/api/v1/meetings/{r.meeting['id']}", headers={"Authorization": f"Bearer {anna['token']}"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    refused = await r.moderator.command("participant.remove", participant_id=r.moderator.me)
    assert refused["error"]["code"] in ("forbidden", "not_found")


async def test_a_token_of_one_meeting_cannot_reach_another(room, api):
    first = await room("anna")
    second = await room("bo")
    bo_id = second.joined["bo"]["participant_id"]
    await second["bo"].ok("chat.send", text="Only for the second meeting")
    question = (await second["bo"].ok("question.submit", text="How do you prepare the child?"))["result"]["question_id"]
    message_id = (await second["bo"].wait_event("chat.sent"))["data"]["message"]["id"]
    anna_auth = {"Authorization": f"Bearer {first.joined['anna']['token']}"}
    moderator_auth = {"Authorization": f"Bearer {first.meeting['moderator_token']}"}
    for path in ("", "/chat", "/resources.md"):
        for headers in (anna_auth, moderator_auth):
            response = await api.http.get(f"/api/v1/meetings/{second.meeting['id']}{path}", headers=headers)
            assert response.status_code in (403, 404), path
            assert "Only for the second meeting" not in response.text
    version = second.moderator.snapshot["version"]
    for type, data in (
        ("hand.give_floor", {"participant_id": bo_id}),
        ("participant.remove", {"participant_id": bo_id}),
        ("question.approve", {"question_id": question}),
        ("chat.hide", {"message_id": message_id}),
    ):
        answer = await first.moderator.command(type, **data)
        assert answer["ok"] is False and answer["error"]["code"] == "not_found", type
    upvote = await first["anna"].command("question.upvote", question_id=question)
    assert upvote["error"]["code"] == "not_found"
    assert (await second.moderator.ok("hand.clear"))["version"] > version
    assert not any(e["type"] in ("participant.removed", "question.approved", "chat.hidden", "floor.given") for e in second["bo"].events)
