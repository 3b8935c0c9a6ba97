"""Nobody learns who wrote an anonymous card: not from events, snapshots, the order of cards or their timing.

The author is never stored (like an anonymous question's), and the card is held back for a random delay
drawn within the settings' range, then placed at the end of its column as it stands then.
"""

import re
from typing import Any

from sqlmodel import select

from app import clock
from app.models import Card, CommandResult, Meeting
from app.services import summary
from tests.boards.helpers import boards_meeting, cards_of, texts
from tests.harness import Harness, Person


async def test_an_anonymous_card_is_stored_without_author_and_appears_after_its_hold_back(h: Harness) -> None:
    low, high = h.settings.anonymous_question_delay_min_seconds, h.settings.anonymous_question_delay_max_seconds
    meeting, people = await boards_meeting(h, "anna", "bo")
    anna, bo = people["anna"], people["bo"]
    room = h.socket(meeting.moderator)
    data = {"board_id": "signs", "column_id": "worried", "text": "Nobody listens to the mother", "anonymous": True}
    # Sent with a command id, as pages do: the answer is remembered with the person's id, so it names no card.
    ack = await h.dispatcher.dispatch(anna.id, {"type": "board.card.add", "data": data, "command_id": "add-1"})
    assert ack["ok"] and ack["result"] == {"card_id": None}
    written_at = h.now
    [held] = (await h.read(lambda uow: uow.session.exec(select(Card)))).all()
    assert (held.author_id, held.organisation, held.anonymous) == (None, None, True)
    assert held.release_at is not None and low <= (held.release_at - written_at).total_seconds() <= high
    # Named cards written later come first: the order tells nothing of when it was written.
    await h.ok(bo, "board.card.add", board_id="signs", column_id="worried", text="Missed appointments")
    while not room.of("board.card_added")[1:]:
        assert h.now < held.release_at
        assert "mother" not in repr(await h.snapshot(anna)) + repr(await h.snapshot(meeting.moderator))
        await h.pass_time(1)
    assert h.now >= held.release_at
    for person in (meeting.moderator, anna, bo):
        event = h.socket(person).of("board.card_added")[-1]
        card = event["data"]["card"]
        assert (card["anonymous"], card["author"], card["organisation"]) == (True, None, None)
        # Its time is the release time; the writing time is not kept.
        assert card["created_at"] == card["updated_at"] == clock.iso(h.now)
        assert anna.id not in repr(event) and "anna" not in repr(event)
    assert texts(await h.snapshot(bo), "signs", "worried") == ["Missed appointments", "Nobody listens to the mother"]
    # The author cannot edit it as theirs: nothing ties it to them.
    answer = await h.command(anna, "board.card.edit", card_id=card["id"], text="Mine")
    assert answer["error"]["code"] == "forbidden"


def normalised(value: Any, names: dict[str, str]) -> Any:
    """Ids and times differ between two runs; give each id the name of its first appearance, drop times."""
    if isinstance(value, dict):
        return {k: normalised(v, names) for k, v in value.items() if k not in ("at", "created_at", "updated_at", "server_time", "signed_at", "joined_at", "started_at", "since")}
    if isinstance(value, list):
        return [normalised(v, names) for v in value]
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f-]{32,36}", value):
        return names.setdefault(value, f"id{len(names)}")
    return value


async def play(h: Harness, author: str) -> dict[str, Any]:
    """One meeting: anna and bo each write a named card, `author` writes one anonymously, the moderator tidies."""
    meeting, people = await boards_meeting(h, "anna", "bo", "cai")
    for socket in h.transport.sockets.values():
        socket.clear()
    writer: Person = people[author]
    await h.ok(people["anna"], "board.card.add", board_id="signs", column_id="well", text="Attendance is up")
    data = {"board_id": "signs", "column_id": "worried", "text": "Nobody listens to the mother", "anonymous": True}
    assert (await h.dispatcher.dispatch(writer.id, {"type": "board.card.add", "data": data, "command_id": "anonymous-card"}))["ok"]
    await h.ok(people["bo"], "board.card.add", board_id="signs", column_id="well", text="Grandmother helps")
    await h.pass_time(h.settings.anonymous_question_delay_max_seconds + 1)
    [anonymous] = [c for c in cards_of(await h.snapshot(meeting.moderator)) if c["anonymous"]]
    await h.ok(meeting.moderator, "board.card.tag", card_id=anonymous["id"], tags=["opinion"])
    await h.ok(meeting.moderator, "board.card.move", card_id=anonymous["id"], column_id="worried", position=0)
    seen: dict[str, Any] = {}
    for name, person in (("moderator", meeting.moderator), ("cai", people["cai"])):
        ids: dict[str, str] = {}
        stream = [e for e in h.socket(person).events if e["type"].startswith("board.")]
        seen[name] = normalised({"events": stream, "snapshot": (await h.snapshot(person))["meeting"]["boards"]}, ids)
    async def record(uow):  # type: ignore[no-untyped-def]
        return await summary.build(uow, meeting=await uow.session.get(Meeting, meeting.id))

    # The record handed on: the same too (its Markdown says who wrote the named cards, not the anonymous one).
    written = await h.read(record)
    seen["summary"] = normalised({"boards": written["boards"], "markdown": summary.markdown(written).split("## Boards")[1]}, {})
    rows = (await h.read(lambda uow: uow.session.exec(select(Card).where(Card.anonymous == True, Card.meeting_id == meeting.id)))).all()  # noqa: E712
    assert [r.author_id for r in rows] == [None]
    [remembered] = (await h.read(lambda uow: uow.session.exec(select(CommandResult).where(CommandResult.command_id == "anonymous-card", CommandResult.participant_id == writer.id)))).all()
    assert rows[0].id not in remembered.answer
    return seen


async def test_what_others_see_is_the_same_whoever_wrote_the_anonymous_card(h: Harness) -> None:
    by_anna = await play(h, "anna")
    by_bo = await play(h, "bo")
    assert by_anna["moderator"] == by_bo["moderator"]
    assert by_anna["cai"] == by_bo["cai"]
    assert by_anna["summary"] == by_bo["summary"]
    assert any(e["type"] == "board.card_added" and e["data"]["card"]["anonymous"] for e in by_anna["cai"]["events"])
