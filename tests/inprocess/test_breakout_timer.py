"""The breakout timer as people live it: one warning before the end, back to the main room at the deadline,
extensions, thinking breaks and a server that was away when the time came. Exact to the millisecond."""

from datetime import timedelta

from app import clock
from tests.harness import Harness, MeetingHandle, Person, Socket


async def two_rooms(h: Harness, *, duration_s: int, warn_before_s: int) -> tuple[MeetingHandle, dict[str, Person], dict]:
    meeting, people = await h.meeting("anna", "ben", "cai", "dora")
    answer = await h.ok(
        meeting.moderator,
        "breakout.start",
        duration_s=duration_s,
        warn_before_s=warn_before_s,
        assignment="manual",
        rooms=[
            {"name": "North", "participant_ids": [people["anna"].id, people["ben"].id]},
            {"name": "South", "participant_ids": [people["cai"].id, people["dora"].id]},
        ],
    )
    return meeting, people, answer["result"]


def breakout_rooms(h: Harness, person: Person) -> set[str]:
    return {r for r in h.socket(person).rooms if r.startswith("breakout:")}


def everyone(h: Harness) -> list[Socket]:
    return [s for s in h.transport.sockets.values() if s.open]


async def test_everyone_is_warned_once_and_returns_at_the_deadline(h: Harness) -> None:
    meeting, people, result = await two_rooms(h, duration_s=600, warn_before_s=60)
    start = h.now
    assert result["deadline"] == clock.iso(start + timedelta(seconds=600))
    # Each socket joined its room: anna and ben hear North, cai and dora South, the moderator neither.
    assert breakout_rooms(h, people["anna"]) == breakout_rooms(h, people["ben"]) != breakout_rooms(h, people["cai"]) == breakout_rooms(h, people["dora"])
    assert breakout_rooms(h, meeting.moderator) == set()
    for socket in everyone(h):
        [started] = socket.of("breakout.started")
        assert started["data"]["breakout"]["deadline"] == result["deadline"]
        assert started["data"]["breakout"]["warn_at"] == clock.iso(start + timedelta(seconds=540))

    # Not a millisecond early.
    await h.pass_time(539.999)
    assert all(s.of("breakout.warned") == [] for s in everyone(h))
    await h.pass_time(0.001)
    for socket in everyone(h):
        [warned] = socket.of("breakout.warned")
        assert warned["data"]["seconds_left"] == 60
        assert warned["data"]["deadline"] == result["deadline"]
    # The timer keeps looking; the warning is not repeated.
    for _ in range(5):
        await h.pass_time(10)
    assert all(len(s.of("breakout.warned")) == 1 for s in everyone(h))

    await h.pass_until(start + timedelta(seconds=599.999))
    assert all(s.of("breakout.ended") == [] for s in everyone(h))
    await h.pass_time(0.001)
    for socket in everyone(h):
        [ended] = socket.of("breakout.ended")
        assert ended["data"]["reason"] == "deadline"
        assert ended["at"] == result["deadline"]
        # Back in the main room: nobody's socket is in a breakout room any more.
        assert not any(r.startswith("breakout:") for r in socket.rooms)
    await h.pass_time(60)
    assert all(len(s.of("breakout.ended")) == 1 for s in everyone(h))
    assert (await h.snapshot(people["anna"]))["meeting"]["breakout"] is None


async def test_a_late_joiner_counts_down_from_the_same_deadline(h: Harness) -> None:
    meeting, people, result = await two_rooms(h, duration_s=600, warn_before_s=60)
    await h.pass_time(123.456)
    late = await h.connect(people["cai"])
    breakout = late.snapshot["meeting"]["breakout"]
    assert breakout["deadline"] == result["deadline"]
    assert late.snapshot["server_time"] == clock.iso(h.now)
    assert breakout["my_room_id"] == breakout["rooms"][1]["id"]
    # The late tab is in its room: it hears that room's chat.
    await h.ok(people["dora"], "chat.send", room=breakout["my_room_id"], text="South: our intake form")
    assert [e["data"]["message"]["text"] for e in late.of("chat.sent")] == ["South: our intake form"]
    assert h.socket(people["anna"]).of("chat.sent") == []


