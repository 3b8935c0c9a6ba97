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
