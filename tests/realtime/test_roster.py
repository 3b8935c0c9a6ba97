"""Who is at the table: a network meeting's roster of five authorities, two of them missing, shown live on the
console and recorded in the summary."""

from tests.api.test_series import create_series, next_meeting
from tests.support import Api


def roster_of(event_or_snapshot: dict) -> dict[str, bool]:
    return {r["name"]: r["present"] for r in event_or_snapshot}


async def test_two_of_five_authorities_missing_are_shown_as_missing(api: Api, connect) -> None:
    series = await create_series(api)
    first = await next_meeting(api, series["id"])
    coordinator = await connect(first["moderator_token"], "coordinator")
    before = coordinator.snapshot["meeting"]["series"]
    assert before["number"] == 1 and before["name"] == "Netværksmøde Kolding" and before["local"] == "2027-03-16T14:00"
    assert roster_of(before["roster"]) == dict.fromkeys(["Kolding Kommune", "Skolen ved Søen", "Sundhedsplejen", "Politi / SSP", "Forældre"], False)
    await coordinator.ok("meeting.start")

    # Three authorities come, saying their organisation at joining (case and spaces aside); police and parents do not.
    people = {}
    for name, organisation in (("Anna", "kolding kommune"), ("Bo", "Skolen  ved Søen"), ("Cai", "Sundhedsplejen")):
        joined = await api.join(first["join_code"], name, organisation)
        people[name] = (joined, await connect(joined["token"], name))
    # Someone from an organisation not on the roster counts for no entry.
    guest = await api.join(first["join_code"], "Gus", "Red Cross")
    await connect(guest["token"], "gus")
    await coordinator.wait_presence(guest["participant_id"], True)

    def latest() -> dict[str, bool]:
        return roster_of(coordinator.events_of("participant.presence_changed")[-1]["data"]["roster"])

    await coordinator._wait(lambda: sum(latest().values()) == 3, 20, "three present")
    assert latest() == {"Kolding Kommune": True, "Skolen ved Søen": True, "Sundhedsplejen": True, "Politi / SSP": False, "Forældre": False}
    # A fresh console shows the same, with the people present for each entry.
    fresh = await connect(first["moderator_token"], "coordinator again")
    entries = {r["name"]: r for r in fresh.snapshot["meeting"]["series"]["roster"]}
    assert entries["Skolen ved Søen"]["people"] == ["Bo"] and entries["Politi / SSP"]["present"] is False
    assert entries["Forældre"]["required"] is False and entries["Politi / SSP"]["required"] is True

    # The school's only person leaves: the school is missing again, live.
    await people["Bo"][1].close()
    await coordinator.wait_presence(people["Bo"][0]["participant_id"], False)
    assert latest()["Skolen ved Søen"] is False

    await coordinator.ok("meeting.end")
    summary = (await api.http.get(f"/api/v1/meetings/{first['meeting_id']}/summary", headers={"Authorization": f"Bearer {first['moderator_token']}"})).json()
    # The record says who came during the meeting (the school did, and left).
    assert [(r["name"], r["present"]) for r in summary["roster"]] == [
        ("Kolding Kommune", True), ("Skolen ved Søen", True), ("Sundhedsplejen", True), ("Politi / SSP", False), ("Forældre", False),
    ]
    markdown = (await api.http.get(f"/api/v1/meetings/{first['meeting_id']}/summary.md", headers={"Authorization": f"Bearer {first['moderator_token']}"})).text
    # The meeting is in Danish: so is its record.
    assert "## Deltagerliste" in markdown and "- Politi / SSP: mangler (påkrævet)" in markdown and "- Forældre: mangler\n" in markdown
    assert "- Kolding Kommune: til stede" in markdown


async def test_a_meeting_outside_a_series_has_no_roster(api: Api, connect) -> None:
    meeting = await api.create_meeting()
    moderator = await connect(meeting["moderator_token"], "moderator")
    assert moderator.snapshot["meeting"]["series"] is None
    joined = await api.join(meeting["join_code"], "Lea", "Barnahus")
    await connect(joined["token"], "lea")
    event = await moderator.wait_presence(joined["participant_id"], True)
    assert event["data"]["roster"] is None


async def test_a_learning_conversation_flags_an_agency_with_more_than_one_representative(api: Api, connect) -> None:
    # Seed 003: "one key representative from each agency"; the format says so, the console shows who is over.
    series = await create_series(api, format="learning_conversation", language="en")
    first = await next_meeting(api, series["id"])
    facilitator = await connect(first["moderator_token"], "facilitator")
    for name in ("Anna", "Ali"):
        joined = await api.join(first["join_code"], name, "Kolding Kommune")
        await connect(joined["token"], name)
        await facilitator.wait_presence(joined["participant_id"], True)

    def entries() -> dict[str, dict]:
        return {r["name"]: r for r in facilitator.events_of("participant.presence_changed")[-1]["data"]["roster"]}

    await facilitator._wait(lambda: len(entries()["Kolding Kommune"]["people"]) == 2, 20, "both online")
    assert entries()["Kolding Kommune"]["more_than_one"] is True
    assert entries()["Skolen ved Søen"]["more_than_one"] is False
    # An open meeting's series asks for no such rule.
    other = await next_meeting(api, (await create_series(api))["id"])
    coordinator = await connect(other["moderator_token"], "coordinator")
    for name in ("Anna", "Ali"):
        joined = await api.join(other["join_code"], name, "Kolding Kommune")
        await connect(joined["token"], name)
        await coordinator.wait_presence(joined["participant_id"], True)
    fresh = await connect(other["moderator_token"], "coordinator again")
    [entry] = [r for r in fresh.snapshot["meeting"]["series"]["roster"] if r["name"] == "Kolding Kommune"]
    assert len(entry["people"]) == 2 and entry["more_than_one"] is False
