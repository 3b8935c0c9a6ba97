"""Breakouts and thinking breaks: the server's timer, the rooms and their chats, as participants live them."""

from tests.breakouts.helpers import epoch


async def start_two_rooms(g, *, duration_s: int = 30, warn_before_s: int = 60) -> dict:
    answer = await g.moderator.ok(
        "breakout.start",
        duration_s=duration_s,
        warn_before_s=warn_before_s,
        assignment="manual",
        rooms=[
            {"name": "North", "participant_ids": [g.id("anna"), g.id("ben")]},
            {"name": "South", "participant_ids": [g.id("cai"), g.id("dora")]},
        ],
    )
    for client in g.everyone():
        await client.wait_event("breakout.started")
    return answer["result"]


def room_ids(client) -> tuple[str, str]:
    rooms = client.events_of("breakout.started")[-1]["data"]["breakout"]["rooms"]
    return rooms[0]["id"], rooms[1]["id"]


class TestTimer:
    # Warnings, deadlines, extensions and thinking breaks on the exact clock: tests/inprocess/test_breakout_timer.py.
    # Here: what the real server sends to count down from.
    async def test_the_snapshot_carries_server_time_and_the_deadline_to_count_down_from(self, gathering):
        g = await gathering("anna", "ben", "cai", "dora")
        result = await start_two_rooms(g, duration_s=120)
        late = await gathering.open_client(g.joined["cai"]["token"], "cai again")
        snapshot = late.snapshot
        assert snapshot["meeting"]["breakout"]["deadline"] == result["deadline"]
        left = epoch(result["deadline"]) - epoch(snapshot["server_time"])
        assert 110 < left <= 120
        assert snapshot["meeting"]["breakout"]["my_room_id"] == room_ids(g.moderator)[1]

    async def test_a_moderator_extends_and_ends_early(self, gathering):
        g = await gathering("anna", "ben", "cai", "dora")
        result = await start_two_rooms(g, duration_s=60)
        await g.moderator.ok("breakout.extend", seconds=120)
        extended = await g["anna"].wait_event("breakout.extended")
        assert epoch(extended["data"]["deadline"]) - epoch(result["deadline"]) == 120
        await g.moderator.ok("breakout.end")
        for client in g.everyone():
            ended = await client.wait_event("breakout.ended")
            assert ended["data"]["reason"] == "ended_by_moderator"
        again = await gathering.open_client(g.joined["anna"]["token"], "anna again")
        assert again.snapshot["meeting"]["breakout"] is None


