"""0–10 scaling: answered while the stage asks it, changeable until revealed, revealed as a spread only.

Secrecy: nobody learns who gave which number. The same meeting is played twice with one person's answer
changed; everything anyone else received before the reveal must be the same both times.
"""

from typing import Any

import pytest

from tests.harness import Harness, MeetingHandle, Person
from tests.roles.definitions import LEARNING


async def learning(h: Harness, *names: str) -> tuple[MeetingHandle, dict[str, Person]]:
    meeting, people = await h.meeting(*names, definition=LEARNING, start=False)
    for person in (meeting.moderator, *people.values()):
        await h.ok(person, "agreement.acknowledge")
    await h.ok(meeting.moderator, "meeting.start")
    return meeting, people


@pytest.mark.parametrize("value", [-1, 11, 100])
async def test_an_answer_outside_0_to_10_is_refused(h: Harness, value: int) -> None:
    meeting, people = await learning(h, "ama")
    answer = await h.command(people["ama"], "scale.answer", scale_id="situation", value=value)
    assert answer["error"]["code"] == "invalid_input" and "0 to 10" in answer["error"]["message"]
    assert (await h.snapshot(people["ama"]))["meeting"]["scales"][0]["answered"] == 0


async def test_a_number_that_is_not_whole_and_an_unknown_scale_are_refused(h: Harness) -> None:
    meeting, people = await learning(h, "ama")
    assert (await h.command(people["ama"], "scale.answer", scale_id="situation", value=5.5))["error"]["code"] == "invalid_input"
    assert (await h.command(people["ama"], "scale.answer", scale_id="usefulness", value=5))["error"]["code"] == "not_found"


async def test_a_scale_is_answered_only_while_its_stage_runs(h: Harness) -> None:
    meeting, people = await learning(h, "ama", "ben", "cai")
    await h.ok(people["ama"], "scale.answer", scale_id="situation", value=4)
    # The scale's stage is over (the stage row as stage.set writes it).
    from app.models import MeetingStage

    async def move(uow: Any) -> None:
        uow.session.add(MeetingStage(meeting_id=meeting.id, stage="review", entered_at=h.now))

    await h.edge.apply(move)
    assert (await h.command(people["ben"], "scale.answer", scale_id="situation", value=4))["error"]["code"] == "scale_not_open"


async def test_a_reveal_needs_three_answers_and_shows_the_spread_and_each_their_own(h: Harness) -> None:
    meeting, people = await learning(h, "ama", "ben", "cai")
    ama, ben, cai = people["ama"], people["ben"], people["cai"]
    await h.ok(ama, "scale.answer", scale_id="situation", value=3)
    await h.ok(ben, "scale.answer", scale_id="situation", value=7)
    refused = await h.command(meeting.moderator, "scale.reveal", scale_id="situation")
    assert refused["error"]["code"] == "too_few_answers" and "2 answered" in refused["error"]["message"]
    assert (await h.command(ama, "scale.reveal", scale_id="situation"))["error"]["code"] == "forbidden"

    # Ama changes her mind while the scale is open: the count stays, her own answer moves.
    await h.ok(ama, "scale.answer", scale_id="situation", value=5)
    await h.ok(cai, "scale.answer", scale_id="situation", value=7)
    page = (await h.snapshot(ama))["meeting"]["scales"][0]
    assert (page["answered"], page["my_answer"], page["spread"]) == (3, 5, None)
    assert [e["data"]["answered"] for e in h.socket(ben).of("scale.answered")] == [1, 2, 3]

    revealed = await h.ok(meeting.moderator, "scale.reveal", scale_id="situation")
    counts = [0] * 11
    counts[5], counts[7] = 1, 2
    assert revealed["result"]["spread"] == {"counts": counts, "median": 7.0}
    event = h.socket(ben).of("scale.revealed")[-1]["data"]
    assert event == {"scale_id": "situation", "answered": 3, "spread": {"counts": counts, "median": 7.0}}
    for person, own in ((ama, 5), (ben, 7), (cai, 7)):
        scale = (await h.snapshot(person))["meeting"]["scales"][0]
        assert scale["spread"]["counts"] == counts and scale["my_answer"] == own
    # Revealed answers are final; a second reveal changes nothing.
    assert (await h.command(ama, "scale.answer", scale_id="situation", value=9))["error"]["code"] == "scale_revealed"
    assert (await h.command(meeting.moderator, "scale.reveal", scale_id="situation"))["error"]["code"] == "scale_revealed"


