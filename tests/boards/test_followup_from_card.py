"""A recommendation card becomes a follow-up item with its words, owner and due date; a private board's card does not."""

from tests.boards.helpers import enter_stage, use_definition
from tests.harness import Harness


async def test_a_card_becomes_a_follow_up_item_everyone_sees(h: Harness) -> None:
    meeting, people = await h.meeting("anna")
    await use_definition(h, meeting)
    await enter_stage(h, meeting, "capture")
    mod, anna = meeting.moderator, people["anna"]
    card = (await h.ok(anna, "board.card.add", board_id="ideas", column_id="recommendations", text="Share assessments to avoid duplication"))["result"]["card_id"]
    await h.ok(mod, "board.card.assign", card_id=card, owner="Refugee Action", due="2026-04-01")
    note = (await h.ok(mod, "board.card.add", board_id="note", column_id="note", text="Tell the team manager"))["result"]["card_id"]

    item = (await h.ok(mod, "followup.add", from_card_id=card, kind="action"))["result"]["followup_id"]
    [added] = [e["data"]["item"] for e in h.socket(anna).of("followup.added")]
    assert (added["id"], added["text"], added["owner"], added["due_on"], added["from_card_id"]) == (
        item, "Share assessments to avoid duplication", "Refugee Action", "2026-04-01", card
    )
    # The moderator's own words win over the card's.
    await h.ok(mod, "followup.add", from_card_id=card, text="Data sharing agreement", owner="Anna")
    assert h.socket(anna).of("followup.added")[-1]["data"]["item"]["owner"] == "Anna"

    refused = await h.command(mod, "followup.add", from_card_id=note)
    assert refused["error"]["code"] == "invalid_input"
    assert (await h.command(mod, "followup.add", from_card_id="no-such-card"))["error"]["code"] == "not_found"
    # (Recorded at the same moment on the test's clock: compared as a set.)
    assert sorted(f["text"] for f in (await h.snapshot(anna))["meeting"]["followups"]) == ["Data sharing agreement", "Share assessments to avoid duplication"]
