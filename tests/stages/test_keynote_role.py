"""Keynote speakers as a role of the format (Ask the audience declares `keynote`): giving the role or joining by its
link makes a keynote speaker, whose questions are keynote questions and who takes the keynotes' turns first; the
keynote mark command gives and takes the role, so that role and mark agree."""

from tests.support import Client


def person(client: Client, participant_id: str) -> dict:
    """The person as the client now sees them: the snapshot's entry updated by every participant event since."""
    found = next((p for p in client.snapshot["meeting"]["participants"] if p["participant_id"] == participant_id), {})
    for event in client.events:
        if event["type"] in ("participant.joined", "participant.updated") and event["data"]["participant"]["participant_id"] == participant_id:
            found = event["data"]["participant"]
    return found


async def test_the_keynote_role_makes_a_keynote_speaker_by_role_picker_and_by_role_link(gathering, api, connect):
    g = await gathering("kim", "lea", "mo", start=False, format="ask_the_audience", title="Ask the audience: the keynote role")
    moderator = g.moderator
    keynote = next(r for r in moderator.snapshot["meeting"]["roles"] if r["id"] == "keynote")
    assert keynote["name"]["en"] == "Keynote speaker" and keynote["base"] == "participant" and "ask_question" in keynote["rights"]

    # The moderator gives Kim the role: she is marked a keynote speaker, and her question is a keynote question.
    await moderator.ok("participant.set_role", participant_id=g.id("kim"), role="keynote")
    updated = await g["lea"].wait_event("participant.updated", lambda e: e["data"]["participant"]["participant_id"] == g.id("kim"))
    assert (updated["data"]["participant"]["format_role"], updated["data"]["participant"]["keynote"]) == ("keynote", True)
    await g["kim"].ok("question.submit", text="How long should an intake interview last?")
    submitted = await moderator.wait_event("question.submitted")
    assert submitted["data"]["question"]["keynote"] is True
    await g["lea"].ok("question.submit", text="Not a keynote question")
    assert (await moderator.wait_event("question.submitted", lambda e: e["data"]["question"]["text"].startswith("Not")))["data"]["question"]["keynote"] is False

    # A role link of the keynote role: Noor joins as a keynote speaker.
    auth = {"Authorization": f"Bearer {g.meeting['moderator_token']}"}
    link = await api.http.post(f"/api/v1/meetings/{g.meeting['id']}/role-links", json={"role": "keynote"}, headers=auth)
    assert link.status_code == 201, link.text
    joined = await api.join(g.meeting["join_code"], "noor", "noor Barnahus", role_code=link.json()["code"])
    noor = await connect(joined["token"], "noor")
    assert (noor.snapshot["you"]["format_role"], noor.snapshot["you"]["keynote"]) == ("keynote", True)

    # The keynotes' turns: the keynote speakers, Kim first (she has a keynote question), then Noor; the concluding
    # tour is everyone else.
    await moderator.ok("stage.next")
    await moderator.ok("meeting.start")
    await moderator.ok("stage.next")
    stage = (await g["mo"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "keynotes"))["data"]["stage"]
    assert [t["display_name"] for t in stage["turns"]["order"]] == ["kim", "noor"]
    await moderator.ok("stage.next")
    stage = (await g["mo"].wait_event("stage.changed", lambda e: e["data"]["stage"]["current"] == "concluding_tour"))["data"]["stage"]
    assert [t["display_name"] for t in stage["turns"]["order"]] == ["lea", "mo"]


async def test_the_keynote_mark_gives_and_takes_the_role_and_another_role_unmarks(gathering):
    g = await gathering("kim", "lea", format="ask_the_audience", title="Ask the audience: marks and roles")
    moderator, lea = g.moderator, g["lea"]

    def seen(name: str) -> tuple[str | None, bool]:
        p = person(lea, g.id(name))
        return p["format_role"], p["keynote"]

    async def settled(name: str, expected: tuple[str | None, bool]) -> None:
        await lea.wait_event("participant.updated", lambda e: e["data"]["participant"]["participant_id"] == g.id(name) and (
            e["data"]["participant"]["format_role"], e["data"]["participant"]["keynote"]) == expected)
        assert seen(name) == expected

    # Marking a participant gives them the keynote role; unmarking gives them the format's default role back.
    await moderator.ok("participant.set_keynote", participant_id=g.id("kim"), keynote=True)
    await settled("kim", ("keynote", True))
    await moderator.ok("participant.set_keynote", participant_id=g.id("kim"), keynote=False)
    await settled("kim", ("participant", False))
    # Taking the role away by giving another one unmarks the speaker.
    await moderator.ok("participant.set_role", participant_id=g.id("lea"), role="keynote")
    await settled("lea", ("keynote", True))
    await moderator.ok("participant.set_role", participant_id=g.id("lea"), role="participant")
    await settled("lea", ("participant", False))
    # A moderator keeps their role and is marked alone.
    moderator_id = moderator.snapshot["you"]["participant_id"]
    await moderator.ok("participant.set_keynote", participant_id=moderator_id, keynote=True)
    updated = await lea.wait_event("participant.updated", lambda e: e["data"]["participant"]["participant_id"] == moderator_id)
    assert (updated["data"]["participant"]["role"], updated["data"]["participant"]["keynote"]) == ("moderator", True)
    assert updated["data"]["participant"]["format_role"] in (None, "moderator")


async def test_in_a_format_without_a_keynote_role_the_mark_is_set_alone(gathering):
    g = await gathering("kim", format="tour_de_table", title="Tour de table: a marked speaker")
    await g.moderator.ok("participant.set_keynote", participant_id=g.id("kim"), keynote=True)
    updated = await g["kim"].wait_event("participant.updated")
    assert (updated["data"]["participant"]["format_role"], updated["data"]["participant"]["keynote"]) == (None, True)
    assert g["kim"].snapshot["you"]["format_role"] == "participant"
