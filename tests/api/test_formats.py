"""Formats over HTTP: the organiser lists the built-ins and their own, makes a format from a definition (clear
errors, nothing stored when it is wrong) and holds a meeting in it."""

import copy
import json
import secrets
from collections.abc import Iterator

import httpx
import pytest

from tests.api.test_desk import add_organiser
from tests.api.test_guard import raw_request
from tests.support import ORGANISER_KEY, ServerProcess

AUTH = {"Authorization": f"Bearer {ORGANISER_KEY}"}
BUILTIN = ["ask_the_audience", "drop_in_session", "learning_conversation", "network_group_conference", "network_meeting", "open", "tour_de_table"]


def fresh_id(stem: str) -> str:
    # The server lives for the whole test session: every test makes formats of its own ids.
    return f"{stem}_{secrets.token_hex(4)}"


def check_in(**changes):
    definition = {
        "id": fresh_id("team_check_in"),
        "name": {"en": "Team check-in", "da": "Holdets tjek-ind"},
        "description": {"en": "A short round, then actions."},
        "stages": [
            {"id": "round", "name": {"en": "Round", "da": "Runde"}, "turns": "rounds", "guidance": {"en": "Everyone says how they are."}},
            {"id": "actions", "name": {"en": "Actions", "da": "Handlinger"}, "boards": ["actions"], "floor": False},
        ],
        "boards": [{"id": "actions", "name": {"en": "Actions"}, "owners": True, "columns": [{"id": "open", "name": {"en": "Open"}}]}],
    }
    definition.update(changes)
    return definition


async def formats(api, language="en"):
    response = await api.http.get(f"/api/v1/formats?language={language}", headers=AUTH)
    assert response.status_code == 200
    return response.json()["formats"]


async def test_the_list_has_every_built_in_with_its_stages_in_the_asked_language(api):
    listed = await formats(api)
    assert sorted(f["id"] for f in listed if f["builtin"]) == BUILTIN
    tour = next(f for f in listed if f["id"] == "tour_de_table")
    assert tour["name"] == "Tour de table"
    assert tour["stages"] == [{"id": "preparation", "name": "Preparation"}, {"id": "opening", "name": "Opening"}, {"id": "rounds", "name": "Rounds"}, {"id": "closing", "name": "Closing"}]
    assert tour["definition"]["stages"][2]["confirm_turns_before_leaving"] is True
    danish = {f["id"]: f for f in await formats(api, "da")}
    assert danish["network_meeting"]["name"] == "Netværksmøde"
    assert danish["learning_conversation"]["stages"][2]["name"] == "Hvad går godt"
    assert (await api.http.get("/api/v1/formats")).status_code == 401
    assert (await api.http.get("/api/v1/formats", headers={"Authorization": "Bearer wrong"})).json()["error"]["code"] == "unauthorized"


async def test_an_organiser_makes_a_format_and_holds_a_meeting_in_it(api, connect):
    definition = check_in()
    made = await api.http.post("/api/v1/formats?language=da", json=definition, headers=AUTH)
    assert made.status_code == 201, made.text
    body = made.json()
    format_id = definition["id"]
    assert body["id"] == format_id and body["builtin"] is False and body["name"] == "Holdets tjek-ind"
    assert body["stages"] == [{"id": "round", "name": "Runde"}, {"id": "actions", "name": "Handlinger"}]
    assert [f["id"] for f in await formats(api)][-1] == format_id

    meeting = await api.create_meeting(title="Monday check-in", format=format_id)
    assert meeting["format"] == format_id
    moderator = await connect(meeting["moderator_token"], "moderator")
    stage = moderator.snapshot["meeting"]["stage"]
    assert stage["steps"] == ["round", "actions"] and stage["current_stage"]["guidance"] == {"en": "Everyone says how they are."}
    assert moderator.snapshot["meeting"]["format_name"]["en"] == "Team check-in"
    invite = (await api.http.get(f"/api/v1/invite/{meeting['join_code']}")).json()
    assert invite["format_name"]["da"] == "Holdets tjek-ind" and invite["format_description"]["en"] == "A short round, then actions."

    # The same id again, or a built-in's id: 409, and nothing changes.
    again = await api.http.post("/api/v1/formats", json={**definition, "name": {"en": "Another"}}, headers=AUTH)
    assert again.status_code == 409 and again.json()["error"]["code"] == "format_exists"
    clash = await api.http.post("/api/v1/formats", json=check_in(id="tour_de_table"), headers=AUTH)
    assert clash.status_code == 409 and "built-in" in clash.json()["error"]["message"]
    listed = await formats(api)
    assert [f["name"] for f in listed if f["id"] == format_id] == ["Team check-in"]
    assert next(f for f in listed if f["id"] == "tour_de_table")["builtin"] is True


