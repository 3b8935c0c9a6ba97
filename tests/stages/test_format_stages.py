"""The four seed formats run from their definitions: a stage change switches what is offered (floor, questions,
turns, boards, prompts) and every page hears the stage as the format defines it."""

import pytest

from tests.stages.test_tour_de_table import stage_of


async def go_to(g, stage_id: str) -> dict:
    await g.moderator.ok("stage.set", stage=stage_id)
    changed = await g["anna"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == stage_id)
    return changed["data"]["stage"]


async def test_a_network_meeting_walks_its_stages_and_closes_the_floor_for_the_next_date(gathering):
    g = await gathering("anna", "ben", format="network_meeting")
    view = g["anna"].snapshot["meeting"]["stage"]
    assert view["steps"] == ["welcome", "review_actions", "observations", "new_actions", "next_date"]
    assert [s["name"]["da"] for s in view["stages"]][:2] == ["Velkomst", "Handlinger fra sidst"]
    assert view["current_stage"]["id"] == "welcome" and view["current_stage"]["floor"] is True
    assert g["anna"].snapshot["meeting"]["format_name"]["en"] == "Network meeting"

    await g.moderator.ok("stage.next")
    review = (await g["anna"].wait_event("stage.changed"))["data"]["stage"]
    assert review["current_stage"]["prompts"] == ["review_carried_actions"]
    assert review["current_stage"]["boards"] == ["actions"]
    assert review["current_stage"]["guidance"]["en"].startswith("Go through the actions agreed at the last meeting")

    observations = await go_to(g, "observations")
    # Each party in turn: a turn order for everyone, from the definition's `turns`.
    assert observations["turns"]["kind"] == "rounds" and observations["turns"]["stage"] == "observations"
    assert [t["display_name"] for t in observations["turns"]["order"]] == ["anna", "ben"]
    assert (await g.moderator.ok("turn.next"))["result"]["participant_id"] == g.id("anna")
    await g["ben"].ok("hand.raise")
    await g.moderator.ok("hand.lower", participant_id=g.id("ben"))

    # Moving on with turns remaining needs no confirmation here (the stage does not promise everyone a turn).
    await go_to(g, "new_actions")
    next_date = await go_to(g, "next_date")
    assert next_date["current_stage"]["floor"] is False and next_date["next"] is None
    assert next_date["current_stage"]["prompts"] == ["set_next_date", "record_follow_ups"]
    refused = await g["ben"].command("hand.raise")
    assert refused["error"]["code"] == "not_in_this_stage" and "Next meeting" in refused["error"]["message"]
    # Questions stay open there.
    await g["ben"].ok("question.submit", text="Can the school nurse come next time?")


async def test_a_network_group_conference_gives_the_networks_own_time_to_the_person_and_the_network(gathering):
    g = await gathering("anna", format="network_group_conference")
    view = g["anna"].snapshot["meeting"]["stage"]
    # Preparation closes the floor: no hands before the meeting proper.
    assert view["current_stage"]["id"] == "preparation" and view["current_stage"]["floor"] is False
    assert (await g["anna"].command("hand.raise"))["error"]["code"] == "not_in_this_stage"
    own_time = await go_to(g, "network_time")
    assert own_time["current_stage"]["only_roles"] == ["focal_person", "network_member"]
    assert own_time["current_stage"]["boards"] == ["plan"]
    await g["anna"].ok("hand.raise")
    plan = await go_to(g, "plan")
    assert plan["current_stage"]["prompts"] == ["collect_sign_offs"]


async def test_a_learning_conversation_asks_its_scales_and_closes_questions_nowhere(gathering):
    g = await gathering("anna", "ben", format="learning_conversation")
    agreement = await go_to(g, "agreement")
    assert agreement["turns"]["kind"] == "rounds"
    working_well = await go_to(g, "working_well")
    assert working_well["current_stage"]["boards"] == ["signs_of_safety", "facilitator_note"]
    assert working_well["turns"] is None
    scaling = await go_to(g, "scaling")
    assert scaling["current_stage"]["scale"] == "situation"
    feedback = await go_to(g, "feedback")
    assert feedback["current_stage"]["scale"] == "usefulness" and feedback["current_stage"]["floor"] is False
    assert (await g["ben"].command("hand.raise"))["error"]["code"] == "not_in_this_stage"
    # Back to a stage with the floor open: hands are welcome again.
    await go_to(g, "worries")
    await g["ben"].ok("hand.raise")


async def test_a_drop_in_session_runs_rounds_of_services_and_closes_the_floor_at_the_end(gathering):
    g = await gathering("anna", "ben", format="drop_in_session")
    services = await go_to(g, "who_does_what")
    assert services["current_stage"]["boards"] == ["services"] and services["turns"]["kind"] == "rounds"
    brainstorm = await go_to(g, "brainstorm")
    assert brainstorm["current_stage"]["prompts"] == ["breakouts"]
    last = await go_to(g, "next_session")
    assert last["current_stage"]["floor"] is False
    # Anna's event is in; Ben's may still be on its way.
    await g["ben"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "next_session")
    assert stage_of(g["ben"])["current_stage"]["id"] == "next_session"
    assert (await g["ben"].command("hand.raise"))["error"]["code"] == "not_in_this_stage"


@pytest.mark.parametrize("format_id", ["network_meeting", "network_group_conference", "learning_conversation", "drop_in_session"])
async def test_each_new_format_can_be_created_and_reports_its_first_stage(api, format_id):
    meeting = await api.create_meeting(title="Seed format", format=format_id)
    assert meeting["format"] == format_id
