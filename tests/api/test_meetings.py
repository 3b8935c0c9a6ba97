"""The HTTP API as an organiser and a browser use it: creating, joining, errors in one shape."""

from tests.support import ORGANISER_KEY


async def test_health_and_readiness(api):
    assert (await api.http.get("/healthz")).json() == {"status": "ok"}
    ready = await api.http.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ok"
    schema = (await api.http.get("/openapi.json")).json()
    assert "/api/v1/meetings" in schema["paths"] and "/api/v1/join" in schema["paths"]


async def test_only_the_organiser_creates_meetings(api):
    body = {"title": "Ask the audience", "format": "ask_the_audience"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": ORGANISER_KEY}, {"Authorization": "Basic abc"}):
        response = await api.http.post("/api/v1/meetings", json=body, headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
    created = await api.create_meeting(title="Ask the audience", format="ask_the_audience", language="da", scheduled_for="2026-12-01T09:00:00Z")
    assert set(created) >= {"id", "title", "format", "join_code", "moderator_token", "links"}
    assert created["links"]["join"].endswith(f"/join/{created['join_code']}")
    assert created["links"]["console"].endswith(f"/console/{created['id']}#token={created['moderator_token']}")
    assert created["scheduled_for"] == "2026-12-01T09:00:00.000Z"
    assert len(created["moderator_token"]) >= 22  # at least 128 bits


async def test_bad_input_gets_a_clear_error_and_creates_nothing(api):
    auth = {"Authorization": f"Bearer {ORGANISER_KEY}"}
    for body in ({"title": "", "format": "open"}, {"title": "x", "format": "lecture"}, {"title": "x" * 201, "format": "open"}, {"format": "open"}, {"title": "x", "format": "open", "language": "fr"}, {"title": "x", "format": "open", "extra": 1}):
        response = await api.http.post("/api/v1/meetings", json=body, headers=auth)
        assert response.status_code == 422, body
        error = response.json()["error"]
        assert error["code"] == "invalid_input" and error["message"]
    broken = await api.http.post("/api/v1/meetings", content=b"{not json", headers={**auth, "content-type": "application/json"})
    assert broken.status_code == 422 and broken.json()["error"]["code"] == "invalid_input"
    assert "Traceback" not in broken.text


async def test_joining_with_the_invite_code(api, connect):
    meeting = await api.create_meeting()
    joined = await api.join(meeting["join_code"], "Anna", "Barnahus Oslo")
    assert joined["meeting_id"] == meeting["id"]
    summary = await api.http.get(f"/api/v1/meetings/{meeting['id']}", headers={"Authorization": f"Bearer {joined['token']}"})
    assert summary.status_code == 200 and summary.json()["participants"] == 2
    unknown = await api.http.post("/api/v1/join", json={"join_code": "nope-nope-nope", "display_name": "Anna"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
    nameless = await api.http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": "  "})
    assert nameless.status_code == 422
    moderator = await connect(meeting["moderator_token"], "moderator")
    await moderator.ok("meeting.end")
    ended = await api.http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": "Late"})
    assert ended.status_code == 409 and ended.json()["error"]["code"] == "meeting_ended"


async def test_a_meeting_can_have_several_moderators(api, connect):
    meeting = await api.create_meeting()
    auth = {"Authorization": f"Bearer {meeting['moderator_token']}"}
    added = await api.http.post(f"/api/v1/meetings/{meeting['id']}/moderators", json={"display_name": "Co-host"}, headers=auth)
    assert added.status_code == 201
    co = await connect(added.json()["token"], "co-host")
    assert co.snapshot["you"]["role"] == "moderator"
    await co.ok("meeting.start")
    participant = await api.join(meeting["join_code"], "Anna")
    refused = await api.http.post(
        f"/api/v1/meetings/{meeting['id']}/moderators", json={"display_name": "Me"}, headers={"Authorization": f"Bearer {participant['token']}"}
    )
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"


async def test_responses_carry_the_security_headers(api):
    response = await api.http.get("/healthz")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
