"""The boards in the meeting's summary (JSON and Markdown): in the order the group left them, hidden and merged
cards out, anonymous cards without an author, names only with each person's opt-in, no private board."""

from typing import Any

from app.models import Meeting
from app.services import summary
from tests.boards.helpers import boards_meeting, enter_stage, give_role
from tests.harness import Harness, MeetingHandle, Person


async def add(h: Harness, person: Person, text: str, board: str, column: str, **extra: Any) -> str:
    return (await h.ok(person, "board.card.add", board_id=board, column_id=column, text=text, **extra))["result"]["card_id"]


async def summary_of(h: Harness, meeting: MeetingHandle) -> tuple[dict[str, Any], str]:
    async def build(uow):  # type: ignore[no-untyped-def]
        row = await uow.session.get(Meeting, meeting.id)
        return await summary.build(uow, meeting=row)

    data = await h.read(build)
    return data, summary.markdown(data)


def column(data: dict[str, Any], board: str, column_id: str) -> list[dict[str, Any]]:
    [found] = [b for b in data["boards"] if b["id"] == board]
    [col] = [c for c in found["columns"] if c["id"] == column_id]
    return col["cards"]


async def test_the_summary_keeps_the_boards_as_the_group_left_them(h: Harness) -> None:
    meeting, people = await boards_meeting(h, "anna", "bo", "focal")
    mod, anna, bo, focal = meeting.moderator, people["anna"], people["bo"], people["focal"]
    await h.ok(anna, "summary.share_name", share=True)
    first = await add(h, anna, "Attendance is up", "signs", "well")
    second = await add(h, bo, "Grandmother helps *every* day", "signs", "well")
    await add(h, bo, "Nobody listens to the mother", "signs", "worried", anonymous=True)
    gone = await add(h, anna, "Said in anger", "signs", "worried")
    await h.ok(mod, "board.card.hide", card_id=gone)
    await h.ok(mod, "board.card.move", card_id=second, column_id="well", position=0)
    await h.ok(mod, "board.card.tag", card_id=first, tags=["fact"])
    idea = await add(h, anna, "Shared intake form", "ideas", "ideas")
    other = await add(h, bo, "One form for all", "ideas", "ideas")
    await h.ok(mod, "board.card.merge", card_id=other, into_id=idea)
    await h.ok(mod, "board.card.assign", card_id=idea, owner="Refugee Council", due="2026-04-01")
    await h.ok(bo, "board.card.vote", card_id=idea)
    await add(h, anna, "Housing advice", "map", "services")
    await add(h, bo, "Housing advice too", "map", "services")
    await add(h, bo, "Interpreting", "map", "services")
    for card in [c for c in (await h.snapshot(mod))["meeting"]["boards"]["cards"] if c["board_id"] == "map"]:
        await h.ok(mod, "board.card.theme", card_id=card["id"], theme="Interpreting" if card["text"] == "Interpreting" else "housing")
    await add(h, mod, "Notify the team manager", "note", "note")
    await h.pass_time(h.settings.anonymous_question_delay_max_seconds + 1)
    await give_role(h, focal, "focal")
    await enter_stage(h, meeting, "agree")
    await add(h, focal, "Football twice a week", "plan", "initiatives")
    await h.ok(focal, "board.plan.sign", board_id="plan")
    await h.pass_time(5)
    await h.ok(mod, "board.plan.sign", board_id="plan")

    data, text = await summary_of(h, meeting)
    assert [b["id"] for b in data["boards"]] == ["signs", "ideas", "map", "plan"]
    assert [(c["text"], c["by"], c["tags"]) for c in column(data, "signs", "well")] == [
        # Bo did not opt in: his organisation stands for him. Anna did: her name.
        ("Grandmother helps *every* day", "bo's office", []), ("Attendance is up", "anna (anna's office)", ["fact"]),
    ]
    assert [(c["text"], c["anonymous"], c["by"]) for c in column(data, "signs", "worried")] == [("Nobody listens to the mother", True, None)]
    [merged] = column(data, "ideas", "ideas")
    assert (merged["text"], merged["owner"], merged["due"], merged["votes"], merged["by"]) == (
        "Shared intake form\n\nOne form for all", "Refugee Council", "2026-04-01", 1, None
    )
    [map_board] = [b for b in data["boards"] if b["id"] == "map"]
    assert map_board["map"] == [
        {"theme": "housing", "organisations": ["anna's office", "bo's office"], "coverage": "overlap"},
        {"theme": "Interpreting", "organisations": ["bo's office"], "coverage": "single"},
    ]
    [plan] = [b for b in data["boards"] if b["id"] == "plan"]
    # The focal person did not opt in and gave an organisation; the moderator has none: "a participant".
    assert [s["by"] for s in plan["signed"]] == ["focal's office", None]

    assert "## Boards" in text and "### Signs of Safety" in text and "#### What is working well" in text
    assert "- Grandmother helps \\*every\\* day (by bo's office)" in text
    assert "- Attendance is up (fact; by anna (anna's office))" in text
    assert "- Nobody listens to the mother (anonymous)" in text
    assert "- housing: anna's office, bo's office (overlap)" in text
    assert "Signed by: focal's office, A participant" in text
    # Never in it: a hidden card, a private board, the author of an anonymous card.
    for absent in ("Said in anger", "Notify the team manager", "Facilitator"):
        assert absent not in text and absent not in repr(data)
    [anonymous] = column(data, "signs", "worried")
    assert "bo's office" not in repr(anonymous) and people["bo"].id not in repr(data)
