"""Tour de table as guided stages: every participant gets a turn, those with questions first; one may pass."""


def stage_of(client) -> dict:
    """The stage as this client now knows it: from the last stage or turn event, else the snapshot."""
    events = [e for e in client.events if e["type"] in ("stage.changed", "turn.started", "turn.passed", "turn.finished")]
    return events[-1]["data"]["stage"] if events else client.snapshot["meeting"]["stage"]


async def test_a_full_tour_de_table_where_everyone_takes_a_turn_and_one_passes(gathering):
    g = await gathering("anna", "ben", "cai", "dora", start=False, format="tour_de_table")
    # Preparation: questions reach the moderator before the session.
    assert g.moderator.snapshot["meeting"]["stage"]["steps"] == ["preparation", "opening", "rounds", "closing"]
    assert g["anna"].snapshot["meeting"]["stage"]["current"] == "preparation"
    cai_q = (await g["cai"].ok("question.submit", text="How do you prepare a child for a second interview?"))["result"]["question_id"]
    ben_q = (await g["ben"].ok("question.submit", text="Who calls the family after the interview?"))["result"]["question_id"]
    assert (await g["anna"].command("stage.next"))["error"]["code"] == "forbidden"

    await g.moderator.ok("stage.next")
    await g.moderator.ok("meeting.start")
    opened = await g["dora"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "opening")
    assert opened["data"]["stage"]["current"] == "opening"
    assert opened["data"]["stage"]["next"] == "rounds"
    await g.moderator.ok("stage.next")
    rounds = (await g["dora"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "rounds"))["data"]["stage"]
    # Those with submitted questions first, in the order the questions came; then the others as they joined.
    assert [t["display_name"] for t in rounds["turns"]["order"]] == ["cai", "ben", "anna", "dora"]
    assert rounds["turns"]["remaining"] == [g.id("cai"), g.id("ben"), g.id("anna"), g.id("dora")]

    # Cai's turn: their question becomes current, a thinking break, then hands for contributions.
    assert (await g.moderator.ok("turn.next"))["result"]["participant_id"] == g.id("cai")
    made_current = await g["anna"].wait_event("question.made_current", lambda e: e["data"]["question_id"] == cai_q)
    assert made_current
    await g.moderator.ok("breakout.start", kind="thinking", duration_s=60, prompt="What can you offer Cai?")
    await g["anna"].wait_event("breakout.started")
    await g.moderator.ok("breakout.end")
    await g["anna"].wait_event("breakout.ended")
    await g["anna"].ok("hand.raise", note="We use a picture book")
    await g.moderator.ok("hand.give_floor")
    await g.moderator.ok("hand.finish_speaking")

    await g.moderator.ok("turn.next")
    await g["cai"].wait_event("question.made_current", lambda e: e["data"]["question_id"] == ben_q)
    # Closing while someone has not had a turn asks the moderator to confirm.
    refused = await g.moderator.command("stage.set", stage="closing")
    assert refused["error"]["code"] == "turns_remaining"
    assert "anna" in refused["error"]["message"] and "dora" in refused["error"]["message"]
    assert stage_of(g.moderator)["current"] == "rounds"

    await g.moderator.ok("turn.next")
    await g["anna"].wait_event("turn.started", lambda e: e["data"]["participant_id"] == g.id("anna"))
    # Anna has no question on file: she asks hers live, and Ben's question leaves the table.
    assert stage_of(g["anna"])["turns"]["current"] == g.id("anna")
    await g["anna"].wait_event("question.made_current", lambda e: e["data"]["question_id"] is None)
    # Nobody passes someone else's turn.
    assert (await g["ben"].command("turn.pass", participant_id=g.id("dora")))["error"]["code"] == "forbidden"
    await g.moderator.ok("turn.next")
    await g["dora"].wait_event("turn.started", lambda e: e["data"]["participant_id"] == g.id("dora"))
    await g["dora"].ok("turn.pass")
    passed = await g.moderator.wait_event("turn.passed")
    turns = passed["data"]["stage"]["turns"]
    assert [(t["display_name"], t["status"]) for t in turns["order"]] == [("cai", "done"), ("ben", "done"), ("anna", "done"), ("dora", "passed")]
    assert turns["remaining"] == [] and turns["current"] is None
    assert (await g.moderator.command("turn.next"))["error"]["code"] == "no_turns_left"

    # Everyone had a turn: Closing needs no confirmation.
    await g.moderator.ok("stage.next")
    closing = await g["ben"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "closing")
    assert closing["data"]["stage"]["next"] is None
    # The stage is part of everyone's state on reconnect.
    again = await gathering.open_client(g.joined["dora"]["token"], "dora again")
    assert again.snapshot["meeting"]["stage"]["current"] == "closing"
    assert again.snapshot["meeting"]["stage"]["turns"]["remaining"] == []


async def test_closing_with_turns_remaining_needs_confirmation(gathering):
    g = await gathering("anna", "ben", format="tour_de_table")
    await g.moderator.ok("stage.set", stage="rounds")
    await g.moderator.ok("turn.next")
    assert (await g.moderator.command("stage.next"))["error"]["code"] == "turns_remaining"
    await g.moderator.ok("stage.next", confirm=True)
    closing = await g["ben"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "closing")
    # The console still shows who did not get a turn.
    assert closing["data"]["stage"]["turns"]["remaining"] == [g.id("ben")]


async def test_stages_can_be_skipped_and_revisited_and_late_joiners_get_a_turn(gathering, api):
    g = await gathering("anna", format="tour_de_table")
    await g.moderator.ok("stage.set", stage="rounds")
    await g.moderator.ok("turn.next")
    await g.moderator.ok("stage.set", stage="opening")
    back = await g["anna"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "opening")
    assert [(t["display_name"], t["status"]) for t in back["data"]["stage"]["turns"]["order"]] == [("anna", "done")]
    joined = await api.join(g.meeting["join_code"], "emil", "Health visitors Aarhus")
    emil = await gathering.open_client(joined["token"], "emil")
    assert [t["display_name"] for t in emil.snapshot["meeting"]["stage"]["turns"]["order"]] == ["anna", "emil"]
    await g.moderator.ok("stage.set", stage="rounds")
    assert (await g.moderator.ok("turn.next"))["result"]["participant_id"] == joined["participant_id"]


async def test_bad_stage_commands_change_nothing(gathering):
    g = await gathering("anna", format="tour_de_table")
    assert (await g["anna"].command("stage.set", stage="closing", confirm=True))["error"]["code"] == "forbidden"
    assert (await g["anna"].command("turn.next"))["error"]["code"] == "forbidden"
    assert (await g.moderator.command("stage.set", stage="keynotes"))["error"]["code"] == "invalid_input"
    assert (await g.moderator.command("stage.set", stage="lunch"))["error"]["code"] == "invalid_input"
    assert (await g.moderator.command("stage.set", stage="preparation"))["error"]["code"] == "already_in_stage"
    assert (await g.moderator.command("turn.next"))["error"]["code"] == "not_a_turn_stage"
    assert (await g["anna"].command("turn.pass"))["error"]["code"] == "not_a_turn_stage"
    assert g["anna"].events_of("stage.changed") == []


async def test_an_open_meeting_has_no_stages(gathering):
    g = await gathering("anna")
    assert g["anna"].snapshot["meeting"]["stage"] is None
    assert (await g.moderator.command("stage.next"))["error"]["code"] == "no_stages"
    assert (await g.moderator.command("stage.set", stage="opening"))["error"]["code"] == "no_stages"
