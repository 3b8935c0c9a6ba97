"""A person who drops off keeps their hand up for the meeting's grace period, and only for it."""

from app import clock
from tests.harness import Harness


def names(queue: dict) -> list[str]:
    return [e["display_name"] for e in queue["entries"]]


async def test_a_dropped_participant_keeps_their_place_for_the_grace_period_only(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo", hand_grace_seconds=60)
    anna, bo = people["Anna"], people["Bo"]
    watching = h.socket(meeting.moderator)
    await h.ok(anna, "hand.raise")
    await h.ok(bo, "hand.raise")
    await h.disconnect(h.socket(anna))
    await h.tick()
    away = watching.of("participant.presence_changed")[-1]
    assert away["data"]["changes"] == [{"participant_id": anna.id, "online": False}]
    assert names(away["data"]["queue"]) == ["Anna", "Bo"]
    assert [e["away"] for e in away["data"]["queue"]["entries"]] == [True, False]

    # Back a moment before the grace period ends: nothing is lost, however long the meeting goes on.
    await h.pass_time(59.999)
    assert watching.of("hand.lowered") == []
    back = await h.connect(anna)
    assert names(back.snapshot["meeting"]["hands"]) == ["Anna", "Bo"]
    await h.pass_time(3600)
    assert watching.of("hand.lowered") == []

    # Gone again: the grace period starts over, and at its end the hand goes down, once, for everyone.
    await h.disconnect(back)
    await h.pass_time(59.999)
    assert watching.of("hand.lowered") == []
    await h.pass_time(0.001)
    for socket in (watching, h.socket(bo)):
        [lowered] = socket.of("hand.lowered")
        assert lowered["data"]["participant_id"] == anna.id
        assert lowered["data"]["reason"] == "grace_expired"
        assert lowered["at"] == clock.iso(h.now)
    await h.pass_time(600)
    assert len(watching.of("hand.lowered")) == 1
    assert names((await h.snapshot(bo))["meeting"]["hands"]) == ["Bo"]


async def test_a_second_tab_keeps_a_person_present(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", hand_grace_seconds=30)
    anna = people["Anna"]
    await h.connect(anna)
    await h.ok(anna, "hand.raise")
    await h.disconnect(h.sockets_of(anna)[0])
    await h.pass_time(3600)
    watching = h.socket(meeting.moderator)
    assert not any(c["participant_id"] == anna.id for e in watching.of("participant.presence_changed") for c in e["data"]["changes"] if not c["online"])
    assert watching.of("hand.lowered") == []
    assert names((await h.snapshot(anna))["meeting"]["hands"]) == ["Anna"]


async def test_the_moderator_shortens_the_grace_period_for_people_already_away(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo", hand_grace_seconds=300)
    await h.ok(people["Anna"], "hand.raise")
    await h.disconnect(h.socket(people["Anna"]))
    await h.pass_time(45)
    watching = h.socket(meeting.moderator)
    assert watching.of("hand.lowered") == []
    # Away for 45 s already: a 30 s grace period has run out, and the next tick acts on it.
    await h.ok(meeting.moderator, "meeting.configure", hand_grace_seconds=30)
    await h.tick()
    [lowered] = watching.of("hand.lowered")
    assert lowered["data"]["reason"] == "grace_expired"
    assert names((await h.snapshot(meeting.moderator))["meeting"]["hands"]) == []


async def test_presence_is_announced_once_per_tick_for_everyone_who_came_and_went(h: Harness) -> None:
    meeting, people = await h.meeting("Anna", "Bo", "Cai")
    watching = h.socket(meeting.moderator)
    watching.clear()
    await h.disconnect(h.socket(people["Anna"]))
    await h.disconnect(h.socket(people["Bo"]))
    await h.connect(people["Anna"])
    # Nothing is sent until the timer looks; then one event says who is in and who is out.
    assert watching.of("participant.presence_changed") == []
    await h.tick()
    [announced] = watching.of("participant.presence_changed")
    assert sorted((c["participant_id"], c["online"]) for c in announced["data"]["changes"]) == sorted(
        [(people["Anna"].id, True), (people["Bo"].id, False)]
    )
    await h.tick()
    assert len(watching.of("participant.presence_changed")) == 1
