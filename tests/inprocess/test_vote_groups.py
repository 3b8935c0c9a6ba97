"""A ballot's votes sent at once are applied in groups, one transaction for many (app/realtime/dispatch.py).

The same votes, in the same order, are sent to one meeting one by one and to two others all at once, the two
bursts interleaved: every sender must get the same answer, and everyone the same events, as one by one. The
votes include what a group must not get wrong: a second answer, a voter who is away, one who was removed, a
privacy wish in the middle (after it the ballot is over) and votes after it.
"""

import asyncio
from typing import Any

from sqlalchemy import event as sa_event

from tests.harness import Harness, MeetingHandle, Person
from tests.inprocess.streams import normalised

NAMES = [f"p{i:02}" for i in range(24)]


def script(people: dict[str, Person]) -> list[tuple[Person, str]]:
    """Who votes what, in order: record votes, a second answer, the away and removed voters, then a privacy wish
    and record votes after it."""
    votes = [(people[name], "record") for name in NAMES[:10]]
    votes.append((people["p03"], "record"))  # a second answer
    votes.append((people["p20"], "record"))  # away
    votes.append((people["p21"], "record"))  # removed
    votes += [(people[name], "record") for name in NAMES[10:15]]
    votes.append((people["p15"], "private"))
    votes += [(people[name], "record") for name in NAMES[16:19]]
    return votes


async def prepared(h: Harness) -> tuple[MeetingHandle, dict[str, Person]]:
    meeting, people = await h.meeting(*NAMES)
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    await h.disconnect(h.socket(people["p20"]))
    await h.ok(meeting.moderator, "participant.remove", participant_id=people["p21"].id)
    return meeting, people


async def version_of(h: Harness, meeting: MeetingHandle) -> int:
    return int((await h.snapshot(meeting.moderator))["version"])


async def test_votes_sent_at_once_answer_and_show_what_the_same_votes_one_by_one_do(h: Harness) -> None:
    commits = 0

    @sa_event.listens_for(h.db.engine.sync_engine, "commit")
    def count(_connection: Any) -> None:
        nonlocal commits
        commits += 1

    one_by_one, alone_people = await prepared(h)
    at_once = [await prepared(h) for _ in range(2)]
    starts = [await version_of(h, m) for m, _ in [(one_by_one, alone_people), *at_once]]
    seen_before = {p.id: len(s.events) for s in h.transport.sockets.values() for p in [s.person]}

    commits = 0
    alone = [await h.command(person, "consent.vote", choice=choice) for person, choice in script(alone_people)]
    sequential_commits, commits = commits, 0
    scripts = [script(people) for _, people in at_once]
    interleaved = [vote for pair in zip(*scripts, strict=True) for vote in pair]
    answers = await asyncio.gather(*(h.command(person, "consent.vote", choice=choice) for person, choice in interleaved))

    # Grouped: far fewer transactions than votes (one by one, each vote is one).
    assert sequential_commits == len(alone)
    assert commits <= len(interleaved) // 4, f"{commits} transactions for {len(interleaved)} votes"
    codes = [a["error"]["code"] if not a["ok"] else a["result"]["state"] for a in alone]
    assert codes.count("already_voted") == 1 and "not_eligible" in codes and "unauthorized" in codes
    assert codes.count("no_ballot_open") == 3, codes

    def what(answer: dict[str, Any], meeting: MeetingHandle, people: dict[str, Person], start: int) -> str:
        return normalised(answer, meeting, people, start)

    # Each accepted vote's ack carries the version of the voter's own event, as the page expects.
    for (person, _), answer in [*zip(script(alone_people), alone, strict=True), *zip(interleaved, answers, strict=True)]:
        if answer["ok"]:
            mine = [e["version"] for e in h.socket(person).of("consent.personal_changed")]
            assert answer["version"] in mine, f"{person.name}: ack {answer['version']}, own events {mine}"
    expected = [what(a, one_by_one, alone_people, starts[0]) for a in alone]
    for index, (meeting, people) in enumerate(at_once):
        got = [what(a, meeting, people, starts[index + 1]) for a in answers[index::2]]
        assert got == expected, f"meeting {index + 1}: the answers differ from one by one"

    def stream(person: Person, meeting: MeetingHandle, people: dict[str, Person], start: int) -> list[str]:
        events = h.socket(person).events[seen_before[person.id] :]
        return [normalised(e, meeting, people, start) for e in events]

    for name in ["p00", "p15", "p19", "p03"]:
        want = stream(alone_people[name], one_by_one, alone_people, starts[0])
        assert any("consent.changed" in e for e in want)
        for index, (meeting, people) in enumerate(at_once):
            assert stream(people[name], meeting, people, starts[index + 1]) == want, f"{name} saw something else in meeting {index + 1}"
    for index, (meeting, people) in enumerate(at_once):
        assert stream(meeting.moderator, meeting, people, starts[index + 1]) == stream(one_by_one.moderator, one_by_one, alone_people, starts[0])
        snapshot = await h.snapshot(meeting.moderator)
        assert snapshot["meeting"]["consent"]["state"] == "private"
