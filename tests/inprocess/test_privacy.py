"""Privacy promises on a clock the test moves: an undecided recording is not kept forever, personal data go
when the meeting's retention is over, removal is a ban until a moderator lifts it, and a person can read,
download and erase what is held about them."""

from datetime import timedelta

from sqlmodel import select

from app.models import ChatMessage, ConsentVote, Meeting, Participant, Question, Recording, RecordingEvent
from app.services import participants, privacy, recordings
from tests.harness import Harness, MeetingHandle, Person


async def recording_allowed(h: Harness, *names: str) -> tuple[MeetingHandle, dict[str, Person], str]:
    """A meeting whose opening ballot everyone answered `record`, with one recording made."""
    meeting, people = await h.meeting(*names)
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    for person in [meeting.moderator, *people.values()]:
        await h.ok(person, "consent.vote", choice="record")
    made = await h.edge.apply(
        lambda uow: recordings.register(uow, meeting_id=meeting.id, service="svc", external_id="ext-1", callback_url="http://127.0.0.1:9/hook")
    )
    return meeting, people, made.id


async def recording_row(h: Harness, recording_id: str) -> Recording:
    found = await h.read(lambda uow: uow.session.get(Recording, recording_id))
    assert found is not None
    return found


async def webhooks(h: Harness, recording_id: str) -> list[str]:
    rows = await h.read(lambda uow: uow.session.exec(select(RecordingEvent.type).where(RecordingEvent.recording_id == recording_id)))
    return list(rows.all())


async def test_ending_the_meeting_prompts_and_an_undecided_recording_is_deleted_at_its_deadline(h: Harness) -> None:
    meeting, people, recording_id = await recording_allowed(h, "anna")
    room = h.socket(meeting.moderator)
    await h.ok(meeting.moderator, "meeting.end")
    # The console is told a decision is due, and by when (UNDECIDED_RECORDING_DAYS after the end).
    prompt = room.of("consent.changed")[-1]["data"]
    due = h.now + timedelta(days=h.settings.undecided_recording_days)
    assert prompt["decision_due_at"] is not None and prompt["state"] == "recording"
    assert (await h.snapshot(meeting.moderator))["meeting"]["consent"]["decision_due_at"] == prompt["decision_due_at"]

    await h.pass_until(due - timedelta(minutes=1))
    assert (await recording_row(h, recording_id)).status != "deleted"
    await h.pass_time(120)
    row = await recording_row(h, recording_id)
    assert row.status == "deleted" and row.deleted_at is not None
    assert room.of("consent.changed")[-1]["data"]["state"] == "deleted"
    assert room.of("consent.changed")[-1]["data"]["decision_due_at"] is None
    # The recording service hears it as for a privacy request: stop, then delete.
    assert await webhooks(h, recording_id) == ["recording.stop", "recording.delete"]
    # And the answers that allowed it are gone with it (counts stay).
    assert (await h.read(lambda uow: uow.session.exec(select(ConsentVote).where(ConsentVote.meeting_id == meeting.id)))).all() == []


async def test_a_recording_decided_before_its_deadline_stays(h: Harness) -> None:
    meeting, people, recording_id = await recording_allowed(h, "anna")
    await h.ok(meeting.moderator, "meeting.end")
    await h.ok(meeting.moderator, "consent.open_ballot", phase="closing")
    for person in (meeting.moderator, people["anna"]):
        await h.ok(person, "consent.vote", choice="share")
    await h.pass_time(h.settings.undecided_recording_days * 86400 + 60)
    assert (await recording_row(h, recording_id)).status == "shared"
    # The organiser's report names who consented, because everyone did.
    async def report_of(uow):  # type: ignore[no-untyped-def]
        return await privacy.consent_report(uow, meeting=await uow.session.get(Meeting, meeting.id))

    report = await h.read(report_of)
    assert {(c["display_name"], c["choice"]) for c in report["consents"]} == {("Moderator", "record"), ("anna", "record"), ("Moderator", "share"), ("anna", "share")}


async def test_personal_data_are_deleted_when_the_retention_period_is_over(h: Harness) -> None:
    meeting, people, recording_id = await recording_allowed(h, "anna", "bo")
    await h.ok(people["anna"], "chat.send", text="Our team meets the family on Friday")
    await h.ok(people["bo"], "question.submit", text="Who writes the report?")
    await h.ok(meeting.moderator, "consent.open_ballot", phase="closing")
    for person in (meeting.moderator, people["anna"], people["bo"]):
        await h.ok(person, "consent.vote", choice="share")
    await h.ok(meeting.moderator, "meeting.end")
    stored = await h.read(lambda uow: uow.session.get(Meeting, meeting.id))
    assert stored is not None and stored.erase_at == h.now + timedelta(days=stored.retention_days)

    await h.pass_until(stored.erase_at - timedelta(minutes=1))
    assert len((await h.read(lambda uow: uow.session.exec(select(Participant).where(Participant.meeting_id == meeting.id)))).all()) == 3
    await h.pass_time(120)

    async def left(uow):  # type: ignore[no-untyped-def]
        counts = {}
        for table in (Participant, ChatMessage, Question, ConsentVote):
            counts[table.__name__] = len((await uow.session.exec(select(table).where(table.meeting_id == meeting.id))).all())  # type: ignore[attr-defined]
        return counts, await uow.session.get(Meeting, meeting.id)

    counts, after = await h.read(left)
    assert counts == {"Participant": 0, "ChatMessage": 0, "Question": 0, "ConsentVote": 0}
    assert after.erased_at is not None and after.title == ""
    # A shared recording goes too, with its webhook.
    assert (await recording_row(h, recording_id)).status == "deleted"
    assert (await webhooks(h, recording_id))[-1] == "recording.delete"
    # The invite code no longer leads anywhere.
    try:
        await h.edge.apply(lambda uow: participants.join(uow, join_code=meeting.join_code, display_name="Cai", organisation=None))
        raise AssertionError("joined an erased meeting")
    except Exception as refused:  # noqa: BLE001
        assert getattr(refused, "code", "") == "not_found"


