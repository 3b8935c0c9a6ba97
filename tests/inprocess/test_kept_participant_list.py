"""The snapshot's participant list is kept per meeting and version (app/services/views.py). These try to make a
kept list leak into another meeting, or outlive a change that a page must see."""

from tests.harness import Harness


def names(snapshot: dict) -> set[str]:
    return {p["display_name"] for p in snapshot["meeting"]["participants"]}


async def test_two_meetings_at_the_same_version_never_share_a_list(h: Harness) -> None:
    first, people = await h.meeting("anna", "bo", title="Intake interviews")
    second, others = await h.meeting("cai", "dan", title="School network")
    assert (await h.snapshot(people["anna"]))["version"] == (await h.snapshot(others["cai"]))["version"]
    # Each read twice: the second comes from the kept list of its own meeting.
    for _ in range(2):
        assert names(await h.snapshot(people["anna"])) == {"Moderator", "anna", "bo"}
        assert names(await h.snapshot(others["cai"])) == {"Moderator", "cai", "dan"}


async def test_a_change_to_someone_is_in_the_next_snapshot_though_a_list_was_kept(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo")
    kept = await h.snapshot(people["bo"])
    assert not next(p for p in kept["meeting"]["participants"] if p["display_name"] == "anna")["keynote"]
    await h.ok(meeting.moderator, "participant.set_keynote", participant_id=people["anna"].id, keynote=True)
    fresh = await h.snapshot(people["bo"])
    assert fresh["version"] > kept["version"]
    assert next(p for p in fresh["meeting"]["participants"] if p["display_name"] == "anna")["keynote"]
    late = await h.join(meeting, "cai")
    await h.connect(late)
    assert "cai" in names(await h.snapshot(people["bo"]))


# Above a size a participant's snapshot names only the people with a part to play, and counts everyone.


def count(snapshot: dict) -> dict:
    return snapshot["meeting"]["people"]


async def test_a_large_meetings_participants_get_the_counts_and_the_people_with_a_part(h: Harness) -> None:
    h.settings.people_listed_up_to = 3
    meeting, people = await h.meeting("anna", "bo", "cai", "dan")
    await h.ok(meeting.moderator, "participant.set_keynote", participant_id=people["cai"].id, keynote=True)
    await h.disconnect(h.socket(people["dan"]))
    await h.tick()
    seen = await h.snapshot(people["anna"])
    # The moderator, the keynote speaker and anna herself; bo and dan are counted, not named.
    assert names(seen) == {"Moderator", "cai", "anna"}
    assert count(seen) == {"total": 5, "online": 4, "complete": False}
    everyone = await h.snapshot(meeting.moderator)
    assert names(everyone) == {"Moderator", "anna", "bo", "cai", "dan"}
    assert count(everyone) == {"total": 5, "online": 4, "complete": True}


async def test_a_meeting_within_the_limit_names_everyone_to_everyone(h: Harness) -> None:
    h.settings.people_listed_up_to = 3
    meeting, people = await h.meeting("anna", "bo")
    seen = await h.snapshot(people["anna"])
    assert names(seen) == {"Moderator", "anna", "bo"}
    assert count(seen) == {"total": 3, "online": 3, "complete": True}


async def test_the_events_that_change_the_counts_carry_them(h: Harness) -> None:
    h.settings.people_listed_up_to = 2
    meeting, people = await h.meeting("anna", "bo")
    watching = h.socket(people["anna"])
    watching.clear()
    late = await h.join(meeting, "cai")
    [joined] = watching.of("participant.joined")
    assert joined["data"]["people"] == {"total": 4, "online": 3}
    await h.connect(late)
    await h.disconnect(h.socket(people["bo"]))
    await h.tick()
    [presence] = watching.of("participant.presence_changed")
    assert presence["data"]["people"] == {"total": 4, "online": 3}
    await h.ok(meeting.moderator, "participant.remove", participant_id=late.id)
    [removed] = watching.of("participant.removed")
    assert removed["data"]["people"] == {"total": 3, "online": 2}
    # The counts a page keeps from these events are the next snapshot's.
    assert count(await h.snapshot(people["anna"])) == {**removed["data"]["people"], "complete": False}
