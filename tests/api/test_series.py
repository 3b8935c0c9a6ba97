"""A coordinator's series of network meetings: the schedule in local time across daylight saving, the next meeting
made with one action, and what the previous meeting left open carried into it."""

from typing import Any

from tests.support import ORGANISER_KEY, Api

AUTH = {"Authorization": f"Bearer {ORGANISER_KEY}"}

ROSTER = [
    {"name": "Kolding Kommune", "kind": "municipality", "contacts": [{"name": "Anna Holm", "email": "anna@kolding.example", "language": "da"}]},
    {"name": "Skolen ved Søen", "kind": "school", "contacts": [{"name": "Bo Lund", "email": "bo@skole.example", "language": "da"}]},
    {"name": "Sundhedsplejen", "kind": "health", "contacts": [{"name": "Cai Berg", "email": "cai@sund.example", "language": "en"}]},
    {"name": "Politi / SSP", "kind": "police_ssp", "contacts": [{"name": "Dina Vest", "email": "dina@politi.example", "language": "da"}]},
    {"name": "Forældre", "kind": "parents", "required": False, "contacts": [{"name": "Eman Saleh", "email": "eman@home.example", "language": "ar"}]},
]


def series_body(**extra: Any) -> dict[str, Any]:
    return {
        "name": "Netværksmøde Kolding",
        "format": "open",
        "language": "da",
        "coordinator_name": "Nanna Kold",
        "coordinator_email": "nk@dignity.example",
        "time_zone": "Europe/Copenhagen",
        # Every second Tuesday at 14:00, from 16 March 2027: summer time starts on 28 March.
        "rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "start": "2027-03-16T14:00",
        "duration_minutes": 90,
        "context": "Børn i traumatiserede flygtningefamilier: en fortløbende dialog.",
        "roster": ROSTER,
        **extra,
    }


async def create_series(api: Api, **extra: Any) -> dict[str, Any]:
    response = await api.http.post("/api/v1/series", json=series_body(**extra), headers=AUTH)
    assert response.status_code == 201, response.text
    return response.json()


async def next_meeting(api: Api, series_id: str) -> dict[str, Any]:
    response = await api.http.post(f"/api/v1/series/{series_id}/meetings", json={"moderator_name": "Nanna Kold"}, headers=AUTH)
    assert response.status_code == 201, response.text
    return response.json()


