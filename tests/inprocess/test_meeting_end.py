"""Ending a meeting ends what was running in it: the floor with the speaker's time, the turn in progress,
the queue and a thinking break, in the transaction of `meeting.end`, and every page hears it."""

from datetime import timedelta
from typing import Any

from app import clock
from app.db import UnitOfWork
from app.models import Meeting
from app.services import summary
from tests.harness import Harness


async def test_ending_a_tour_de_table_mid_turn_leaves_nothing_running(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "ben", "cai", format="tour_de_table")
    mod = meeting.moderator
    await h.ok(mod, "stage.set", stage="rounds")
    await h.ok(mod, "turn.next")  # anna's turn
    await h.ok(mod, "hand.give_floor", participant_id=people["anna"].id)
    await h.ok(people["ben"], "hand.raise")
    await h.ok(people["cai"], "hand.raise", note="About the interpreter")
    await h.ok(mod, "breakout.start", kind="thinking", duration_s=300)
    await h.pass_time(42.5)
    for person in [mod, *people.values()]:
        h.socket(person).clear()

    await h.ok(mod, "meeting.end")

    # Everything is over at once, before any timer tick, and said in the order the pages apply it.
    ben = h.socket(people["ben"])
    assert [t for t in ben.types() if t != "consent.changed"] == ["floor.ended", "hands.cleared", "turn.finished", "breakout.ended", "meeting.ended"]
    [floor] = ben.of("floor.ended")
    assert floor["data"] == {"participant_id": people["anna"].id, "spoke_seconds": 42.5}
    assert ben.of("hands.cleared")[0]["data"]["queue"]["entries"] == []
    for person in [mod, *people.values()]:
        snap = (await h.snapshot(person))["meeting"]
        assert snap["status"] == "ended"
        assert snap["speaker"] is None
        assert snap["hands"]["entries"] == []
        assert snap["breakout"] is None
        assert snap["stage"]["turns"]["current"] is None
        assert [(t["display_name"], t["status"]) for t in snap["stage"]["turns"]["order"]] == [("anna", "done"), ("ben", "pending"), ("cai", "pending")]

    # The summary keeps Anna's time and her turn, and claims no turn for Ben or Cai, who never had one.
    async def built(uow: UnitOfWork) -> dict[str, Any]:
        row = await uow.session.get(Meeting, meeting.id)
        assert row is not None
        return await summary.build(uow, meeting=row)

    result = await h.read(built)
    assert [(f["by"], f["seconds"], f["started_at"]) for f in result["floor"]] == [("anna's office", 42.5, clock.iso(h.now - timedelta(seconds=42.5)))]
    assert [(t["by"], t["status"]) for t in result["turns"]] == [("anna's office", "done")]
    assert result["meeting"]["ended_at"] == clock.iso(h.now)

    # Nothing is left for the timer: no late breakout end, no lowered hand.
    await h.pass_time(600)
    assert len(ben.of("breakout.ended")) == 1
    assert ben.of("breakout.warned") == []


async def test_ending_a_quiet_meeting_says_only_that_it_ended(h: Harness) -> None:
    meeting, people = await h.meeting("anna")
    anna = h.socket(people["anna"])
    anna.clear()
    await h.ok(meeting.moderator, "meeting.end")
    assert [t for t in anna.types() if t != "consent.changed"] == ["meeting.ended"]
