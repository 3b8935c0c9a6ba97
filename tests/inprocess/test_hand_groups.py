"""Hands raised at once are applied in groups, one transaction for many (app/realtime/dispatch.py).

The same raises, in the same order, go to one meeting one by one and to two others all at once, the two bursts
interleaved: every sender must get the same answer, everyone the same `hand.raised` events (each with the place
its hand had right after it went up), and the queue a page builds from them must be the fresh snapshot's.
Under the fairness rule three people who have spoken go behind the others, so places are not simply the
order of arrival. The raises include a second hand, a repeated command_id (one hand, the same answer twice)
and a removed person.
"""

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import event as sa_event

from app.db import UnitOfWork
from app.errors import DomainError
from app.models import Meeting, Participant
from app.realtime.commands import REGISTRY, Done
from app.realtime.handlers.hands import Raise, raises
from tests.harness import Harness, MeetingHandle, Person
from tests.inprocess.streams import normalised

NAMES = [f"p{i:02}" for i in range(16)]


def script(people: dict[str, Person]) -> list[tuple[Person, str, str | None]]:
    """(who, command_id, note) in order."""
    raises: list[tuple[Person, str, str | None]] = [(people[name], f"raise-{name}", None) for name in NAMES[:12]]
    raises.insert(3, (people["p04"], "raise-p04-again", None))  # p04's second hand, before his first: refused later
    raises.insert(6, (people["p05"], "raise-p05", None))  # p05 repeats a command_id: one hand, one answer
    raises.append((people["p13"], "raise-p13", "On the school's report"))
    raises.append((people["p14"], "raise-p14", None))  # removed
    raises.append((people["p04"], "raise-p04-third", None))
    return raises


async def prepared(h: Harness, rule: str) -> tuple[MeetingHandle, dict[str, Person]]:
    meeting, people = await h.meeting(*NAMES)
    mod = meeting.moderator
    await h.ok(mod, "meeting.configure", hand_rule=rule)
    for name in NAMES[:3]:
        await h.ok(mod, "hand.give_floor", participant_id=people[name].id)
        await h.ok(mod, "hand.finish_speaking")
    await h.ok(mod, "participant.remove", participant_id=people["p14"].id)
    return meeting, people


async def raise_(h: Harness, person: Person, command_id: str, note: str | None) -> dict[str, Any]:
    return await h.dispatcher.dispatch(person.id, {"type": "hand.raise", "data": {"note": note}, "command_id": command_id})


def replayed_queue(h: Harness, person: Person, seen_before: int) -> list[str]:
    """The queue as a page builds it from `hand.raised` deltas (the queue was empty before)."""
    queue: list[str] = []
    for event in h.socket(person).events[seen_before:]:
        if event["type"] == "hand.raised":
            queue.insert(event["data"]["position"], event["data"]["participant_id"])
    return queue


@pytest.mark.parametrize("rule", ["fairness", "other_organisation"])
async def test_hands_raised_at_once_answer_and_show_what_the_same_raises_one_by_one_do(h: Harness, rule: str) -> None:
    commits = 0

    @sa_event.listens_for(h.db.engine.sync_engine, "commit")
    def count(_connection: Any) -> None:
        nonlocal commits
        commits += 1

    meetings = [await prepared(h, rule) for _ in range(3)]
    starts = [int((await h.snapshot(m.moderator))["version"]) for m, _ in meetings]
    seen = {s.person.id: len(s.events) for s in h.transport.sockets.values()}
    (alone_meeting, alone_people), *at_once = meetings

    commits = 0
    alone = [await raise_(h, *sent) for sent in script(alone_people)]
    sequential_commits, commits = commits, 0
    interleaved = [sent for pair in zip(*(script(people) for _, people in at_once), strict=True) for sent in pair]
    answers = await asyncio.gather(*(raise_(h, *sent) for sent in interleaved))

    assert sequential_commits == len(alone)
    assert commits <= len(interleaved) // 4, f"{commits} transactions for {len(interleaved)} raises"
    codes = [a["error"]["code"] if not a["ok"] else "ok" for a in alone]
    assert codes.count("hand_already_raised") == 2 and codes.count("unauthorized") == 1, codes
    assert alone[6] == alone[7] and alone[6]["ok"]  # p05's command_id twice: one hand, the first answer twice

    expected = [normalised(a, alone_meeting, alone_people, starts[0]) for a in alone]
    for index, (meeting, people) in enumerate(at_once):
        got = [normalised(a, meeting, people, starts[index + 1]) for a in answers[index::2]]
        assert got == expected, f"meeting {index + 1}: the answers differ from one by one"

    def stream(person: Person, meeting: MeetingHandle, people: dict[str, Person], start: int) -> list[str]:
        return [normalised(e, meeting, people, start) for e in h.socket(person).events[seen[person.id] :]]

    want = stream(alone_meeting.moderator, alone_meeting, alone_people, starts[0])
    assert sum("hand.raised" in e for e in want) == len(NAMES[:12]) + 1
    for index, (meeting, people) in enumerate([(alone_meeting, alone_people), *at_once]):
        assert stream(meeting.moderator, meeting, people, starts[index]) == want
        truth = [e["participant_id"] for e in (await h.snapshot(people["p15"]))["meeting"]["hands"]["entries"]]
        assert replayed_queue(h, people["p15"], seen[people["p15"].id]) == truth
        if rule == "fairness":
            assert truth[-3:] == [people[name].id for name in NAMES[:3]]

    # Sent again later, a command_id gets the first answer, from the group that applied it.
    for (meeting, people), first in zip(at_once, (answers[0::2], answers[1::2]), strict=True):
        again = await raise_(h, people["p05"], "raise-p05", None)
        assert again == first[6] and again["ok"]


