"""What the server writes for people to read comes in the meeting's language: Danish, Arabic, English."""


async def test_an_arabic_meeting_names_its_rooms_in_arabic(api, connect):
    meeting = await api.create_meeting(title="لقاء الشبكة", language="ar")
    assert meeting["language"] == "ar"
    moderator = await connect(meeting["moderator_token"], "moderator")
    assert moderator.snapshot["meeting"]["language"] == "ar"
    for name in ("Amal", "Bilal"):
        joined = await api.join(meeting["join_code"], name)
        await connect(joined["token"], name)
    await moderator.ok("meeting.start")
    await moderator.ok("breakout.start", duration_s=600, count=2, assignment="random")
    started = await moderator.wait_event("breakout.started")
    assert [r["name"] for r in started["data"]["breakout"]["rooms"]] == ["الغرفة 1", "الغرفة 2"]


async def test_a_named_room_keeps_the_moderators_name(room):
    r = await room("Anna")
    await r.moderator.ok("breakout.start", duration_s=600, assignment="manual", rooms=[{"name": "Intake", "participant_ids": []}, {}])
    started = await r.moderator.wait_event("breakout.started")
    assert [x["name"] for x in started["data"]["breakout"]["rooms"]] == ["Intake", "Room 2"]


async def test_the_summary_and_resources_of_a_danish_meeting_are_danish(api, connect):
    meeting = await api.create_meeting(title="Netværksmøde", language="da")
    moderator = await connect(meeting["moderator_token"], "moderator")
    joined = await api.join(meeting["join_code"], "Bo", "Odense Kommune")
    bo = await connect(joined["token"], "Bo")
    await moderator.ok("meeting.start")
    await bo.ok("chat.send", text="Vores vejledning", kind="resource", url="https://example.org/vejledning", title="Vejledning")
    await moderator.ok("breakout.start", duration_s=600, count=1, assignment="random")
    started = await moderator.wait_event("breakout.started")
    assert started["data"]["breakout"]["rooms"][0]["name"] == "Rum 1"
    headers = {"Authorization": f"Bearer {meeting['moderator_token']}"}
    resources = (await api.http.get(f"/api/v1/meetings/{meeting['id']}/resources.md", headers=headers)).text
    assert resources.startswith("# Ressourcer: Netværksmøde\n")
    assert "[Vejledning](https://example.org/vejledning), delt af Bo" in resources
    summary = (await api.http.get(f"/api/v1/meetings/{meeting['id']}/summary.md", headers=headers)).text
    for heading in ("## Deltagere", "## Spørgsmål", "## Ture", "## Indlæg fra salen", "## Ressourcer", "## Spørgsmål stillet i chatten", "## Opfølgning"):
        assert f"\n{heading}\n" in summary, heading
    assert "- Form: Åbent møde" in summary
    assert "Der blev ikke indsendt nogen spørgsmål." in summary
    assert "Participants" not in summary and "shared by" not in resources


async def test_the_summary_of_an_arabic_meeting_has_arabic_headings(api, connect):
    meeting = await api.create_meeting(title="لقاء", format="tour_de_table", language="ar")
    await connect(meeting["moderator_token"], "moderator")
    headers = {"Authorization": f"Bearer {meeting['moderator_token']}"}
    summary = (await api.http.get(f"/api/v1/meetings/{meeting['id']}/summary.md", headers=headers)).text
    assert "\n## المشاركون\n" in summary and "- الشكل: جولة حول الطاولة" in summary
    data = (await api.http.get(f"/api/v1/meetings/{meeting['id']}/summary", headers=headers)).json()
    assert data["meeting"]["language"] == "ar"