async def test_the_schedule_keeps_14_00_local_across_the_change_to_summer_time(api: Api) -> None:
    series = await create_series(api)
    assert series["rule"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" and series["time_zone"] == "Europe/Copenhagen"
    assert [o["starts_at"] for o in series["upcoming"][:3]] == ["2027-03-16T13:00:00.000Z", "2027-03-30T12:00:00.000Z", "2027-04-13T12:00:00.000Z"]
    assert {o["local"][-5:] for o in series["upcoming"]} == {"14:00"}
    assert [e["name"] for e in series["roster"]] == [e["name"] for e in ROSTER]
    assert series["roster"][4]["required"] is False and series["roster"][0]["contacts"][0]["language"] == "da"

    first = await next_meeting(api, series["id"])
    second = await next_meeting(api, series["id"])
    assert (first["number"], first["starts_at"], first["local"]) == (1, "2027-03-16T13:00:00.000Z", "2027-03-16T14:00")
    assert (second["number"], second["starts_at"], second["local"]) == (2, "2027-03-30T12:00:00.000Z", "2027-03-30T14:00")
    assert second["links"]["console"].endswith(f"/console/{second['meeting_id']}#token={second['moderator_token']}")

    again = (await api.http.get(f"/api/v1/series/{series['id']}", headers=AUTH)).json()
    assert [(m["number"], m["local"]) for m in again["meetings"]] == [(1, "2027-03-16T14:00"), (2, "2027-03-30T14:00")]
    # What comes next starts after the last meeting made.
    assert again["upcoming"][0]["starts_at"] == "2027-04-13T12:00:00.000Z"
    meeting = (await api.http.get(f"/api/v1/meetings/{second['meeting_id']}", headers={"Authorization": f"Bearer {second['moderator_token']}"})).json()
    assert meeting["title"] == "Netværksmøde Kolding" and meeting["language"] == "da" and meeting["scheduled_for"] == "2027-03-30T12:00:00.000Z"

    # London, in October: British Summer Time ends on 31 October 2027.
    london = await create_series(api, time_zone="Europe/London", start="2027-10-19T14:00", roster=[])
    assert [o["starts_at"] for o in london["upcoming"][:2]] == ["2027-10-19T13:00:00.000Z", "2027-11-02T14:00:00.000Z"]


async def test_only_the_organiser_sees_a_series(api: Api) -> None:
    series = await create_series(api, roster=[])
    for headers in ({}, {"Authorization": "Bearer someone-else"}):
        for method, path in (("GET", f"/api/v1/series/{series['id']}"), ("POST", f"/api/v1/series/{series['id']}/meetings"), ("GET", "/api/v1/series")):
            response = await api.http.request(method, path, headers=headers)
            assert response.status_code == 401, (method, path)
    assert (await api.http.get("/api/v1/series/no-such-series", headers=AUTH)).status_code == 404
    # A meeting's moderator token is not an organiser key.
    first = await next_meeting(api, series["id"])
    response = await api.http.get(f"/api/v1/series/{series['id']}", headers={"Authorization": f"Bearer {first['moderator_token']}"})
    assert response.status_code == 401


async def test_bad_input_gets_a_clear_error_and_changes_nothing(api: Api) -> None:
    before = (await api.http.get("/api/v1/series", headers=AUTH)).json()["series"]
    bad = [
        {"rule": "every second tuesday"},
        {"rule": "FREQ=HOURLY"},
        {"rule": "FREQ=WEEKLY;DTSTART=20270101T000000"},
        {"time_zone": "Mars/Olympus"},
        {"start": "2027-03-16T14:00:00+01:00"},
        {"start": "not a date"},
        {"format": "no_such_format"},
        {"coordinator_email": "not-an-address"},
        {"name": ""},
        {"name": "Line\nbreak"},
        {"context": "x" * 4001},
        {"duration_minutes": 0},
        {"roster": [{"name": "A", "contacts": [{"name": "B", "email": "b@"}]}]},
        {"roster": [{"name": "A", "kind": "army"}]},
        {"roster": [{"name": f"Org {n}"} for n in range(41)]},
        {"roster": [{"name": "A", "contacts": [{"name": "B", "email": "b@x.example", "role": "queen"}]}]},
        {"surprise": True},
    ]
    for change in bad:
        response = await api.http.post("/api/v1/series", json=series_body(**change), headers=AUTH)
        assert response.status_code == 422, (change, response.text)
        error = response.json()["error"]
        assert error["code"] == "invalid_input" and error["message"], change
    assert (await api.http.get("/api/v1/series", headers=AUTH)).json()["series"] == before
    # A rule that ends: once its meetings are made, the next one is refused and nothing is made.
    short = await create_series(api, rule="FREQ=WEEKLY;COUNT=1", roster=[])
    await next_meeting(api, short["id"])
    response = await api.http.post(f"/api/v1/series/{short['id']}/meetings", headers=AUTH)
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"
    assert len((await api.http.get(f"/api/v1/series/{short['id']}", headers=AUTH)).json()["meetings"]) == 1


async def test_the_second_meeting_reviews_what_the_first_left_open(api: Api, connect) -> None:
    series = await create_series(api)
    first = await next_meeting(api, series["id"])
    coordinator = await connect(first["moderator_token"], "coordinator")
    anna_joined = await api.join(first["join_code"], "Anna Holm", "Kolding Kommune")
    anna = await connect(anna_joined["token"], "anna")
    await coordinator.ok("meeting.start")

    # Actions agreed: what, who, by when. One is done at once, one dropped, two stay open.
    said = await anna.ok("chat.send", text="Skolen kontakter familien inden næste møde")
    from_chat = (await coordinator.ok("followup.add", from_message_id=said["result"]["message_id"], owner="Skolen ved Søen", due_on="2027-03-29"))["result"]["followup_id"]
    interpreter = (await coordinator.ok("followup.add", text="Book an interpreter (Arabic)", owner_participant_id=anna_joined["participant_id"]))["result"]["followup_id"]
    done = (await coordinator.ok("followup.add", text="Share the SSP contact list", kind="other"))["result"]["followup_id"]
    dropped = (await coordinator.ok("followup.add", text="Webinar on trauma", kind="webinar"))["result"]["followup_id"]
    await coordinator.ok("followup.set_status", followup_id=interpreter, status="in_progress")
    await coordinator.ok("followup.set_status", followup_id=done, status="done")
    await coordinator.ok("followup.set_status", followup_id=dropped, status="dropped")
    # Participants see the items and their changes.
    updated = await anna.wait_event("followup.updated", lambda e: e["data"]["item"]["id"] == interpreter)
    assert updated["data"]["item"]["owner"] == "Anna Holm" and updated["data"]["item"]["status"] == "in_progress"
    added = await anna.wait_event("followup.added", lambda e: e["data"]["item"]["id"] == from_chat)
    assert added["data"]["item"]["text"] == "Skolen kontakter familien inden næste møde" and added["data"]["item"]["due_on"] == "2027-03-29"

    # Questions: one answered, one anonymous left open, one named left open.
    answered = (await anna.ok("question.submit", text="Who talks to the father?"))["result"]["question_id"]
    await anna.ok("question.submit", text="Can the school nurse join next time?")
    await anna.ok("question.submit", text="Is the family's housing safe?", anonymous=True)
    await coordinator.wait_event("question.submitted", lambda e: e["data"]["question"]["anonymous"])
    await coordinator.ok("question.approve", question_id=answered)
    await coordinator.ok("question.mark_answered", question_id=answered)
    await coordinator.ok("meeting.end")

    second = await next_meeting(api, series["id"])
    assert (second["carried_followups"], second["carried_questions"]) == (2, 2)
    coordinator2 = await connect(second["moderator_token"], "coordinator 2")
    items = coordinator2.snapshot["meeting"]["followups"]
    assert [(i["text"], i["status"], i["carried"], i["review"]) for i in items] == [
        ("Skolen kontakter familien inden næste møde", "open", True, None),
        ("Book an interpreter (Arabic)", "in_progress", True, None),
    ]
    assert items[0]["owner"] == "Skolen ved Søen" and items[0]["due_on"] == "2027-03-29"
    # The owner's words carry over; the participant of the first meeting does not.
    assert items[1]["owner"] == "Anna Holm" and items[1]["owner_participant_id"] is None
    questions = coordinator2.snapshot["meeting"]["questions"]
    assert sorted((q["text"], q["anonymous"], q["author"]) for q in questions) == [
        ("Can the school nurse join next time?", False, None),
        ("Is the family's housing safe?", True, None),
    ]

    # The review in the opening: one done, one still open. Only carried items are reviewed.
    await coordinator2.ok("followup.review", followup_id=items[0]["id"], outcome="done")
    await coordinator2.ok("followup.review", followup_id=items[1]["id"], outcome="still_open")
    reviewed = await coordinator2.wait_event("followup.updated", lambda e: e["data"]["item"]["id"] == items[1]["id"])
    assert reviewed["data"]["item"]["review"] == "still_open" and reviewed["data"]["item"]["status"] == "in_progress"
    new = (await coordinator2.ok("followup.add", text="Invite the school nurse"))["result"]["followup_id"]
    refused = await coordinator2.command("followup.review", followup_id=new, outcome="done")
    assert refused["error"]["code"] == "invalid_input"
    # The first meeting's record is unchanged by the review.
    again = await connect(first["moderator_token"], "coordinator again")
    assert {i["text"]: i["status"] for i in again.snapshot["meeting"]["followups"]}["Skolen kontakter familien inden næste møde"] == "open"

    # The third meeting carries what is still open: the interpreter and the nurse, not what was done.
    third = await next_meeting(api, series["id"])
    coordinator3 = await connect(third["moderator_token"], "coordinator 3")
    assert sorted(i["text"] for i in coordinator3.snapshot["meeting"]["followups"]) == ["Book an interpreter (Arabic)", "Invite the school nurse"]


async def test_follow_up_commands_refuse_bad_input_and_participants(api: Api, connect) -> None:
    meeting = await api.create_meeting(title="Follow-up", format="open")
    moderator = await connect(meeting["moderator_token"], "moderator")
    joined = await api.join(meeting["join_code"], "Lea", "Barnahus")
    lea = await connect(joined["token"], "lea")
    item = (await moderator.ok("followup.add", text="Publication on intake interviews", kind="publication", due_on="2027-01-31"))["result"]["followup_id"]
    assert (await lea.command("followup.add", text="Mine"))["error"]["code"] == "forbidden"
    assert (await lea.command("followup.set_status", followup_id=item, status="done"))["error"]["code"] == "forbidden"
    for command, data in (
        ("followup.add", {}),
        ("followup.add", {"text": "x" * 501}),
        ("followup.add", {"text": "x", "kind": "party"}),
        ("followup.add", {"text": "x", "due_on": "tomorrow"}),
        ("followup.add", {"text": "x", "owner": "A\nB"}),
        ("followup.add", {"text": "x", "owner_participant_id": "nobody"}),
        ("followup.add", {"from_message_id": "no-such-message"}),
        ("followup.update", {"followup_id": item, "text": None}),
        ("followup.set_status", {"followup_id": item, "status": "finished"}),
        ("followup.set_status", {"followup_id": "nope", "status": "done"}),
    ):
        answer = await moderator.command(command, **data)
        assert not answer["ok"] and answer["error"]["code"] in ("invalid_input", "not_found"), (command, data, answer)
    await moderator.ok("followup.update", followup_id=item, owner="Lea", due_on=None)
    fresh = await connect(joined["token"], "lea again")
    assert [(f["text"], f["kind"], f["owner"], f["due_on"], f["status"]) for f in fresh.snapshot["meeting"]["followups"]] == [
        ("Publication on intake interviews", "publication", "Lea", None, "open")
    ]


async def test_another_organiser_finds_none_of_a_series_routes(api: Api, server) -> None:  # type: ignore[no-untyped-def]
    from tests.api.test_desk import add_organiser

    other = {"Authorization": f"Bearer {add_organiser(server.data_dir, 'Ole Other')}"}
    series = await create_series(api)
    first = await next_meeting(api, series["id"])
    base = f"/api/v1/series/{series['id']}"
    for method, path, body in (
        ("GET", base, None),
        ("POST", f"{base}/meetings", {}),
        ("POST", f"{base}/roster", {"name": "Red Cross"}),
        ("POST", f"{base}/updates", {"text": "Hello"}),
        ("GET", f"{base}/meetings/{first['meeting_id']}/invitations", None),
        ("POST", f"{base}/meetings/{first['meeting_id']}/invitations", None),
        ("POST", f"{base}/meetings/{first['meeting_id']}/invitations/remind", None),
    ):
        response = await api.http.request(method, path, json=body, headers=other)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found", (method, path, response.text)
    assert series["id"] not in [s["id"] for s in (await api.http.get("/api/v1/series", headers=other)).json()["series"]]
    # Nothing was made or changed by the attempts.
    again = (await api.http.get(base, headers=AUTH)).json()
    assert len(again["meetings"]) == 1 and len(again["roster"]) == 5
    assert (await api.http.get(f"{base}/meetings/{first['meeting_id']}/invitations", headers=AUTH)).json()["invitations"] == []


async def test_a_series_of_the_organisers_own_format_with_its_roles(api: Api, connect) -> None:
    document = {
        "id": "kolding_network", "name": {"en": "Kolding network", "da": "Kolding-netværk"},
        "stages": [{"id": "review", "name": {"en": "Last time's actions"}, "prompts": ["review_carried_actions"]}, {"id": "round", "name": {"en": "Round"}}],
        "roles": [{"id": "parent", "name": {"en": "Parent", "da": "Forælder"}, "rights": ["raise_hand", "chat"], "view": "simple"}],
    }
    made = await api.http.post("/api/v1/formats", json=document, headers=AUTH)
    assert made.status_code == 201, made.text
    roster = [{"name": "Forældre", "kind": "parents", "contacts": [{"name": "Eman", "email": "eman@home.example", "language": "ar", "role": "parent"}]}]
    refused = await api.http.post("/api/v1/series", json=series_body(format="kolding_network", roster=[{**roster[0], "contacts": [{**roster[0]["contacts"][0], "role": "judge"}]}]), headers=AUTH)
    assert refused.status_code == 422 and "judge" in refused.json()["error"]["message"]
    series = await create_series(api, format="kolding_network", roster=roster)
    first = await next_meeting(api, series["id"])
    moderator = await connect(first["moderator_token"], "coordinator")
    stage = moderator.snapshot["meeting"]["stage"]
    assert stage["format"] == "kolding_network" and stage["current_stage"]["prompts"] == ["review_carried_actions"]
    # Eman comes by her personal invitation: she is a parent, and the coordinator's page learns it at once.
    invited = await api.http.post(f"/api/v1/series/{series['id']}/meetings/{first['meeting_id']}/invitations", headers=AUTH)
    link = next(r["link"] for r in invited.json()["invitations"] if r["name"] == "Eman")
    joined = await api.http.post(f"/api/v1/invitations/{link.split('#invitation=', 1)[1]}/join", json={})
    assert joined.status_code == 201, joined.text
    eman = joined.json()["participant_id"]
    updated = await moderator.wait_event("participant.updated", lambda e: e["data"]["participant"]["participant_id"] == eman)
    assert updated["data"]["participant"]["format_role"] == "parent"


async def test_a_series_in_a_custom_format_makes_each_meeting_with_that_definition(api: Api, server, connect) -> None:  # type: ignore[no-untyped-def]
    from tests.api.test_desk import add_organiser
    from tests.api.test_formats import fresh_id

    document = {
        "id": fresh_id("parents_evening"), "name": {"en": "Parents' evening", "da": "Forældreaften"},
        "stages": [
            {"id": "welcome", "name": {"en": "Welcome", "da": "Velkomst"}, "guidance": {"en": "Who is here tonight."}, "floor": False},
            {"id": "worries", "name": {"en": "Worries"}, "boards": ["worries"]},
        ],
        "boards": [{"id": "worries", "name": {"en": "Worries"}, "anonymous": True, "columns": [{"id": "all", "name": {"en": "All"}}]}],
    }
    assert (await api.http.post("/api/v1/formats", json=document, headers=AUTH)).status_code == 201
    series = await create_series(api, format=document["id"])
    assert series["format"] == document["id"]
    for number in (1, 2):
        made = await next_meeting(api, series["id"])
        assert made["number"] == number
        moderator = await connect(made["moderator_token"], f"coordinator {number}")
        meeting = moderator.snapshot["meeting"]
        assert meeting["format_name"] == {"en": "Parents' evening", "da": "Forældreaften"}
        assert meeting["stage"]["steps"] == ["welcome", "worries"]
        assert meeting["stage"]["current_stage"]["guidance"] == {"en": "Who is here tonight."}
        # The format's own board came with it.
        assert [b["id"] for b in meeting["boards"]["boards"]] == ["worries"]
    # Another organiser does not see this organiser's format: no series of it, and nothing made.
    other = {"Authorization": f"Bearer {add_organiser(server.data_dir, 'Olga Other')}"}
    refused = await api.http.post("/api/v1/series", json=series_body(format=document["id"]), headers=other)
    assert refused.status_code == 422 and refused.json()["error"]["message"].startswith("format: ")
    assert (await api.http.get("/api/v1/series", headers=other)).json()["series"] == []
