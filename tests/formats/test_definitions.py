"""Format definitions: every built-in is valid and has the id protocol.md fixes; bad definitions get messages
that name the field and say what is wrong."""

import json
from typing import Any

import pytest
from pydantic import ValidationError

from app.formats import catalogue
from app.formats.definition import BoardKind, FormatDef, Right
from app.formats.errors import describe

# docs/protocol.md "Formats" (exact).
PROTOCOL_IDS = {
    "ask_the_audience", "tour_de_table", "open", "network_meeting", "network_group_conference",
    "learning_conversation", "drop_in_session",
}


def minimal(**changes: Any) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "id": "team_check_in",
        "name": {"en": "Team check-in"},
        "stages": [{"id": "welcome", "name": {"en": "Welcome"}}, {"id": "round", "name": {"en": "Round"}, "turns": "rounds", "boards": ["notes"]}],
        "boards": [{"id": "notes", "name": {"en": "Notes"}, "columns": [{"id": "notes", "name": {"en": "Notes"}}]}],
    }
    definition.update(changes)
    return definition


def message_for(definition: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        FormatDef.model_validate(definition)
    return describe(caught.value)


def test_the_built_ins_are_exactly_the_protocols_formats():
    assert set(catalogue.builtin()) == PROTOCOL_IDS


@pytest.mark.parametrize("format_id", sorted(PROTOCOL_IDS))
def test_every_built_in_is_valid_and_speaks_english_danish_and_arabic(format_id: str):
    definition = catalogue.builtin()[format_id]
    texts = [definition.name, *(s.name for s in definition.stages), *(b.name for b in definition.boards), *(r.name for r in definition.roles)]
    texts += [s.guidance for s in definition.stages if s.guidance] + [c.name for b in definition.boards for c in b.columns]
    for text in texts:
        assert set(text) == {"en", "da", "ar"}, (format_id, text)
        assert all(value.strip() for value in text.values())
    # A round trip through JSON gives the same definition (what POST /api/v1/formats and the meeting store).
    assert FormatDef.model_validate(json.loads(definition.model_dump_json())) == definition


def test_learning_conversation_follows_the_seed():
    lc = catalogue.builtin()["learning_conversation"]
    board = lc.board("signs_of_safety")
    assert board is not None and [c.id for c in board.columns] == ["working_well", "worries", "needs_to_happen"]
    assert board.tags == ["fact", "opinion"]
    note = lc.board("facilitator_note")
    assert note is not None and note.private
    assert lc.board("review") is not None
    assert lc.agreement is not None
    assert lc.agreement.principles[0]["en"] == "We will listen to each other and acknowledge and validate their views"
    usefulness = next(s for s in lc.scales if s.id == "usefulness")
    assert usefulness.high["en"].startswith("The learning conversation was useful, slowed down my thinking")
    assert usefulness.low["en"] == "The conversation has not facilitated any change or shift in my thoughts about the situation"
    assert lc.role("facilitator").base == "moderator"
    assert Right.receive_record in lc.role("lead_worker").rights
    assert lc.role("observer").observer
    assert lc.record_first_to_lead


def test_network_group_conference_has_the_four_plan_sections_and_the_networks_own_time():
    ngc = catalogue.builtin()["network_group_conference"]
    plan = ngc.board("plan")
    assert plan is not None and plan.kind == BoardKind.plan
    assert [c.name["en"] for c in plan.columns] == [
        "How the situation can be improved",
        "What initiatives should be started",
        "Where the network and the person believe public partners can help",
        "What resources the network can provide and how",
    ]
    focal = ngc.role("focal_person")
    assert Right.queued not in focal.rights and Right.sign_plan in focal.rights and focal.view == "simple"
    assert Right.sign_plan in ngc.role("network_member").rights
    assert Right.sign_plan not in ngc.role("public_partner").rights
    own_time = ngc.stage("network_time")
    assert own_time is not None and own_time.only_roles == ["focal_person", "network_member"]


def test_network_meeting_and_drop_in_session():
    nm = catalogue.builtin()["network_meeting"]
    assert [s.id for s in nm.stages][1:] == ["review_actions", "observations", "new_actions", "next_date"]
    assert "review_carried_actions" in nm.stages[1].prompts and nm.stages[2].turns == "rounds"
    actions = nm.board("actions")
    assert actions is not None and actions.owners
    assert nm.role("parent").view == "simple"
    drop_in = catalogue.builtin()["drop_in_session"]
    services, brainstorm, recommendations = (drop_in.board(b) for b in ("services", "brainstorm", "recommendations"))
    assert services is not None and services.kind == BoardKind.map and services.themes
    assert brainstorm is not None and brainstorm.voting is not None and brainstorm.voting.budget == 3
    assert recommendations is not None and recommendations.owners
    assert "set_next_date" in drop_in.stages[-1].prompts


class TestBadDefinitions:
    def test_a_minimal_definition_is_valid(self):
        assert FormatDef.model_validate(minimal()).stages[1].turns == "rounds"

    def test_a_stage_opening_a_board_the_format_lacks(self):
        message = message_for(minimal(boards=[]))
        assert "stage 'round' opens board 'notes', which the format does not define" in message

    def test_a_bad_id_names_its_place(self):
        stages = minimal()["stages"]
        stages[1] = {**stages[1], "id": "Round 2"}
        assert message_for(minimal(stages=stages)).startswith("stages.1.id: ")

    def test_a_column_without_a_name(self):
        board = {"id": "notes", "name": {"en": "Notes"}, "columns": [{"id": "a", "name": {"en": "A"}}, {"id": "b"}]}
        assert message_for(minimal(boards=[board])) == "boards.0.columns.1.name: Field required"

    def test_an_unknown_field_and_a_missing_english_text(self):
        assert message_for(minimal(colour="red")) == "colour: Extra inputs are not permitted"
        assert "name: " in message_for(minimal(name={"da": "Hold"})) and "English" in message_for(minimal(name={"da": "Hold"}))

    def test_repeated_ids_and_unknown_roles(self):
        stages = [{"id": "a", "name": {"en": "A"}}, {"id": "a", "name": {"en": "A again"}}]
        assert "stage id 'a' appears twice" in message_for(minimal(stages=stages, boards=[]))
        stages = [{"id": "a", "name": {"en": "A"}, "only_roles": ["dragon"]}]
        assert "names role 'dragon'" in message_for(minimal(stages=stages, boards=[]))

    def test_a_map_board_needs_themes_and_a_bad_voting_budget(self):
        board = {"id": "notes", "name": {"en": "Notes"}, "kind": "map", "columns": [{"id": "a", "name": {"en": "A"}}]}
        assert "a map board needs themes: true" in message_for(minimal(boards=[board]))
        board = {"id": "notes", "name": {"en": "Notes"}, "voting": {"budget": 0}, "columns": [{"id": "a", "name": {"en": "A"}}]}
        assert message_for(minimal(boards=[board])).startswith("boards.0.voting.budget: ")

    def test_a_keynote_role_is_neither_an_observer_nor_the_default(self):
        speaker = {"id": "speaker", "name": {"en": "Speaker"}, "keynote": True}
        assert FormatDef.model_validate(minimal(roles=[speaker])).role("speaker").keynote
        assert "an observer cannot be a keynote speaker" in message_for(minimal(roles=[{**speaker, "observer": True}]))
        assert "is a keynote role" in message_for(minimal(roles=[speaker], default_role="speaker"))


def test_ask_the_audience_declares_its_keynote_speakers_as_a_role():
    role = catalogue.builtin()["ask_the_audience"].role("keynote")
    assert role.keynote and not role.observer and Right.ask_question in role.rights and Right.queued in role.rights
    assert catalogue.builtin()["ask_the_audience"].default_role == "participant"
