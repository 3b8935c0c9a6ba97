"""Snapshots built together (a join storm's welcome, app/realtime/welcome.py) read what everyone sees alike once.
Each must still be exactly the snapshot of its own viewer: these give every viewer something only they may see
and build all the snapshots in one read."""

from app.models import Meeting
from app.services import participants, snapshot
from tests.harness import Harness, Person


def without_time(built: dict) -> dict:
    return {**built, "server_time": None}


async def together(h: Harness, meeting_id: str, people: list[Person], limit: int) -> list[dict]:
    async def build(uow):  # type: ignore[no-untyped-def]
        meeting = await uow.session.get(Meeting, meeting_id)
        viewers = {p.id: p for p in await participants.load(uow, {p.id for p in people})}
        made = await snapshot.build_all(uow, meeting=meeting, viewers=[viewers[p.id] for p in people], public_url="http://harness", people_limit=limit)
        return [s.model_dump(mode="json") for s in made]

    return await h.read(build)


async def test_each_snapshot_built_together_is_its_viewers_own(h: Harness) -> None:
    h.settings.people_listed_up_to = 3
    meeting, people = await h.meeting("anna", "bo", "cai", "dan")
    anna, bo, cai, dan = (people[n] for n in ("anna", "bo", "cai", "dan"))
    # anna's named question waits for approval: only she and the moderator see it.
    await h.ok(anna, "question.submit", text="Who tells the child?")
    # An approved question bo upvoted: everyone sees it, only bo's snapshot has his upvote.
    shown = (await h.ok(cai, "question.submit", text="When do we meet again?"))["result"]["question_id"]
    await h.ok(meeting.moderator, "question.approve", question_id=shown)
    await h.ok(bo, "question.upvote", question_id=shown)
    # A ballot cai answered: her own choice is in her part of the consent view only.
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    await h.ok(cai, "consent.vote", choice="record")
    # dan is in a breakout room with anna; bo and cai stay in the main room.
    await h.ok(
        meeting.moderator, "breakout.start", duration_s=600, assignment="manual",
        rooms=[{"name": "North", "participant_ids": [anna.id, dan.id]}],
    )
    viewers = [meeting.moderator, anna, bo, cai, dan]
    built = await together(h, meeting.id, viewers, limit=3)
    for person, made in zip(viewers, built, strict=True):
        assert without_time(made) == without_time(await h.snapshot(person)), person.name
    by_name = dict(zip(("moderator", "anna", "bo", "cai", "dan"), built, strict=True))
    # What the snapshots hold differs as it should (the comparison above would pass if none differed).
    assert [len(s["meeting"]["questions"]) for s in built] == [2, 2, 1, 1, 1]
    assert by_name["bo"]["meeting"]["my_upvotes"] == [shown] and by_name["anna"]["meeting"]["my_upvotes"] == []
    assert by_name["cai"]["meeting"]["consent"] != by_name["bo"]["meeting"]["consent"]
    assert by_name["dan"]["meeting"]["breakout"]["my_room_id"] is not None and by_name["bo"]["meeting"]["breakout"]["my_room_id"] is None
    assert {p["display_name"] for p in by_name["bo"]["meeting"]["participants"]} == {"Moderator", "bo"}
    assert len(by_name["moderator"]["meeting"]["participants"]) == 5 and "join_code" not in by_name["anna"]["meeting"]


async def test_what_everyone_sees_alike_is_kept_per_meeting_and_version_and_never_crosses(h: Harness) -> None:
    first, people = await h.meeting("anna", title="Intake interviews")
    second, others = await h.meeting("bo", title="School network")
    await h.ok(people["anna"], "chat.send", text="Only in the first meeting")
    await h.ok(others["bo"], "chat.send", text="Only in the second meeting")
    seen_first, seen_second = await h.snapshot(people["anna"]), await h.snapshot(others["bo"])
    assert seen_first["version"] == seen_second["version"]
    # Read twice: the second time from what was kept, each from its own meeting's.
    for _ in range(2):
        one, two = await h.snapshot(people["anna"]), await h.snapshot(others["bo"])
        assert (one["meeting"]["title"], [m["text"] for m in one["meeting"]["chat"]["messages"]]) == ("Intake interviews", ["Only in the first meeting"])
        assert (two["meeting"]["title"], [m["text"] for m in two["meeting"]["chat"]["messages"]]) == ("School network", ["Only in the second meeting"])
    # A change gives a new version, and the next snapshot holds it.
    await h.ok(people["anna"], "hand.raise")
    raised = await h.snapshot(people["anna"])
    assert [e["participant_id"] for e in raised["meeting"]["hands"]["entries"]] == [people["anna"].id]