class TestRooms:
    async def test_room_chats_do_not_leak_between_rooms(self, gathering):
        g = await gathering("anna", "ben", "cai", "dora")
        await start_two_rooms(g)
        north, south = room_ids(g.moderator)
        await g["anna"].ok("chat.send", room=north, text="In North we use a checklist")
        await g["dora"].ok("chat.send", room=south, text="South: our intake form")
        for client in (g["ben"], g.moderator):
            await client.wait_event("chat.sent", lambda e: e["data"]["message"]["room_id"] == north)
        await g["cai"].wait_event("chat.sent", lambda e: e["data"]["message"]["room_id"] == south)
        await g.moderator.wait_event("chat.sent", lambda e: e["data"]["message"]["room_id"] == south)
        # Everyone has now received what they will; nobody got the other room's line.
        await g.moderator.ok("breakout.broadcast", text="Five more minutes")
        for client in g.people.values():
            await client.wait_event("breakout.broadcast_sent")
        texts = {name: [e["data"]["message"]["text"] for e in c.events_of("chat.sent")] for name, c in g.people.items()}
        assert texts == {
            "anna": ["In North we use a checklist"],
            "ben": ["In North we use a checklist"],
            "cai": ["South: our intake form"],
            "dora": ["South: our intake form"],
        }
        refused = await g["cai"].command("chat.send", room=north, text="Can I peek?")
        assert refused["error"]["code"] == "forbidden"
        # The main chat is not the room's either.
        assert g["cai"].snapshot["meeting"]["chat"]["messages"] == []
        again = await gathering.open_client(g.joined["ben"]["token"], "ben again")
        chats = again.snapshot["meeting"]["breakout"]["chats"]
        assert list(chats) == [north]
        assert [m["text"] for m in chats[north]["messages"]] == ["In North we use a checklist"]
        moderator_chats = (await gathering.open_client(g.meeting["moderator_token"], "moderator again")).snapshot["meeting"]["breakout"]["chats"]
        assert set(moderator_chats) == {north, south}

    async def test_a_reconnected_participant_is_back_in_their_room(self, gathering):
        g = await gathering("anna", "ben", "cai", "dora")
        await start_two_rooms(g)
        north, _ = room_ids(g.moderator)
        await g["ben"].close()
        ben = await gathering.open_client(g.joined["ben"]["token"], "ben again")
        await g["anna"].ok("chat.send", room=north, text="Ben, are you back?")
        received = await ben.wait_event("chat.sent")
        assert received["data"]["message"]["text"] == "Ben, are you back?"

    async def test_after_the_breakout_the_rooms_are_closed(self, gathering):
        g = await gathering("anna", "ben", "cai", "dora")
        await start_two_rooms(g)
        north, _ = room_ids(g.moderator)
        await g.moderator.ok("breakout.end")
        await g["anna"].wait_event("breakout.ended")
        refused = await g["anna"].command("chat.send", room=north, text="Anyone still here?")
        assert refused["error"]["code"] == "breakout_ended"
        # A later breakout's room chat does not reach the old room's sockets.
        await g.moderator.ok("breakout.start", duration_s=30, assignment="manual", rooms=[{"participant_ids": [g.id("cai")]}])
        new_room = (await g["cai"].wait_event("breakout.started", lambda e: e["data"]["breakout"]["rooms"][0]["name"] == "Room 1"))["data"]["breakout"]["rooms"][0]["id"]
        await g["cai"].ok("chat.send", room=new_room, text="Only me here")
        await g.moderator.wait_event("chat.sent", lambda e: e["data"]["message"]["room_id"] == new_room)
        assert [e for e in g["anna"].events_of("chat.sent") if e["data"]["message"]["room_id"] == new_room] == []

    async def test_participants_choose_their_room_and_a_moderator_moves_someone(self, gathering):
        g = await gathering("anna", "ben", "cai")
        await g.moderator.ok("breakout.start", duration_s=60, assignment="choose", rooms=[{"name": "Law"}, {"name": "Health"}])
        started = await g["anna"].wait_event("breakout.started")
        law, health = (r["id"] for r in started["data"]["breakout"]["rooms"])
        await g["anna"].ok("breakout.choose", room_id=law)
        await g["ben"].ok("breakout.choose", room_id=health)
        moved = await g["cai"].wait_event("breakout.member_moved", lambda e: e["data"]["participant_id"] == g.id("ben"))
        assert [[m["display_name"] for m in r["members"]] for r in moved["data"]["rooms"]] == [["anna"], ["ben"]]
        await g["anna"].ok("chat.send", room=law, text="Law room here")
        assert (await g["ben"].command("chat.send", room=law, text="hello"))["error"]["code"] == "forbidden"
        await g.moderator.ok("breakout.assign", participant_id=g.id("ben"), room_id=law)
        await g["ben"].wait_event("breakout.member_moved", lambda e: e["data"]["room_id"] == law)
        await g["anna"].ok("chat.send", room=law, text="Welcome, Ben")
        received = await g["ben"].wait_event("chat.sent", lambda e: e["data"]["message"]["text"] == "Welcome, Ben")
        assert received["data"]["message"]["room_id"] == law
        assert (await g.moderator.command("breakout.choose", room_id=law))["error"]["code"] == "forbidden"

    async def test_random_assignment_places_everyone_in_rooms_of_even_size(self, gathering):
        g = await gathering("anna", "ben", "cai", "dora", "emil")
        await g.moderator.ok("breakout.start", duration_s=60, assignment="random", count=2)
        rooms = (await g["emil"].wait_event("breakout.started"))["data"]["breakout"]["rooms"]
        sizes = sorted(len(r["members"]) for r in rooms)
        assert sizes == [2, 3]
        placed = {m["participant_id"] for r in rooms for m in r["members"]}
        assert placed == {g.id(n) for n in g.people}


