"""Ask the audience from preparation to the summary: keynotes' questions in turn, suggestions, a concluding round."""

import httpx


async def test_ask_the_audience_from_preparation_to_the_summary(gathering, server):
    g = await gathering("kim", "lea", "mo", "noor", start=False, format="ask_the_audience", title="Ask the audience: intake interviews")
    moderator, kim, lea, mo, noor = g.moderator, g["kim"], g["lea"], g["mo"], g["noor"]
    assert moderator.snapshot["meeting"]["stage"]["steps"] == ["preparation", "opening", "keynotes", "concluding_tour", "closing"]

    # Preparation: the keynote professional submits questions; the moderator circulates them.
    await moderator.ok("participant.set_keynote", participant_id=g.id("kim"), keynote=True)
    await kim.wait_event("participant.updated")
    q1 = (await kim.ok("question.submit", text="How long should an intake interview last?"))["result"]["question_id"]
    q2 = (await kim.ok("question.submit", text="Who should be in the observation room?"))["result"]["question_id"]
    await moderator.ok("question.circulate")
    await lea.wait_event("questions.circulated")
    await lea.ok("summary.share_name", share=True)
    assert (await lea.wait_event("summary.name_set"))["data"]["share"] is True

    # Opening, then the keynote's turn: the first question becomes current.
    await moderator.ok("stage.next")
    await moderator.ok("meeting.start")
    await moderator.ok("stage.next")
    keynotes = (await noor.wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "keynotes"))["data"]["stage"]
    assert [t["display_name"] for t in keynotes["turns"]["order"]] == ["kim"]
    await moderator.ok("turn.next")
    await noor.wait_event("question.made_current", lambda e: e["data"]["question_id"] == q1)
    # Practical suggestions from the floor, reflections and resources in the chat.
    await lea.ok("hand.raise", note="Forty minutes works for us")
    await moderator.ok("hand.give_floor")
    await moderator.ok("hand.finish_speaking")
    await moderator.ok("question.mark_answered", question_id=q1)
    await moderator.ok("question.set_current", question_id=q2)
    await mo.ok("hand.raise")
    await moderator.ok("hand.give_floor")
    await moderator.ok("hand.finish_speaking")
    await mo.ok("chat.send", kind="resource", text="Our observation-room guide", url="https://example.org/guide", title="Observation room guide")
    await noor.ok("chat.send", kind="reflection", text="We had the same trouble with a private remark")
    await noor.ok("chat.send", kind="question", text="Does anyone record the observation room?")
    await moderator.ok("turn.next")
    finished = await lea.wait_event("turn.finished")
    assert finished["data"]["participant_id"] == g.id("kim")

    # The concluding round: the others, one of whom passes.
    await moderator.ok("stage.next")
    concluding = (await lea.wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "concluding_tour"))["data"]["stage"]
    assert [t["display_name"] for t in concluding["turns"]["order"]] == ["lea", "mo", "noor"]
    await lea.ok("turn.pass")
    await moderator.ok("turn.next")
    await mo.wait_event("turn.started", lambda e: e["data"]["participant_id"] == g.id("mo"))
    # Ask the audience closes without a confirmation, even with turns remaining.
    await moderator.ok("stage.next")
    await noor.wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "closing")
    await moderator.ok("followup.add", text="In-depth webinar with an expert on observation rooms")
    added = await moderator.wait_event("followup.added")
    assert added["data"]["item"]["text"].startswith("In-depth webinar")
    # Participants see what the meeting leads to.
    assert (await noor.wait_event("followup.added"))["data"]["item"]["kind"] == "action"
    await moderator.ok("meeting.end")

    async with httpx.AsyncClient(base_url=server.url) as http:
        headers = {"Authorization": f"Bearer {g.meeting['moderator_token']}"}
        summary = (await http.get(f"/api/v1/meetings/{g.meeting['id']}/summary", headers=headers)).json()
        markdown = (await http.get(f"/api/v1/meetings/{g.meeting['id']}/summary.md", headers=headers)).text
        refused = await http.get(f"/api/v1/meetings/{g.meeting['id']}/summary", headers={"Authorization": f"Bearer {g.joined['lea']['token']}"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"

    assert summary["meeting"]["title"] == "Ask the audience: intake interviews"
    assert summary["meeting"]["format"] == "ask_the_audience"
    assert summary["participants"]["organisations"] == [{"name": f"{n} Barnahus", "participants": 1} for n in ("kim", "lea", "mo", "noor")]
    # Only Lea opted in to be named.
    assert summary["participants"]["named"] == ["lea (lea Barnahus)"]
    assert [(q["text"], q["status"], q["keynote"]) for q in summary["questions"]] == [
        ("How long should an intake interview last?", "answered", True),
        ("Who should be in the observation room?", "approved", True),
    ]
    assert [(t["stage"], t["by"], t["status"]) for t in summary["turns"]] == [
        ("keynotes", "kim Barnahus", "done"),
        ("concluding_tour", "lea (lea Barnahus)", "passed"),
        ("concluding_tour", "mo Barnahus", "done"),
    ]
    assert [(f["by"], f["question_id"]) for f in summary["floor"]] == [("lea (lea Barnahus)", q1), ("mo Barnahus", q2)]
    assert all(f["seconds"] is not None for f in summary["floor"])
    assert summary["resources"] == [{"title": "Observation room guide", "url": "https://example.org/guide", "note": "Our observation-room guide", "shared_by": "mo Barnahus"}]
    assert [q["text"] for q in summary["chat_questions"]] == ["Does anyone record the observation room?"]
    assert [f["text"] for f in summary["followups"]] == ["In-depth webinar with an expert on observation rooms"]
    # No chat text beyond resources and questions; nobody named who did not opt in.
    for text in (str(summary), markdown):
        assert "private remark" not in text
        assert "noor (" not in text and "kim (" not in text
    assert markdown.startswith("# Ask the audience: intake interviews\n")
    assert "- [answered] How long should an intake interview last? (keynote)" in markdown
    assert "[Observation room guide](https://example.org/guide)" in markdown
    assert "In-depth webinar with an expert on observation rooms" in markdown


async def test_the_summary_is_for_this_meetings_moderators_only(gathering, server):
    g = await gathering("anna", format="tour_de_table")
    other = await gathering("ben")
    async with httpx.AsyncClient(base_url=server.url) as http:
        foreign = await http.get(f"/api/v1/meetings/{g.meeting['id']}/summary.md", headers={"Authorization": f"Bearer {other.meeting['moderator_token']}"})
        anonymous = await http.get(f"/api/v1/meetings/{g.meeting['id']}/summary")
    assert foreign.status_code == 404
    assert anonymous.status_code == 401
    assert (await g["anna"].command("followup.add", text="A publication"))["error"]["code"] == "forbidden"
    assert (await g.moderator.command("followup.add", text=""))["error"]["code"] == "invalid_input"
    assert (await g.moderator.command("followup.remove", followup_id="nope"))["error"]["code"] == "not_found"
