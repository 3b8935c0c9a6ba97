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


async def test_the_owner_is_told_once_by_mail_when_their_item_is_overdue(h: Harness) -> None:
    from sqlmodel import select

    from app.models import Language, MailKind, OutgoingMail, Participant
    from app.services import notifications

    meeting, people = await h.meeting("anna", "bo")
    mod, anna = meeting.moderator, people["anna"]

    async def give(uow) -> None:  # type: ignore[no-untyped-def]
        person = await uow.session.get(Participant, anna.id)
        await notifications.give_address(uow, person=person, address="anna@barnahus.example", language=Language.da, personal_link="http://harness/meeting/x")

    await h.edge.apply(give)
    mine = (await h.ok(mod, "followup.add", text="Send the plan to the school", owner_participant_id=anna.id, due_on="2026-03-03"))["result"]["followup_id"]
    # Bo's item has an owner only in words: nobody to mail.
    await h.ok(mod, "followup.add", text="Call the family", owner="The school", due_on="2026-03-03")
    await h.pass_until("2026-03-04T00:00:01Z")
    await h.pass_time(3600)

    async def mails(uow) -> list[OutgoingMail]:  # type: ignore[no-untyped-def]
        return list((await uow.session.exec(select(OutgoingMail).where(OutgoingMail.kind == MailKind.follow_up_due))).all())

    [mail] = await h.read(mails)
    assert (mail.recipient, mail.language, mail.dedupe_key) == ("anna@barnahus.example", Language.da, f"followup-overdue:{mine}")
    assert "Send the plan to the school" in mail.subject + mail.body_text
