"""The learning conversation's agreement: each person acknowledges the ground rules before taking part."""

from tests.harness import Harness
from tests.roles.definitions import CONFERENCE, LEARNING


async def test_nobody_takes_part_before_acknowledging_the_ground_rules(h: Harness) -> None:
    meeting, people = await h.meeting("ama", "ben", definition=LEARNING, start=False)
    ama = people["ama"]
    # The facilitator too: starting the meeting waits for their acknowledgement.
    assert (await h.command(meeting.moderator, "meeting.start"))["error"]["code"] == "agreement_required"
    await h.ok(meeting.moderator, "agreement.acknowledge")
    await h.ok(meeting.moderator, "meeting.start")

    for command, data in [("hand.raise", {}), ("chat.send", {"text": "hello", "kind": "message"}), ("scale.answer", {"scale_id": "situation", "value": 6})]:
        answer = await h.command(ama, command, **data)
        assert answer["error"]["code"] == "agreement_required", command
    # Consent votes pass the gate: the recording question is not held up by it.
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    await h.ok(ama, "consent.vote", choice="record")

    h.clock.advance(90)
    acked = await h.ok(ama, "agreement.acknowledge")
    assert acked["result"]["acknowledged_at"] == "2026-03-02T09:01:30.000Z"
    await h.ok(ama, "hand.raise")

    # The moderators see who acknowledged and when; Ama hears her own; Ben hears nothing of it.
    seen = h.socket(meeting.moderator).of("agreement.acknowledged")
    assert [e["data"]["acknowledgement"]["display_name"] for e in seen] == ["Moderator", "ama"]
    assert h.socket(ama).of("agreement.acknowledged")[-1]["data"]["acknowledgement"]["participant_id"] == ama.id
    assert h.socket(people["ben"]).of("agreement.acknowledged") == []
    console = (await h.snapshot(meeting.moderator))["meeting"]["agreement"]
    assert [(a["display_name"], a["acknowledged_at"]) for a in console["acknowledgements"]] == [
        ("Moderator", "2026-03-02T09:00:00.000Z"), ("ama", "2026-03-02T09:01:30.000Z"),
    ]
    page = (await h.snapshot(people["ben"]))["meeting"]["agreement"]
    assert page["acknowledged"] is False and "acknowledgements" not in page
    assert page["principles"][0]["en"].startswith("We will listen to each other")


async def test_acknowledging_twice_keeps_the_first_time(h: Harness) -> None:
    meeting, people = await h.meeting("ama", definition=LEARNING, start=False)
    await h.ok(people["ama"], "agreement.acknowledge")
    h.clock.advance(60)
    again = await h.ok(people["ama"], "agreement.acknowledge")
    assert again["result"]["acknowledged_at"] == "2026-03-02T09:00:00.000Z"
    assert len(h.socket(people["ama"]).of("agreement.acknowledged")) == 1


async def test_a_format_without_an_agreement_has_nothing_to_acknowledge(h: Harness) -> None:
    meeting, people = await h.meeting("ama", definition=CONFERENCE)
    assert (await h.command(people["ama"], "agreement.acknowledge"))["error"]["code"] == "no_agreement"
    await h.ok(people["ama"], "hand.raise")
    assert (await h.snapshot(people["ama"]))["meeting"]["agreement"] is None


async def test_a_late_joiner_answers_the_recording_question_before_the_agreement(h: Harness) -> None:
    meeting, people = await h.meeting("ama", "ben", definition=LEARNING, start=False)
    for person in (meeting.moderator, people["ama"], people["ben"]):
        await h.ok(person, "agreement.acknowledge")
    await h.ok(meeting.moderator, "meeting.start")
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    for person in (meeting.moderator, people["ama"], people["ben"]):
        await h.ok(person, "consent.vote", choice="record")
    cai = await h.join(meeting, "cai")
    await h.connect(cai)
    assert (await h.command(cai, "agreement.acknowledge"))["error"]["code"] == "consent_required"
    await h.ok(cai, "consent.vote", choice="record")
    assert (await h.command(cai, "hand.raise"))["error"]["code"] == "agreement_required"
    await h.ok(cai, "agreement.acknowledge")
    await h.ok(cai, "hand.raise")
