"""A turn's time box on the clock the test moves: everyone counts down to one stored deadline, is warned
once before the end, and at zero the moderator's choice happens, once, whatever the timer's lateness."""

from datetime import timedelta

from app import clock
from tests.harness import Harness


async def test_a_question_gets_two_minutes_a_warning_and_a_gentle_notice_at_zero(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "ben", format="tour_de_table")
    mod, ben = meeting.moderator, h.socket(people["ben"])
    await h.ok(mod, "meeting.configure", turn_time_box_seconds=120, turn_time_box_action="notice")
    await h.ok(mod, "stage.set", stage="rounds")
    started = h.now
    await h.ok(mod, "turn.next")  # anna's turn

    [turn] = ben.of("turn.started")
    box = turn["data"]["stage"]["turns"]["time_box"]
    deadline, warn_at = started + timedelta(seconds=120), started + timedelta(seconds=90)
    assert box == {
        "participant_id": people["anna"].id, "started_at": clock.iso(started), "deadline": clock.iso(deadline),
        "warn_at": clock.iso(warn_at), "warned": False, "time_up": False, "action": "notice",
    }
    # A late joiner's snapshot counts down to the same deadline.
    assert (await h.snapshot(people["ben"]))["meeting"]["stage"]["turns"]["time_box"] == box

    await h.pass_time(89.9)
    assert ben.of("turn.time_warned") == []
    await h.pass_time(0.1)
    [warned] = ben.of("turn.time_warned")
    assert warned["data"]["participant_id"] == people["anna"].id and warned["data"]["seconds_left"] == 30.0
    assert warned["data"]["stage"]["turns"]["time_box"]["warned"] is True
    await h.pass_time(29.9)
    assert ben.of("turn.time_up") == [] and len(ben.of("turn.time_warned")) == 1

    await h.pass_time(0.1)
    [up] = ben.of("turn.time_up")
    assert up["data"]["action"] == "notice" and up["data"]["stage"]["turns"]["time_box"]["time_up"] is True
    # A gentle notice: the turn goes on until the moderator moves on.
    assert up["data"]["stage"]["turns"]["current"] == people["anna"].id
    await h.pass_time(600)
    assert len(ben.of("turn.time_up")) == 1 and ben.of("turn.finished") == []


async def test_at_zero_the_turn_ends_when_the_moderator_chose_so_even_after_a_late_timer(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "ben", format="tour_de_table")
    mod, ben = meeting.moderator, h.socket(people["ben"])
    await h.ok(mod, "meeting.configure", turn_time_box_seconds=60, turn_time_box_action="end_turn")
    await h.ok(mod, "stage.set", stage="rounds")
    await h.ok(mod, "turn.next")
    ben.clear()

    # The timer comes back long after the deadline (a restart): zero is acted on at once, the warning is not sent.
    await h.pass_time(300)
    assert ben.types() == ["turn.time_up", "turn.finished"]
    assert ben.of("turn.time_up")[0]["data"]["action"] == "end_turn"
    turns = ben.of("turn.finished")[0]["data"]["stage"]["turns"]
    assert turns["current"] is None and turns["time_box"] is None
    assert [(t["display_name"], t["status"]) for t in turns["order"]] == [("anna", "done"), ("ben", "pending")]

    # The next turn gets a box of its own, from its own start.
    await h.ok(mod, "turn.next")
    box = (await h.snapshot(people["anna"]))["meeting"]["stage"]["turns"]["time_box"]
    assert box["participant_id"] == people["ben"].id and box["deadline"] == clock.iso(h.now + timedelta(seconds=60))
    assert box["warned"] is False and box["time_up"] is False


async def test_nothing_at_zero_and_no_box_at_all(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "ben", format="tour_de_table")
    mod, ben = meeting.moderator, h.socket(people["ben"])
    await h.ok(mod, "stage.set", stage="rounds")
    await h.ok(mod, "turn.next")
    # Without a time box a turn has no countdown and the timer leaves it alone.
    assert (await h.snapshot(people["ben"]))["meeting"]["stage"]["turns"]["time_box"] is None
    await h.pass_time(3600)
    assert ben.of("turn.time_up") == [] and ben.of("turn.time_warned") == []

    await h.ok(mod, "meeting.configure", turn_time_box_seconds=3, turn_time_box_action="nothing")
    await h.ok(mod, "turn.next")  # ben's turn, with a box too short for a warning
    box = (await h.snapshot(people["ben"]))["meeting"]["stage"]["turns"]["time_box"]
    assert box["warn_at"] is None
    await h.pass_time(3)
    assert ben.of("turn.time_warned") == []
    [up] = ben.of("turn.time_up")
    assert up["data"]["action"] == "nothing" and up["data"]["stage"]["turns"]["current"] == people["ben"].id


async def test_ending_the_meeting_or_the_turn_ends_its_time_box(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "ben", format="tour_de_table")
    mod, ben = meeting.moderator, h.socket(people["ben"])
    await h.ok(mod, "meeting.configure", turn_time_box_seconds=120)
    await h.ok(mod, "stage.set", stage="rounds")
    await h.ok(mod, "turn.next")
    await h.ok(people["anna"], "turn.pass")  # a pass ends the turn and its box
    await h.pass_time(200)
    assert ben.of("turn.time_up") == []
    await h.ok(mod, "turn.next")  # ben's turn
    await h.ok(mod, "meeting.end")
    assert (await h.snapshot(people["anna"]))["meeting"]["stage"]["turns"]["time_box"] is None
    await h.pass_time(200)
    assert ben.of("turn.time_up") == [] and ben.of("turn.time_warned") == []


async def test_only_a_moderator_sets_the_time_box_and_bad_values_change_nothing(h: Harness) -> None:
    meeting, people = await h.meeting("anna", format="tour_de_table")
    refused = await h.command(people["anna"], "meeting.configure", turn_time_box_seconds=60)
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
    for bad in ({"turn_time_box_seconds": -1}, {"turn_time_box_seconds": 3601}, {"turn_time_box_action": "shout"}):
        answer = await h.command(meeting.moderator, "meeting.configure", **bad)
        assert answer["ok"] is False and answer["error"]["code"] == "invalid_input", bad
    settings = (await h.snapshot(people["anna"]))["meeting"]["settings"]
    assert settings["turn_time_box_seconds"] == 0 and settings["turn_time_box_action"] == "notice"