async def test_a_bad_definition_is_refused_naming_the_field_and_nothing_is_stored(api):
    before = [f["id"] for f in await formats(api)]
    bad_board = check_in()
    bad_board["stages"][1]["boards"] = ["actions", "Wall!"]
    cases = [
        (bad_board, "stages.1.boards.1: "),
        (check_in(boards=[]), "stage 'actions' opens board 'actions', which the format does not define"),
        (check_in(name={"da": "Kun dansk"}), "name: "),
        (check_in(stages=[{"id": "a", "name": {"en": "A"}, "turns": "forever"}], boards=[]), "stages.0.turns: "),
        (check_in(colour="red"), "colour: Extra inputs are not permitted"),
        (check_in(id="Team check-in"), "id: must be 1–40 characters"),
    ]
    for definition, expected in cases:
        response = await api.http.post("/api/v1/formats", json=definition, headers=AUTH)
        assert response.status_code == 422, definition
        error = response.json()["error"]
        assert error["code"] == "invalid_input" and expected in error["message"], error
    for body in ([1, 2], "a format", None):
        response = await api.http.post("/api/v1/formats", json=body, headers=AUTH)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"
    assert (await api.http.post("/api/v1/formats", json=check_in())).status_code == 401
    assert [f["id"] for f in await formats(api)] == before
    # A meeting in a format nobody made: 422, no meeting.
    refused = await api.http.post("/api/v1/meetings", json={"title": "x", "format": bad_board["id"]}, headers=AUTH)
    assert refused.status_code == 422 and refused.json()["error"]["message"].startswith("format: ")


async def test_a_meeting_keeps_the_definition_it_was_made_with(api, connect):
    # Copy a built-in under a new id, drop a stage and rename one: the meeting runs the copy.
    listed = {f["id"]: f for f in await formats(api)}
    copied = copy.deepcopy(listed["tour_de_table"]["definition"])
    copied["id"] = fresh_id("short_tour")
    copied["stages"] = [s for s in copied["stages"] if s["id"] != "preparation"]
    copied["stages"][0]["name"] = {"en": "Welcome", "da": "Velkommen"}
    assert (await api.http.post("/api/v1/formats", json=copied, headers=AUTH)).status_code == 201
    meeting = await api.create_meeting(title="Short tour", format=copied["id"])
    moderator = await connect(meeting["moderator_token"], "moderator")
    stage = moderator.snapshot["meeting"]["stage"]
    assert stage["steps"] == ["opening", "rounds", "closing"]
    assert stage["stages"][0]["name"]["da"] == "Velkommen"
    assert stage["current_stage"]["prompts"] == ["open_opening_ballot"]


async def test_a_definition_too_large_is_refused_and_nothing_is_stored(api, server):
    before = [f["id"] for f in await formats(api)]
    # Over the request limit (1 MiB): refused as soon as its length is declared, before any of it is read.
    stage = {"id": "talk", "name": {"en": "x" * 2000, "da": "y" * 2000, "ar": "z" * 2000}}
    huge = json.dumps(check_in(stages=[{**stage, "id": f"talk_{n}"} for n in range(200)], boards=[])).encode()
    head = (
        f"POST /api/v1/formats HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {ORGANISER_KEY}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(huge)}\r\n\r\n"
    )
    answer, _ = await raw_request(server, head)
    assert answer.startswith("HTTP/1.1 413") and '"too_large"' in answer, answer
    # Within the request limit but past the schema's: every list of a definition is bounded.
    stages = [{"id": f"s{n}", "name": {"en": f"Stage {n}"}} for n in range(21)]
    boards = [{"id": f"b{n}", "name": {"en": "B"}, "columns": [{"id": "c", "name": {"en": "C"}}]} for n in range(12)]
    crowded = check_in(boards=boards, stages=[{"id": "all", "name": {"en": "All"}, "boards": [b["id"] for b in boards] + ["b0"]}])
    for definition, expected in ((check_in(stages=stages, boards=[]), "stages: "), (crowded, "stages.0.boards: "), (check_in(name={"en": "n" * 2001}), "name: ")):
        response = await api.http.post("/api/v1/formats", json=definition, headers=AUTH)
        assert response.status_code == 422 and expected in response.json()["error"]["message"], response.text
    assert [f["id"] for f in await formats(api)] == before


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, dict[str, str]]]:
    """A server where an organiser may keep two formats of their own; two organisers with keys of their own."""
    data = tmp_path_factory.mktemp("capped")
    keys = {"anna": add_organiser(data, "Anna Holm"), "bo": add_organiser(data, "Bo Jensen")}
    process = ServerProcess(data, env={"ROUNDTABLE_MAX_CUSTOM_FORMATS_PER_ORGANISER": "2"}).start()
    yield process, keys
    process.stop()


async def test_an_organiser_keeps_at_most_the_set_number_of_formats(capped):
    server, keys = capped
    anna, bo = ({"Authorization": f"Bearer {keys[who]}"} for who in ("anna", "bo"))
    async with httpx.AsyncClient(base_url=server.url, timeout=20) as http:
        own = [check_in(), check_in()]
        for definition in own:
            assert (await http.post("/api/v1/formats", json=definition, headers=anna)).status_code == 201
        refused = await http.post("/api/v1/formats", json=check_in(), headers=anna)
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "too_many_formats", refused.text
        assert "2 formats" in refused.json()["error"]["message"]
        listed = (await http.get("/api/v1/formats", headers=anna)).json()["formats"]
        assert [f["id"] for f in listed if not f["builtin"]] == [d["id"] for d in own]
        # The cap is per organiser: Bo has his own two, and Anna still holds meetings in hers.
        assert (await http.post("/api/v1/formats", json=check_in(), headers=bo)).status_code == 201
        meeting = await http.post("/api/v1/meetings", json={"title": "Check-in", "format": own[1]["id"]}, headers=anna)
        assert meeting.status_code == 201 and meeting.json()["format"] == own[1]["id"]
