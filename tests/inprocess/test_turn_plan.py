"""Before the rounds of a Tour de table, the planned turn order follows the questions, and every page hears it."""


from tests.harness import Harness


def planned(event_or_snapshot_stage: dict) -> list[str]:
    return [t["display_name"] for t in event_or_snapshot_stage["turns"]["order"]]


async def test_the_planned_order_moves_when_questions_come_and_go(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "ben", "cai", format="tour_de_table")
    anna, ben = h.socket(people["anna"]), people["ben"]
    assert planned((await h.snapshot(people["anna"]))["meeting"]["stage"]) == ["anna", "ben", "cai"]

    # Ben asks: he goes first, and everyone's page hears it, though only the moderators see his question.
    asked = await h.ok(ben, "question.submit", text="Who calls the family afterwards?")
    assert planned(anna.of("stage.changed")[-1]["data"]["stage"]) == ["ben", "anna", "cai"]
    assert anna.of("question.submitted") == []

    # An anonymous question does not move its author: the order would give the author away.
    await h.ok(people["cai"], "question.submit", text="May I ask without my name?", anonymous=True)
    assert len(anna.of("stage.changed")) == 1

    # Dismissed, Ben's question no longer puts him first.
    await h.ok(meeting.moderator, "question.dismiss", question_id=asked["result"]["question_id"])
    assert planned(anna.of("stage.changed")[-1]["data"]["stage"]) == ["anna", "ben", "cai"]

    # A chat question promoted to the queue counts like one submitted.
    line = await h.ok(people["cai"], "chat.send", text="Is there a checklist in Arabic?", kind="question")
    await h.ok(meeting.moderator, "question.promote", message_id=line["result"]["message_id"])
    assert planned(anna.of("stage.changed")[-1]["data"]["stage"]) == ["cai", "anna", "ben"]
    assert planned((await h.snapshot(people["anna"]))["meeting"]["stage"]) == ["cai", "anna", "ben"]