async def test_an_extension_after_the_warning_brings_a_second_warning_before_the_new_end(h: Harness) -> None:
    meeting, people, result = await two_rooms(h, duration_s=120, warn_before_s=30)
    anna = h.socket(people["anna"])
    await h.pass_time(90)
    assert len(anna.of("breakout.warned")) == 1
    await h.ok(meeting.moderator, "breakout.extend", seconds=120)
    [event] = anna.of("breakout.extended")
    assert event["data"]["deadline"] == clock.iso(h.now + timedelta(seconds=150))
    assert event["data"]["warn_at"] == clock.iso(h.now + timedelta(seconds=120))
    await h.pass_time(119.999)
    assert len(anna.of("breakout.warned")) == 1
    await h.pass_time(0.001)
    assert len(anna.of("breakout.warned")) == 2
    assert anna.of("breakout.warned")[-1]["data"]["seconds_left"] == 30
    await h.pass_time(30)
    [ended] = anna.of("breakout.ended")
    assert ended["data"]["reason"] == "deadline"


async def test_an_extension_before_the_warning_moves_the_one_warning(h: Harness) -> None:
    meeting, people, _ = await two_rooms(h, duration_s=120, warn_before_s=30)
    anna = h.socket(people["anna"])
    await h.pass_time(60)
    await h.ok(meeting.moderator, "breakout.extend", seconds=60)
    await h.pass_time(89.999)  # the old warning time (90 s) has passed, the new one (150 s) has not
    assert anna.of("breakout.warned") == []
    await h.pass_time(0.001)
    assert len(anna.of("breakout.warned")) == 1
    await h.pass_time(30)
    assert len(anna.of("breakout.warned")) == 1
    assert len(anna.of("breakout.ended")) == 1


async def test_after_the_server_was_away_past_the_deadline_rooms_close_at_once_without_a_late_warning(h: Harness) -> None:
    _, people, _ = await two_rooms(h, duration_s=300, warn_before_s=60)
    await h.pass_time(3600)
    anna = h.socket(people["anna"])
    assert anna.of("breakout.warned") == []
    [ended] = anna.of("breakout.ended")
    assert ended["data"]["reason"] == "deadline"


async def test_rooms_close_when_the_meeting_ends_during_a_breakout(h: Harness) -> None:
    meeting, people, _ = await two_rooms(h, duration_s=600, warn_before_s=60)
    await h.pass_time(10)
    await h.ok(meeting.moderator, "meeting.end")
    await h.tick()
    for socket in everyone(h):
        [ended] = socket.of("breakout.ended")
        assert ended["data"]["reason"] == "ended_by_moderator"
        assert not any(r.startswith("breakout:") for r in socket.rooms)
    await h.pass_time(600)
    assert all(len(s.of("breakout.ended")) == 1 for s in everyone(h))


async def test_a_thinking_break_has_the_timer_without_rooms(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "ben")
    await h.ok(meeting.moderator, "breakout.start", kind="thinking", duration_s=45, prompt="What can you offer?")
    ben = h.socket(people["ben"])
    [started] = ben.of("breakout.started")
    assert started["data"]["breakout"]["kind"] == "thinking"
    assert started["data"]["breakout"]["rooms"] == []
    assert started["data"]["breakout"]["prompt"] == "What can you offer?"
    # Shorter than the default warning: the countdown is the warning.
    assert started["data"]["breakout"]["warn_at"] is None
    await h.pass_time(44.999)
    assert ben.of("breakout.ended") == []
    await h.pass_time(0.001)
    [ended] = ben.of("breakout.ended")
    assert ended["data"]["reason"] == "deadline"
    assert ben.of("breakout.warned") == []
    assert (await h.snapshot(people["ben"]))["meeting"]["breakout"] is None
