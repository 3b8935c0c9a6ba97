"""A `record` vote in an open opening ballot is decided from the counts kept with the consent row (so that a
ballot of a thousand does not read everyone present for every vote). What it stores and what everyone sees
must be what the whole rule would have done: each vote is first played through the whole rule in a
transaction that is thrown away, then sent as a command, and the two are compared."""

from typing import Any

from app.db import Published
from app.rules import consent as rule
from app.services import consent
from tests.harness import Harness, Person


class Discard(Exception):
    """Rolls a trial transaction back."""


async def trial(h: Harness, person: Person, *, whole_rule: bool) -> tuple[list[tuple[Any, ...]], str]:
    """What the vote would record and leave behind, without keeping it."""
    seen: list[Published] = []
    state = ""
    try:
        async with h.db.unit_of_work() as uow:
            if whole_rule:
                state = (await consent.happen(uow, person.meeting_id, rule.Voted(person.id, rule.Choice.record))).state.value
            else:
                state = (await consent.vote(uow, meeting_id=person.meeting_id, participant_id=person.id, choice=rule.Choice.record)).value
            seen = list(uow.events)
            raise Discard
    except Discard:
        pass
    return [(p.rooms, p.version, p.event) for p in seen], state


async def test_every_vote_of_a_ballot_records_what_the_whole_rule_records(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo", "cai", "dan", "eve")
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    voters = [people["anna"], people["bo"], meeting.moderator, people["cai"], people["dan"], people["eve"]]
    for voter in voters:
        assert await trial(h, voter, whole_rule=False) == await trial(h, voter, whole_rule=True)
        await h.ok(voter, "consent.vote", choice="record")
        # A second answer is refused alike (the counted path refuses before the rule is asked).
        answer = await h.command(voter, "consent.vote", choice="record")
        assert not answer["ok"] and answer["error"]["code"] in ("already_voted", "no_ballot_open")
    room = h.socket(meeting.moderator).of("consent.changed")
    assert [e["data"]["ballot"]["voted"] for e in room[1:-1]] == [1, 2, 3, 4, 5]
    assert room[-1]["data"]["state"] == "recording_allowed"


async def test_the_count_holds_when_people_leave_and_arrive_mid_ballot(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo", "cai")
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    await h.ok(people["anna"], "consent.vote", choice="record")
    await h.disconnect(h.socket(people["bo"]))
    # Bo is away: asked, but not present, so his vote is refused as the rule refuses it.
    answer = await h.command(people["bo"], "consent.vote", choice="record")
    assert answer["error"]["code"] == "not_eligible"
    dan = await h.join(meeting, "dan")
    await h.connect(dan)
    for voter in (dan, people["cai"]):
        assert await trial(h, voter, whole_rule=False) == await trial(h, voter, whole_rule=True)
        await h.ok(voter, "consent.vote", choice="record")
    ballot = h.socket(meeting.moderator).of("consent.changed")[-1]["data"]["ballot"]
    assert (ballot["eligible"], ballot["voted"]) == (5, 3)
    # Moderator's vote leaves only Bo's missing; Bo comes back and his vote settles the ballot.
    await h.ok(meeting.moderator, "consent.vote", choice="record")
    await h.connect(people["bo"])
    await h.ok(people["bo"], "consent.vote", choice="record")
    assert h.socket(meeting.moderator).of("consent.changed")[-1]["data"]["state"] == "recording_allowed"