async def test_a_removed_person_cannot_rejoin_until_a_moderator_lets_them_back(h: Harness) -> None:
    meeting, people = await h.meeting("anna")

    async def join(name: str, device: str | None) -> str:
        try:
            person, _ = await h.edge.apply(lambda uow: participants.join(uow, join_code=meeting.join_code, display_name=name, organisation=None, device_hash=device))
        except Exception as refused:  # noqa: BLE001
            return getattr(refused, "code", repr(refused))
        return person.id

    troll = await join("Troll", "device-1")
    await h.ok(meeting.moderator, "participant.remove", participant_id=troll)
    assert await join("Someone else", "device-1") == "banned"  # the same browser
    assert await join("troll ", "device-2") == "banned"  # the same name
    assert (await h.snapshot(meeting.moderator))["meeting"]["banned"][0]["participant_id"] == troll
    assert "banned" not in (await h.snapshot(people["anna"]))["meeting"]
    refused = await h.command(people["anna"], "participant.lift_ban", participant_id=troll)
    assert refused["error"]["code"] == "forbidden"
    await h.ok(meeting.moderator, "participant.lift_ban", participant_id=troll)
    assert h.socket(meeting.moderator).of("participant.ban_lifted")[-1]["data"] == {"participant_id": troll}
    assert (await h.snapshot(meeting.moderator))["meeting"]["banned"] == []
    assert len(await join("Troll", "device-1")) == 36


async def test_a_person_reads_downloads_and_erases_their_own_data(h: Harness) -> None:
    meeting, people, recording_id = await recording_allowed(h, "anna", "bo")
    anna = people["anna"]
    await h.ok(anna, "chat.send", text="I can bring the interview guide")
    await h.ok(anna, "question.submit", text="How do we involve the school?")

    async def as_anna(uow):  # type: ignore[no-untyped-def]
        return await privacy.export_person(uow, person=await participants.authenticate(uow, anna.token))

    data = await h.read(as_anna)
    assert data["you"]["display_name"] == "anna" and data["you"]["organisation"] == "anna's office"
    assert [m["text"] for m in data["chat_messages"]] == ["I can bring the interview guide"]
    assert [q["text"] for q in data["questions"]] == ["How do we involve the school?"]
    assert [(a["choice"], a["asked_in"]) for a in data["consent"]["answers"]] == [("record", "opening")]
    assert data["consent"]["can_withdraw"] is True
    assert data["meeting"]["retention_days"] == 30

    async def erase(uow):  # type: ignore[no-untyped-def]
        await privacy.erase_person(uow, person=await participants.authenticate(uow, anna.token))

    await h.edge.apply(erase)
    room = h.socket(meeting.moderator)
    assert room.of("participant.removed")[-1]["data"]["participant_id"] == anna.id
    row = await h.read(lambda uow: uow.session.get(Participant, anna.id))
    assert row is not None and row.display_name == "" and row.organisation is None and row.erased_at is not None
    mine = await h.read(lambda uow: uow.session.exec(select(ChatMessage).where(ChatMessage.participant_id == anna.id)))
    assert mine.all() == []
    assert (await h.read(lambda uow: uow.session.exec(select(Question).where(Question.author_id == anna.id)))).all() == []
    # Her link no longer works, and nothing with her name is shown to anyone.
    assert (await h.command(anna, "hand.raise"))["ok"] is False
    assert "anna" not in repr((await h.snapshot(meeting.moderator))["meeting"]["participants"])
    # The recording she consented to still stands: her consent stays, under an id with no name.
    assert (await recording_row(h, recording_id)).status == "recording"


async def test_someone_erasing_their_data_mid_ballot_moves_no_count(h: Harness) -> None:
    """Whether or not the person had answered, the room's count stays: it must not tell which."""
    for answered in (True, False):
        meeting, people = await h.meeting("anna", "bo")
        await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
        await h.ok(people["bo"], "consent.vote", choice="record")
        if answered:
            await h.ok(people["anna"], "consent.vote", choice="record")
        before = (await h.snapshot(meeting.moderator))["meeting"]["consent"]["ballot"]

        async def erase(uow):  # type: ignore[no-untyped-def]
            await privacy.erase_person(uow, person=await participants.authenticate(uow, people["anna"].token))

        await h.edge.apply(erase)
        await h.pass_time(1)
        assert (await h.snapshot(meeting.moderator))["meeting"]["consent"]["ballot"] == before
