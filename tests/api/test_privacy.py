"""Privacy through the real server: the retention notice, removal as a ban with the device cookie, a person's
own consent record, download and erasure, and the organiser's consent report."""

import httpx

from tests.support import ORGANISER_KEY, Api, Client

ORGANISER = {"Authorization": f"Bearer {ORGANISER_KEY}"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_retention_is_set_by_the_organiser_and_shown_before_joining(api: Api) -> None:
    meeting = await api.create_meeting(retention_days=10)
    assert meeting["retention_days"] == 10
    invite = (await api.http.get(f"/api/v1/invite/{meeting['join_code']}")).json()
    assert invite["retention_days"] == 10
    default = await api.create_meeting()
    assert default["retention_days"] == 30
    refused = await api.http.post("/api/v1/meetings", json={"title": "x", "format": "open", "retention_days": 0}, headers=ORGANISER)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid_input"



async def test_a_learning_conversation_keeps_its_data_until_its_8_week_follow_up_has_been_answered(api: Api) -> None:
    # Its forms run until 70 days after the end (the follow-up opens 8 weeks on for 14 days), read for 14 more.
    default = await api.create_meeting(format="learning_conversation")
    assert default["retention_days"] == 84
    invite = (await api.http.get(f"/api/v1/invite/{default['join_code']}")).json()
    assert invite["retention_days"] == 84
    assert (await api.create_meeting(format="learning_conversation", retention_days=120))["retention_days"] == 120
    before = (await api.http.get("/api/v1/meetings", headers=ORGANISER)).json()
    refused = await api.http.post(
        "/api/v1/meetings", json={"title": "x", "format": "learning_conversation", "retention_days": 30}, headers=ORGANISER
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "invalid_input" and "retention_days" in refused.json()["error"]["message"]
    assert (await api.http.get("/api/v1/meetings", headers=ORGANISER)).json() == before


async def test_a_removed_person_cannot_rejoin_from_the_same_browser_until_let_back_in(api: Api, server, connect) -> None:  # type: ignore[no-untyped-def]
    meeting = await api.create_meeting()
    moderator = await connect(meeting["moderator_token"], "moderator")
    code = meeting["join_code"]
    async with httpx.AsyncClient(base_url=server.url) as browser, httpx.AsyncClient(base_url=server.url) as other:
        joined = await browser.post("/api/v1/join", json={"join_code": code, "display_name": "Troll"})
        assert joined.status_code == 201
        cookie = joined.headers["set-cookie"]
        assert "roundtable_device=" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
        await moderator.ok("participant.remove", participant_id=joined.json()["participant_id"])
        banned = await moderator.wait_event("participant.banned")
        assert banned["data"]["banned"]["display_name"] == "Troll"

        again = await browser.post("/api/v1/join", json={"join_code": code, "display_name": "A new name"})
        assert again.status_code == 403 and again.json()["error"]["code"] == "banned"
        same_name = await other.post("/api/v1/join", json={"join_code": code, "display_name": "troll"})
        assert same_name.status_code == 403
        assert (await other.post("/api/v1/join", json={"join_code": code, "display_name": "Someone else"})).status_code == 201

        await moderator.ok("participant.lift_ban", participant_id=joined.json()["participant_id"])
        assert (await browser.post("/api/v1/join", json={"join_code": code, "display_name": "Troll"})).status_code == 201


async def test_a_person_reads_their_consent_downloads_and_erases_their_data(api: Api, connect) -> None:  # type: ignore[no-untyped-def]
    meeting = await api.create_meeting()
    moderator = await connect(meeting["moderator_token"], "moderator")
    anna = await api.join(meeting["join_code"], "Anna", "Barnahus Nord")
    bo = await api.join(meeting["join_code"], "Bo")
    anna_socket: Client = await connect(anna["token"], "Anna")
    bo_socket: Client = await connect(bo["token"], "Bo")
    await moderator.ok("meeting.start")
    await anna_socket.ok("chat.send", text="We call the school first")
    await moderator.ok("consent.open_ballot", phase="opening")
    for who in (moderator, anna_socket, bo_socket):
        await who.ok("consent.vote", choice="record")

    record = (await api.http.get("/api/v1/me/consent", headers=bearer(anna["token"]))).json()
    assert [(a["choice"], a["asked_in"]) for a in record["answers"]] == [("record", "opening")]
    assert record["state"] == "recording_allowed" and record["can_withdraw"] is True
    assert [d["action"] for d in record["decisions"]] == ["ballot_opened", "recording_allowed"]
    # The organiser's report names everyone, since everyone consented; without the key, nothing.
    report = await api.http.get(f"/api/v1/meetings/{meeting['id']}/consent-report", headers=ORGANISER)
    assert {c["display_name"] for c in report.json()["consents"]} == {"Moderator", "Anna", "Bo"}
    assert (await api.http.get(f"/api/v1/meetings/{meeting['id']}/consent-report", headers=bearer(meeting["moderator_token"]))).status_code == 401

    download = await api.http.get("/api/v1/me/data", headers=bearer(anna["token"]))
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    data = download.json()
    assert data["you"]["display_name"] == "Anna" and data["you"]["organisation"] == "Barnahus Nord"
    assert [m["text"] for m in data["chat_messages"]] == ["We call the school first"]
    assert "Bo" not in download.text  # only her own data

    erased = await api.http.delete("/api/v1/me", headers=bearer(anna["token"]))
    assert erased.status_code == 204
    await moderator.wait_event("participant.removed", lambda e: e["data"]["participant_id"] == anna["participant_id"])
    assert (await api.http.get("/api/v1/me/data", headers=bearer(anna["token"]))).status_code == 401
    fresh = await connect(meeting["moderator_token"], "moderator again")
    assert "Anna" not in repr(fresh.snapshot) and "We call the school first" not in repr(fresh.snapshot)


async def test_after_privacy_the_report_and_every_record_have_counts_only(api: Api, connect) -> None:  # type: ignore[no-untyped-def]
    meeting = await api.create_meeting()
    moderator = await connect(meeting["moderator_token"], "moderator")
    people = {name: await api.join(meeting["join_code"], name) for name in ("Anna", "Bo", "Cai")}
    sockets = {name: await connect(p["token"], name) for name, p in people.items()}
    await moderator.ok("meeting.start")
    await moderator.ok("consent.open_ballot", phase="opening")
    await moderator.ok("consent.vote", choice="record")
    await sockets["Anna"].ok("consent.vote", choice="record")
    await sockets["Bo"].ok("consent.vote", choice="private")

    report = (await api.http.get(f"/api/v1/meetings/{meeting['id']}/consent-report", headers=ORGANISER)).json()
    assert report["state"] == "private" and report["consents"] == [] and report["record_answers"] == 2
    records = [(await api.http.get("/api/v1/me/consent", headers=bearer(p["token"]))).json() for p in people.values()]
    # Anna consented, Bo asked for privacy, Cai said nothing: their records are now alike.
    assert records[0] == records[1] == records[2]
    assert records[0]["answers"] == [] and records[0]["answers_erased"] is True