class TestBadInput:
    async def test_a_participant_cannot_run_breakouts(self, gathering):
        g = await gathering("anna", "ben")
        for command, data in [("breakout.start", {"duration_s": 60, "count": 2}), ("breakout.end", {}), ("breakout.extend", {"seconds": 60}), ("breakout.broadcast", {"text": "hi"})]:
            answer = await g["anna"].command(command, **data)
            assert answer["error"]["code"] == "forbidden", command
        assert g["ben"].events_of("breakout.started") == []

    async def test_durations_must_be_positive_and_bounded(self, gathering):
        g = await gathering("anna", "ben")
        for duration in (0, -5, 10**9, "soon"):
            answer = await g.moderator.command("breakout.start", duration_s=duration, count=2)
            assert answer["error"]["code"] == "invalid_input", duration
        await g.moderator.ok("breakout.start", kind="thinking", duration_s=60)
        for seconds in (0, -1, 10**6):
            answer = await g.moderator.command("breakout.extend", seconds=seconds)
            assert answer["error"]["code"] == "invalid_input", seconds

    async def test_rooms_only_hold_people_of_this_meeting(self, gathering):
        other = await gathering("stranger")
        g = await gathering("anna", "ben")
        answer = await g.moderator.command("breakout.start", duration_s=60, rooms=[{"participant_ids": [g.id("anna"), other.id("stranger")]}])
        assert answer["error"]["code"] == "not_found"
        answer = await g.moderator.command("breakout.start", duration_s=60, rooms=[{"participant_ids": [g.id("anna")]}, {"participant_ids": [g.id("anna")]}])
        assert answer["error"]["code"] == "invalid_input"
        answer = await g.moderator.command("breakout.start", duration_s=60, rooms=[{"participant_ids": [g.moderator.me]}])
        assert answer["error"]["code"] == "invalid_input"
        assert (await g.moderator.command("breakout.start", duration_s=60, count=0))["error"]["code"] == "invalid_input"
        assert (await g.moderator.command("breakout.start", duration_s=60, count=51))["error"]["code"] == "invalid_input"
        # Nothing happened: nobody saw a breakout start.
        assert g["anna"].events_of("breakout.started") == []
        await g.moderator.ok("breakout.start", duration_s=60, count=2)
        rooms = (await g["anna"].wait_event("breakout.started"))["data"]["breakout"]["rooms"]
        # A room of another meeting's breakout cannot be written to either.
        await other.moderator.ok("breakout.start", duration_s=60, count=1)
        other_room = (await other["stranger"].wait_event("breakout.started"))["data"]["breakout"]["rooms"][0]["id"]
        assert (await g.moderator.command("chat.send", room=other_room, text="hello"))["error"]["code"] == "not_found"
        assert (await g.moderator.command("breakout.assign", participant_id=other.id("stranger"), room_id=rooms[0]["id"]))["error"]["code"] == "not_found"
        assert (await g.moderator.command("breakout.assign", participant_id=g.id("anna"), room_id=other_room))["error"]["code"] == "not_found"

    async def test_one_breakout_at_a_time_and_only_while_live(self, gathering):
        g = await gathering("anna", start=False)
        assert (await g.moderator.command("breakout.start", duration_s=60, count=1))["error"]["code"] == "meeting_not_live"
        await g.moderator.ok("meeting.start")
        await g.moderator.ok("breakout.start", duration_s=60, count=1)
        assert (await g.moderator.command("breakout.start", duration_s=60, count=1))["error"]["code"] == "breakout_active"
        await g.moderator.ok("breakout.end")
        assert (await g.moderator.command("breakout.end"))["error"]["code"] == "no_breakout"
        assert (await g.moderator.command("breakout.start", kind="thinking", duration_s=60, count=2))["error"]["code"] == "invalid_input"
        assert (await g["anna"].command("breakout.choose", room_id="nope"))["error"]["code"] == "no_breakout"


async def test_ending_the_meeting_brings_everyone_back_from_a_breakout(gathering):
    g = await gathering("anna", "ben", "cai", "dora")
    await start_two_rooms(g, duration_s=600)
    await g.moderator.ok("meeting.end")
    ended = await g["anna"].wait_event("breakout.ended")
    assert ended["data"]["reason"] == "ended_by_moderator"
