"""The boards of the built-in seed formats, run through their stages with the real commands."""

from tests.boards.helpers import cards_of
from tests.harness import Harness


async def test_a_drop_in_session_maps_services_and_votes_on_solutions_stage_by_stage(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo", format="drop_in_session")
    mod, anna, bo = meeting.moderator, people["anna"], people["bo"]
    boards = (await h.snapshot(anna))["meeting"]["boards"]
    assert [b["id"] for b in boards["boards"]] == ["services", "concerns", "brainstorm", "recommendations"]
    # The welcome opens no board.
    answer = await h.command(anna, "board.card.add", board_id="services", column_id="services", text="Housing advice")
    assert answer["error"]["code"] == "board_closed"

    await h.ok(mod, "stage.set", stage="who_does_what")
    for person, text in ((anna, "Housing advice"), (bo, "Tenancy support")):
        card = (await h.ok(person, "board.card.add", board_id="services", column_id="services", text=text))["result"]["card_id"]
        await h.ok(mod, "board.card.theme", card_id=card, theme="Housing")
    need = (await h.ok(mod, "board.card.add", board_id="services", column_id="gaps", text="Interpreters at night"))["result"]["card_id"]
    await h.ok(mod, "board.card.theme", card_id=need, theme="Interpreting")

    await h.ok(mod, "stage.set", stage="brainstorm")
    assert (await h.command(anna, "board.card.add", board_id="services", column_id="services", text="Late"))["error"]["code"] == "board_closed"
    idea = (await h.ok(anna, "board.card.add", board_id="brainstorm", column_id="ideas", text="One shared intake form"))["result"]["card_id"]
    assert (await h.ok(bo, "board.card.vote", card_id=idea))["result"] == {"remaining": 2}
    # One dot per card on this board.
    assert (await h.command(bo, "board.card.vote", card_id=idea))["error"]["code"] == "card_vote_limit"

    await h.ok(mod, "stage.set", stage="recommendations")
    assert (await h.command(bo, "board.card.vote", card_id=idea))["error"]["code"] == "board_closed"
    recommendation = (await h.ok(mod, "board.card.add", board_id="recommendations", column_id="recommendations", text="Pilot the shared form"))["result"]["card_id"]
    await h.ok(mod, "board.card.assign", card_id=recommendation, owner="Refugee Council", due="2026-05-01")

    async def summary_of():  # type: ignore[no-untyped-def]
        from app.models import Meeting
        from app.services import summary

        async def build(uow):  # type: ignore[no-untyped-def]
            return await summary.build(uow, meeting=await uow.session.get(Meeting, meeting.id))

        return await h.read(build)

    data = await summary_of()
    [services] = [b for b in data["boards"] if b["id"] == "services"]
    assert services["map"] == [
        {"theme": "Housing", "organisations": ["anna's office", "bo's office"], "coverage": "overlap"},
        {"theme": "Interpreting", "organisations": [], "coverage": "gap"},
    ]
    [recommendations] = [b for b in data["boards"] if b["id"] == "recommendations"]
    assert [(c["text"], c["owner"], c["due"]) for c in recommendations["columns"][0]["cards"]] == [("Pilot the shared form", "Refugee Council", "2026-05-01")]
    assert [c["votes"] for c in cards_of(await h.snapshot(anna), "brainstorm")] == [1]


async def test_the_learning_conversations_private_note_stays_with_the_facilitator(h: Harness) -> None:
    meeting, people = await h.meeting("anna", format="learning_conversation", start=False)
    mod, anna = meeting.moderator, people["anna"]
    # The ground rules first: taking part waits for each person's acknowledgement.
    for person in (mod, anna):
        await h.ok(person, "agreement.acknowledge")
    await h.ok(mod, "meeting.start")
    assert "facilitator_note" not in [b["id"] for b in (await h.snapshot(anna))["meeting"]["boards"]["boards"]]
    await h.ok(mod, "stage.set", stage="working_well")
    await h.ok(mod, "board.card.add", board_id="facilitator_note", column_id="note", text="Tell the team manager about the missed visits")
    card = (await h.ok(anna, "board.card.add", board_id="signs_of_safety", column_id="working_well", text="School attendance is up"))["result"]["card_id"]
    await h.ok(mod, "board.card.tag", card_id=card, tags=["fact"])
    assert "missed visits" not in repr(h.socket(anna).events) + repr(await h.snapshot(anna))
    assert [c["tags"] for c in cards_of(await h.snapshot(anna), "signs_of_safety")] == [["fact"]]
    assert (await h.command(anna, "board.card.add", board_id="facilitator_note", column_id="note", text="Let me see"))["error"]["code"] == "not_found"
