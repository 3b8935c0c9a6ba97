"""Board commands through the real dispatcher: who may do what, what everyone sees, and bad commands
refused with a clear error that changes nothing."""

from typing import Any

import pytest

from app.models import Card, CardVote
from tests.boards.helpers import boards_meeting, cards_of, enter_stage, give_role, texts
from tests.harness import Harness, Person


async def add(h: Harness, person: Person, text: str, board: str = "signs", column: str = "well", **extra: Any) -> str:
    return (await h.ok(person, "board.card.add", board_id=board, column_id=column, text=text, **extra))["result"]["card_id"]


async def refused(h: Harness, person: Person, type: str, code: str, **data: Any) -> dict[str, Any]:
    """The command is refused with this code, and the meeting's state (a fresh snapshot for everyone) is as before."""
    before = await h.snapshot(person)
    answer = await h.command(person, type, **data)
    assert not answer["ok"] and answer["error"]["code"] == code, answer
    assert answer["error"]["message"]
    after = await h.snapshot(person)
    # The meeting's version counts every change, also those this person would not see.
    assert (after["version"], after["meeting"]["boards"]) == (before["version"], before["meeting"]["boards"])
    return answer


async def test_a_card_reaches_everyone_at_the_end_of_its_column_with_its_author(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna", "bo")
    anna, bo = people["anna"], people["bo"]
    first = await add(h, anna, "The school reports better attendance")
    await add(h, bo, "Grandmother collects him every day")
    for person in (meeting.moderator, anna, bo):
        [event, second] = h.socket(person).of("board.card_added")
        assert event["data"]["card"]["id"] == first
        assert event["data"]["card"]["author"] == {"participant_id": anna.id, "display_name": "anna"}
        assert event["data"]["card"]["organisation"] == "anna's office"
        assert second["data"]["card"]["position"] == 1
    assert texts(await h.snapshot(bo), "signs", "well") == ["The school reports better attendance", "Grandmother collects him every day"]


async def test_the_moderator_tags_moves_themes_assigns_and_merges(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna", "bo")
    mod, anna = meeting.moderator, people["anna"]
    a = await add(h, anna, "Attendance is up")
    b = await add(h, anna, "Sleeps badly")
    c = await add(h, people["bo"], "Sleep problems at home")
    await h.ok(mod, "board.card.tag", card_id=a, tags=["opinion", "fact"])
    await h.ok(mod, "board.card.move", card_id=b, column_id="worried", position=0)
    await h.ok(mod, "board.card.move", card_id=c, column_id="worried", position=0)
    snap = await h.snapshot(anna)
    assert texts(snap, "signs", "well") == ["Attendance is up"]
    assert texts(snap, "signs", "worried") == ["Sleep problems at home", "Sleeps badly"]
    # Tags in the board's own order, whatever order they were given in.
    assert [x["tags"] for x in cards_of(snap) if x["id"] == a] == [["fact", "opinion"]]
    moved = h.socket(anna).of("board.cards_moved")[-1]["data"]
    assert {m["card_id"]: m["position"] for m in moved["moves"]} == {c: 0, b: 1}

    await h.ok(mod, "board.card.merge", card_id=b, into_id=c)
    snap = await h.snapshot(anna)
    [merged] = [x for x in cards_of(snap) if x["column_id"] == "worried"]
    assert merged["id"] == c and merged["text"] == "Sleep problems at home\n\nSleeps badly"
    # Two people's words: the merged card is nobody's alone.
    assert merged["author"] is None and merged["anonymous"] is False
    assert h.socket(people["bo"]).of("board.card_merged")[-1]["data"]["card_id"] == b

    idea = await add(h, anna, "Share assessments between agencies", board="ideas", column="ideas")
    await h.ok(mod, "board.card.theme", card_id=idea, theme="  Data   sharing ")
    await h.ok(mod, "board.card.assign", card_id=idea, owner="Refugee Council", due="2026-04-01")
    [card] = [x for x in cards_of(await h.snapshot(anna), "ideas")]
    assert (card["theme"], card["owner"], card["due"]) == ("Data sharing", "Refugee Council", "2026-04-01")


async def test_dot_voting_keeps_the_budget_and_tells_only_totals(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna", "bo")
    anna, bo = people["anna"], people["bo"]
    x = await add(h, bo, "A shared intake form", board="ideas", column="ideas")
    y = await add(h, bo, "Monthly drop-in", board="ideas", column="ideas")
    assert (await h.ok(anna, "board.card.vote", card_id=x))["result"] == {"remaining": 2}
    assert (await h.ok(anna, "board.card.vote", card_id=x))["result"] == {"remaining": 1}
    await refused(h, anna, "board.card.vote", "card_vote_limit", card_id=x)
    assert (await h.ok(anna, "board.card.vote", card_id=y))["result"] == {"remaining": 0}
    await refused(h, anna, "board.card.vote", "vote_budget_spent", card_id=y)
    assert (await h.ok(anna, "board.card.unvote", card_id=x))["result"] == {"remaining": 1}
    await h.ok(bo, "board.card.vote", card_id=y)
    await refused(h, bo, "board.card.unvote", "no_dot_to_remove", card_id=x)

    votes = {c["id"]: c["votes"] for c in cards_of(await h.snapshot(bo), "ideas")}
    assert votes == {x: 1, y: 2}
    assert (await h.snapshot(anna))["meeting"]["boards"]["my_votes"] == {x: 1, y: 1}
    assert (await h.snapshot(bo))["meeting"]["boards"]["my_votes"] == {y: 1}
    # Everyone sees totals; nobody else's dots, nobody's name.
    for event in h.socket(bo).of("board.card_voted"):
        assert set(event["data"]) == {"board_id", "card_id", "votes"}
    assert [e["data"]["dots"] for e in h.socket(bo).of("board.my_votes_changed")] == [1]
    assert all(anna.id not in repr(e) for e in h.socket(bo).events)

    # Merging adds the dots: anna's one on x joins her one on y.
    await h.ok(meeting.moderator, "board.card.merge", card_id=x, into_id=y)
    assert {c["id"]: c["votes"] for c in cards_of(await h.snapshot(bo), "ideas")} == {y: 3}
    assert (await h.snapshot(anna))["meeting"]["boards"]["my_votes"] == {y: 2}


async def test_contributions_wait_for_the_stage_that_opens_the_board(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna", stage="opening")
    anna, mod = people["anna"], meeting.moderator
    await refused(h, anna, "board.card.add", "board_closed", board_id="signs", column_id="well", text="Too early")
    # The moderator captures what is said at any time.
    card = await add(h, mod, "Said in the opening round")
    await refused(h, anna, "board.card.edit", "forbidden", card_id=card, text="Mine now")
    await enter_stage(h, meeting, "capture")
    mine = await add(h, anna, "Now it is open")
    await h.ok(anna, "board.card.edit", card_id=mine, text="Now it is open, and I fixed a typo")
    await enter_stage(h, meeting, "agree")
    await refused(h, anna, "board.card.edit", "board_closed", card_id=mine, text="Changed later")
    await h.ok(mod, "board.card.edit", card_id=mine, text="Tidied by the moderator")
    assert texts(await h.snapshot(anna), "signs", "well") == ["Said in the opening round", "Tidied by the moderator"]


async def test_participants_cannot_moderate_and_roles_decide_what_else_they_may(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna", "scribe", "watcher", "focal")
    anna, scribe, watcher, focal = (people[n] for n in ("anna", "scribe", "watcher", "focal"))
    card = await add(h, anna, "A point")
    for type, data in [
        ("board.card.move", {"column_id": "worried", "position": 0}),
        ("board.card.merge", {"into_id": card}),
        ("board.card.tag", {"tags": ["fact"]}),
        ("board.card.hide", {}),
    ]:
        await refused(h, anna, type, "not_allowed_for_role", card_id=card, **data)
    await give_role(h, scribe, "scribe")
    await give_role(h, watcher, "observer")
    await give_role(h, focal, "focal")
    await h.ok(scribe, "board.card.tag", card_id=card, tags=["fact"])
    await refused(h, watcher, "board.card.add", "observer_cannot_act", board_id="signs", column_id="well", text="Just watching")
    idea = await add(h, anna, "An idea", board="ideas", column="ideas")
    # The focal person proposes and signs; dot voting is not among the role's rights.
    await refused(h, focal, "board.card.vote", "not_allowed_for_role", card_id=idea)
    await refused(h, anna, "board.plan.sign", "not_allowed_for_role", board_id="plan")


async def test_bad_commands_get_clear_errors_and_change_nothing(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna")
    anna, mod = people["anna"], meeting.moderator
    card = await add(h, anna, "A point")
    idea = await add(h, anna, "An idea", board="ideas", column="ideas")
    await refused(h, anna, "board.card.add", "not_found", board_id="nope", column_id="well", text="x")
    await refused(h, anna, "board.card.add", "not_found", board_id="signs", column_id="nope", text="x")
    await refused(h, anna, "board.card.add", "invalid_input", board_id="signs", column_id="well", text="x" * 501)
    await refused(h, anna, "board.card.add", "invalid_input", board_id="signs", column_id="well", text="   ")
    await refused(h, anna, "board.card.add", "anonymous_not_allowed", board_id="ideas", column_id="ideas", text="x", anonymous=True)
    await refused(h, mod, "board.card.tag", "tag_not_allowed", card_id=card, tags=["rumour"])
    await refused(h, mod, "board.card.tag", "board_feature_off", card_id=idea, tags=["fact"])
    await refused(h, mod, "board.card.assign", "board_feature_off", card_id=card, owner="Anna")
    await refused(h, mod, "board.card.theme", "board_feature_off", card_id=card, theme="Housing")
    await refused(h, anna, "board.card.vote", "board_feature_off", card_id=card)
    await refused(h, mod, "board.card.move", "not_found", card_id="no-such-card", column_id="well", position=0)
    await refused(h, mod, "board.card.move", "not_found", card_id=card, column_id="ideas", position=0)
    await refused(h, mod, "board.card.move", "invalid_input", card_id=card, column_id="well", position=-1)
    await refused(h, mod, "board.card.merge", "invalid_input", card_id=card, into_id=card)
    await refused(h, mod, "board.card.merge", "invalid_input", card_id=card, into_id=idea)
    await refused(h, mod, "board.card.unhide", "not_hidden", card_id=card)
    await refused(h, mod, "board.plan.sign", "board_feature_off", board_id="signs")
    await refused(h, mod, "board.card.assign", "invalid_input", card_id=idea, owner="Anna", due="next week")
    await refused(h, anna, "board.card.add", "invalid_input", board_id="signs", column_id="well", text="x", colour="red")
    # Another meeting's card is not found: nobody reaches another meeting.
    other, others = await boards_meeting(h, "cai")
    theirs = await add(h, others["cai"], "Elsewhere")
    await refused(h, mod, "board.card.hide", "not_found", card_id=theirs)
    await refused(h, anna, "board.card.edit", "not_found", card_id=theirs, text="Mine")


async def test_a_hidden_card_leaves_everyones_board_but_the_moderators(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna", "bo")
    mod, anna, bo = meeting.moderator, people["anna"], people["bo"]
    card = await add(h, anna, "Something said in anger")
    await h.ok(mod, "board.card.hide", card_id=card)
    await refused(h, mod, "board.card.hide", "already_hidden", card_id=card)
    assert cards_of(await h.snapshot(bo)) == []
    assert [c["hidden"] for c in cards_of(await h.snapshot(mod))] == [True]
    assert h.socket(bo).of("board.card_hidden")[-1]["data"] == {"board_id": "signs", "card_id": card}
    # Hidden: nobody else can act on it.
    await refused(h, anna, "board.card.edit", "not_found", card_id=card, text="Sorry")
    await h.ok(mod, "board.card.unhide", card_id=card)
    assert [c["text"] for c in cards_of(await h.snapshot(bo))] == ["Something said in anger"]
    assert h.socket(bo).of("board.card_changed")[-1]["data"]["card"]["hidden"] is False


async def test_a_private_board_never_reaches_anyone_without_the_right(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna", "lead")
    mod, anna, lead = meeting.moderator, people["anna"], people["lead"]
    await give_role(h, lead, "lead")
    for person in (anna, lead):
        await h.connect(person)
    note = await add(h, mod, "Notify the team manager about the missed visits", board="note", column="note")
    assert h.sockets_of(anna)[-1].of("board.card_added") == []
    assert "missed visits" not in repr(h.sockets_of(anna)[-1].events) + repr(await h.snapshot(anna))
    assert [b["id"] for b in (await h.snapshot(anna))["meeting"]["boards"]["boards"]] == ["signs", "ideas", "map", "plan"]
    assert [e["data"]["card"]["id"] for e in h.sockets_of(lead)[-1].of("board.card_added")] == [note]
    assert [c["id"] for c in cards_of(await h.snapshot(lead), "note")] == [note]
    await refused(h, anna, "board.card.add", "not_found", board_id="note", column_id="note", text="Let me see")
    await refused(h, anna, "board.card.edit", "not_found", card_id=note, text="Let me see")


async def test_a_plan_is_signed_by_each_person_with_name_and_time(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "focal", "net", "anna", stage="agree")
    focal, net = people["focal"], people["net"]
    await give_role(h, focal, "focal")
    await give_role(h, net, "network")
    await add(h, focal, "Football twice a week", board="plan", column="initiatives")
    await h.ok(focal, "board.plan.sign", board_id="plan")
    await refused(h, focal, "board.plan.sign", "already_signed", board_id="plan")
    await refused(h, net, "board.plan.unsign", "not_signed", board_id="plan")
    snap = await h.snapshot(meeting.moderator)
    [signed] = snap["meeting"]["boards"]["sign_offs"]
    assert signed == {"board_id": "plan", "participant_id": focal.id, "display_name": "focal", "signed_at": signed["signed_at"]}
    assert snap["meeting"]["boards"]["sign_roles"] == ["focal", "network"]
    await h.ok(net, "board.plan.sign", board_id="plan")
    await h.ok(focal, "board.plan.unsign", board_id="plan")
    assert [s["participant_id"] for s in (await h.snapshot(people["anna"]))["meeting"]["boards"]["sign_offs"]] == [net.id]
    assert [e["type"] for e in h.socket(people["anna"]).events if e["type"].startswith("board.plan")] == [
        "board.plan_signed", "board.plan_signed", "board.plan_unsigned"
    ]
    await enter_stage(h, meeting, "capture")
    await refused(h, focal, "board.plan.sign", "board_closed", board_id="plan")


async def test_cards_and_votes_are_rows_in_the_database(h: Harness) -> None:
    """What the snapshot shows is what is stored (restart safety is tested against a real server)."""
    meeting, people = await boards_meeting(h, "anna")
    idea = await add(h, people["anna"], "An idea", board="ideas", column="ideas")
    await h.ok(people["anna"], "board.card.vote", card_id=idea)
    rows = await h.read(lambda uow: uow.session.exec(__import__("sqlmodel").select(Card)))
    [card] = rows.all()
    assert (card.text, card.author_id, card.votes) == ("An idea", people["anna"].id, 1)
    votes = (await h.read(lambda uow: uow.session.exec(__import__("sqlmodel").select(CardVote)))).all()
    assert [(v.participant_id, v.dots) for v in votes] == [(people["anna"].id, 1)]


@pytest.mark.parametrize("command", ["board.card.add", "board.card.vote", "board.plan.sign"])
async def test_nothing_is_written_on_a_board_after_the_meeting_ended(h: Harness, command: str) -> None:
    meeting, people = await boards_meeting(h, "anna")
    card = await add(h, people["anna"], "Before the end", board="ideas", column="ideas")
    await h.ok(meeting.moderator, "meeting.end")
    data = {"board.card.add": {"board_id": "ideas", "column_id": "ideas", "text": "x"}, "board.card.vote": {"card_id": card}, "board.plan.sign": {"board_id": "plan"}}[command]
    await refused(h, meeting.moderator, command, "meeting_ended", **data)
