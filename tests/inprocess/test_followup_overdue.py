"""A follow-up item's due date is a stored deadline: once it passes while the item is open, the timer flags it, once."""

from tests.harness import Harness


async def test_an_open_item_is_flagged_overdue_once_when_its_day_ends(h: Harness) -> None:
    meeting, people = await h.meeting("anna")
    mod = meeting.moderator
    late = (await h.ok(mod, "followup.add", text="Send the plan to the school", due_on="2026-03-03"))["result"]["followup_id"]
    done = (await h.ok(mod, "followup.add", text="Book the room", due_on="2026-03-03"))["result"]["followup_id"]
    await h.ok(mod, "followup.set_status", followup_id=done, status="done")
    anna = h.socket(people["anna"])
    anna.clear()

    # The due day ends at midnight (UTC outside a series): a second before, nothing.
    await h.pass_until("2026-03-03T23:59:59Z")
    assert anna.of("followup.updated") == []
    await h.pass_time(2)
    flagged = anna.of("followup.updated")
    assert [(e["data"]["item"]["id"], e["data"]["item"]["overdue"]) for e in flagged] == [(late, True)]
    # Once: later ticks and a restart of the timer do not flag it again.
    await h.pass_time(3600)
    assert len(anna.of("followup.updated")) == 1
    snapshot = await h.snapshot(people["anna"])
    assert {f["id"]: f["overdue"] for f in snapshot["meeting"]["followups"]} == {late: True, done: False}

    # A new due date is watched afresh; done items are never flagged.
    await h.ok(mod, "followup.update", followup_id=late, due_on="2026-03-10")
    assert anna.of("followup.updated")[-1]["data"]["item"]["overdue"] is False
    await h.ok(mod, "followup.set_status", followup_id=late, status="done")
    await h.pass_until("2026-03-12T00:00:00Z")
    assert [e["data"]["item"]["overdue"] for e in anna.of("followup.updated")] == [True, False, False]
