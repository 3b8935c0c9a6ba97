"""The opening consent ballot as the room sees it while people come and go: counts, never names.

The recording side (recorder, uploads, webhooks) is covered against real servers in tests/consent/.
"""

from app import clock
from tests.harness import Harness


def ballot(socket_events: list[dict]) -> dict | None:
    return socket_events[-1]["data"]["ballot"]


async def test_people_who_leave_mid_ballot_stay_asked_and_move_no_count(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo", "cai")
    anna, bo, cai = people["anna"], people["bo"], people["cai"]
    room = h.socket(meeting.moderator)
    await h.pass_time(30)
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    [opened] = room.of("consent.changed")
    assert opened["data"]["state"] == "opening_ballot"
    assert opened["data"]["ballot"] == {"phase": "opening", "eligible": 4, "voted": 0, "opened_at": clock.iso(h.now)}
    for person in (meeting.moderator, anna, bo, cai):
        [asked] = h.socket(person).of("consent.personal_changed")
        assert asked["data"]["question"] == "opening"

    await h.ok(anna, "consent.vote", choice="record")
    assert ballot(room.of("consent.changed")) == {**opened["data"]["ballot"], "voted": 1}
    # Only anna learns that her vote is on record.
    assert h.socket(anna).of("consent.personal_changed")[-1]["data"] == {"question": None, "my_vote": "record", "can_withdraw": True}
    assert len(h.socket(bo).of("consent.personal_changed")) == 1

    # Bo drops off without voting. Presence is public by name: had the count gone to "1 of 3", the room
    # would know that Bo had not answered. He stays asked and the count stays as it was.
    changes = len(room.of("consent.changed"))
    await h.disconnect(h.socket(bo))
    await h.pass_time(5)
    assert len(room.of("consent.changed")) == changes
    await h.ok(meeting.moderator, "consent.vote", choice="record")
    await h.ok(cai, "consent.vote", choice="record")
    # Everyone still present said "record", but Bo's answer is missing: the ballot waits for it.
    assert room.of("consent.changed")[-1]["data"]["state"] == "opening_ballot"
    assert ballot(room.of("consent.changed")) == {**opened["data"]["ballot"], "voted": 3}

    # Bo comes back: the same question, answered as any other; then recording is allowed.
    back = await h.connect(bo)
    assert back.snapshot["meeting"]["consent"]["question"] == "opening"
    assert back.snapshot["meeting"]["consent"]["ballot"]["eligible"] == 4
    await h.ok(bo, "consent.vote", choice="record")
    assert room.of("consent.changed")[-1]["data"]["state"] == "recording_allowed"
    assert room.of("consent.changed")[-1]["data"]["ballot"] is None
    await h.ok(bo, "hand.raise")


async def test_closing_the_opening_ballot_counts_silence_as_private(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo")
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    await h.ok(people["anna"], "consent.vote", choice="record")
    await h.ok(meeting.moderator, "consent.vote", choice="record")
    await h.pass_time(300)
    closed = await h.ok(meeting.moderator, "consent.close_ballot")
    assert closed["result"] == {"state": "private"}
    for person in (meeting.moderator, people["anna"], people["bo"]):
        assert h.socket(person).of("consent.changed")[-1]["data"]["state"] == "private"
    # Private for good: no second opening ballot.
    again = await h.command(meeting.moderator, "consent.open_ballot", phase="opening")
    assert again["error"]["code"] == "ballot_not_possible"


async def test_a_person_away_when_the_ballot_opens_is_not_counted_until_they_return(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo")
    await h.disconnect(h.socket(people["bo"]))
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    room = h.socket(meeting.moderator)
    assert ballot(room.of("consent.changed"))["eligible"] == 2
    back = await h.connect(people["bo"])
    assert back.snapshot["meeting"]["consent"]["question"] == "opening"
    assert ballot(room.of("consent.changed"))["eligible"] == 3
    refused = await h.command(people["bo"], "consent.vote", choice="share")
    assert refused["error"]["code"] == "invalid_choice"