async def test_a_group_that_fails_as_a_whole_leaves_nothing_and_each_command_is_applied_alone(h: Harness) -> None:
    """The group's transaction fails after its rows and events were written (as a lost database connection
    would make it): nothing of it may be stored or sent, and every command is applied again on its own."""
    meeting, people = await h.meeting(*NAMES[:6])
    failed: list[int] = []

    async def fails_once(uow: UnitOfWork, meeting: Meeting, run: list[tuple[Participant, Raise]]) -> list[Done | DomainError | None]:
        outcomes = await raises(uow, meeting, run)
        if not failed:
            failed.append(len(run))
            raise RuntimeError("the connection to the database was lost")
        return outcomes

    REGISTRY["hand.raise"] = replace(REGISTRY["hand.raise"], group=fails_once)
    try:
        answers = await asyncio.gather(*(raise_(h, people[name], f"raise-{name}", None) for name in NAMES[:6]))
    finally:
        REGISTRY["hand.raise"] = replace(REGISTRY["hand.raise"], group=raises)

    assert failed == [6]  # the whole burst was one group, and it failed
    assert all(a["ok"] for a in answers), answers
    assert len({a["version"] for a in answers}) == 6
    raised = h.socket(meeting.moderator).of("hand.raised")
    assert sorted(e["data"]["participant_id"] for e in raised) == sorted(people[name].id for name in NAMES[:6])
    assert sorted(e["version"] for e in raised) == sorted(a["version"] for a in answers)
    queue = (await h.snapshot(meeting.moderator))["meeting"]["hands"]["entries"]
    assert [e["participant_id"] for e in queue] == [e["data"]["participant_id"] for e in sorted(raised, key=lambda e: e["version"])]
    # Each answer was remembered by the command that applied it alone.
    assert await raise_(h, people["p00"], "raise-p00", None) == answers[0]


class DatabaseDown:
    """The edge, except that no transaction can begin while `down` (the database unreachable)."""

    def __init__(self, edge: Any) -> None:
        self.edge = edge
        self.down = True
        self.refused = 0

    async def apply(self, change: Any) -> Any:
        if self.down:
            self.refused += 1
            raise OSError("could not connect to the database")
        return await self.edge.apply(change)

    async def read(self, query: Any) -> Any:
        return await self.edge.read(query)


async def test_while_no_transaction_can_begin_every_sender_gets_an_answer_and_nothing_spins(h: Harness) -> None:
    """The failure comes before the group took its commands from the queue. They must still each get an
    answer (an error while the database is unreachable), not wait for ever while the queue retries."""
    meeting, people = await h.meeting(*NAMES[:4])
    database = DatabaseDown(h.edge)
    h.dispatcher.edge = database  # type: ignore[assignment]
    try:
        answers = await asyncio.wait_for(asyncio.gather(*(raise_(h, people[name], f"raise-{name}", None) for name in NAMES[:4])), 30)
        assert [a["error"]["code"] for a in answers] == ["internal_error"] * 4
        # Nothing retries in the background: the count of refused transactions stays where it is.
        refused = database.refused
        for _ in range(200):
            await asyncio.sleep(0)
        assert database.refused == refused
        database.down = False
        again = await raise_(h, people["p00"], "raise-p00-again", None)
    finally:
        h.dispatcher.edge = database.edge
    assert again["ok"]
    assert [e["data"]["participant_id"] for e in h.socket(meeting.moderator).of("hand.raised")] == [people["p00"].id]