def strip(events: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """What a page received, without what differs between two plays anyway (ids, versions, times)."""
    kept = []
    for event in events:
        data = event["data"]
        if event["type"] in ("scale.answered", "scale.revealed", "scale.answer_saved"):
            kept.append((event["type"], data))
        else:
            kept.append((event["type"], None))
    return kept


async def play(h: Harness, ama_value: int) -> dict[str, Any]:
    meeting, people = await learning(h, "ama", "ben", "cai")
    for socket in h.transport.sockets.values():
        socket.clear()
    await h.ok(people["ben"], "scale.answer", scale_id="situation", value=6)
    await h.ok(people["ama"], "scale.answer", scale_id="situation", value=ama_value)
    await h.ok(people["ama"], "scale.answer", scale_id="situation", value=ama_value)
    await h.ok(people["cai"], "scale.answer", scale_id="situation", value=6)
    before = {
        name: strip(h.socket(p).events) for name, p in (("ben", people["ben"]), ("moderator", meeting.moderator))
    }
    snapshots = {name: (await h.snapshot(p))["meeting"]["scales"] for name, p in (("ben", people["ben"]), ("moderator", meeting.moderator))}
    own = [e["data"] for e in h.socket(people["ama"]).events if e["type"] == "scale.answer_saved"]
    return {"before": before, "snapshots": snapshots, "own": own}


async def test_nobody_else_learns_which_number_a_person_gave(h: Harness) -> None:
    low, high = await play(h, 0), await play(h, 10)
    assert low["before"] == high["before"]
    assert low["snapshots"] == high["snapshots"]
    # Only Ama heard her own answer.
    assert low["own"] == [{"scale_id": "situation", "value": 0}] * 2 and high["own"] == [{"scale_id": "situation", "value": 10}] * 2
    # Ben hears his own answer and the counts; the moderator only the counts.
    assert [d for t, d in low["before"]["ben"] if t == "scale.answer_saved"] == [{"scale_id": "situation", "value": 6}]
    assert {t for t, _ in low["before"]["moderator"]} == {"scale.answered"}


async def test_the_summary_lists_acknowledgements_and_spreads_never_an_answer(h: Harness) -> None:
    from app.models import Meeting as MeetingRow
    from app.services import summary

    meeting, people = await learning(h, "ama", "ben", "cai")
    await h.ok(people["ama"], "summary.share_name", share=True)
    for person, value in ((people["ama"], 2), (people["ben"], 8), (people["cai"], 8)):
        await h.ok(person, "scale.answer", scale_id="situation", value=value)
    await h.ok(meeting.moderator, "scale.reveal", scale_id="situation")

    async def read(uow: Any) -> tuple[dict[str, Any], str]:
        row = await uow.session.get(MeetingRow, meeting.id)
        built = await summary.build(uow, meeting=row)
        return built, summary.markdown(built)

    built, text = await h.read(read)
    assert built["agreement"] == {"acknowledged": 4, "named": ["ama (ama's office)"]}
    counts = [0] * 11
    counts[2], counts[8] = 1, 2
    assert built["scales"] == [
        {"id": "situation", "question": "Where is the situation now?", "low": "Stuck", "high": "Safe", "answered": 3, "spread": {"counts": counts, "median": 8.0}}
    ]
    assert "4 acknowledged the ground rules." in text and "3 answered; median 8. Spread: 2: 1, 8: 2." in text
    # Only Ama agreed to her name in the summary: the others are counted, not named.
    assert "Acknowledged by (named with their consent): ama (ama's office)." in text
