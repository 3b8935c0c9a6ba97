"""The recording-service API refuses bad input clearly and changes nothing."""

import hashlib

from tests.consent import fixtures
from tests.consent.fixtures import MAX_BYTES, OTHER_SECRET, OTHER_TOKEN, SERVICE_TOKEN, media_files
from tools.recorder_sim import RecorderSim

MEDIA = b"media bytes " * 100

# The recorder server and simulator fixtures, shared with tests/consent (pytest looks fixtures up in the module).
globals().update({name: getattr(fixtures, name) for name in ("rapi", "rconnect", "recorder", "recorder_server")})


async def allowed_meeting(rapi, rconnect) -> tuple[dict, list]:  # type: ignore[no-untyped-def]
    meeting = await rapi.create_meeting("Network meeting")
    moderator = await rconnect(meeting["moderator_token"], "moderator")
    anna = await rconnect((await rapi.join(meeting["join_code"], "Anna"))["token"], "anna")
    await moderator.ok("consent.open_ballot", phase="opening")
    await moderator.ok("consent.vote", choice="record")
    await anna.ok("consent.vote", choice="record")
    return meeting, [moderator, anna]


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def test_a_wrong_or_missing_token_is_refused(rapi, rconnect):
    meeting, _ = await allowed_meeting(rapi, rconnect)
    for headers in ({}, auth("not-a-recorder-token"), auth(meeting["moderator_token"])):
        response = await rapi.http.get(f"/api/v1/meetings/{meeting['id']}/recording-permission", headers=headers)
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
        response = await rapi.http.post(f"/api/v1/meetings/{meeting['id']}/recordings", json={"external_id": "x"}, headers=headers)
        assert response.status_code == 401
    feed = await rapi.http.get("/api/v1/recording-events", headers=auth("nope"))
    assert feed.status_code == 401


async def test_another_services_recording_is_not_found(rapi, rconnect, recorder, recorder_server, tmp_path):
    meeting, _ = await allowed_meeting(rapi, rconnect)
    recording = (await recorder.register(meeting["id"])).json()
    other = await RecorderSim(recorder_server.url, OTHER_TOKEN, OTHER_SECRET, tmp_path / "other").start()
    try:
        assert (await other.get(recording["id"])).status_code == 404
        assert (await other.upload(recording["id"], MEDIA)).status_code == 404
        assert (await other.http.post(f"/api/v1/recordings/{recording['id']}/stop")).status_code == 404
        assert (await other.download(recording["id"])).status_code == 404
        assert [e for e in (await other.poll())["events"] if e["recording_id"] == recording["id"]] == []
    finally:
        await other.close()
    assert media_files(recorder_server, recording["id"]) == []
    assert (await recorder.get(recording["id"])).json()["status"] == "recording"


async def test_another_meetings_moderator_cannot_fetch_the_media(rapi, rconnect, recorder):
    meeting, people = await allowed_meeting(rapi, rconnect)
    recording = await recorder.record(meeting["id"], MEDIA)
    await people[0].ok("consent.open_ballot", phase="closing")
    for person in people:
        await person.ok("consent.vote", choice="share")
    await recorder.receiver.wait_for("recording.shared", recording["id"])
    other_meeting = await rapi.create_meeting("Another meeting")
    response = await rapi.http.get(f"/api/v1/recordings/{recording['id']}/media", headers=auth(other_meeting["moderator_token"]))
    assert response.status_code == 404
    anna = await rapi.join(meeting["join_code"], "Dora")
    response = await rapi.http.get(f"/api/v1/recordings/{recording['id']}/media", headers=auth(anna["token"]))
    assert response.status_code == 404  # participants do not download media
    assert (await recorder.download(recording["id"])).content == MEDIA


async def test_an_unknown_meeting_or_recording_is_not_found(rapi, recorder):
    assert (await recorder.http.get("/api/v1/meetings/00000000-0000-4000-8000-000000000000/recording-permission")).status_code == 404
    assert (await recorder.register("00000000-0000-4000-8000-000000000000")).status_code == 404
    assert (await recorder.get("00000000-0000-4000-8000-000000000000")).status_code == 404
    assert (await recorder.upload("../../etc/passwd", MEDIA)).status_code == 404


async def test_registering_without_permission_changes_nothing(rapi, rconnect, recorder):
    meeting = await rapi.create_meeting("Undecided meeting")
    moderator = await rconnect(meeting["moderator_token"], "moderator")
    refused = await recorder.register(meeting["id"])
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "recording_not_permitted"
    assert (await recorder.permission(meeting["id"]))["state"] == "undecided"
    assert moderator.events_of("consent.changed") == []


async def test_bad_bodies_are_invalid_input(rapi, rconnect, recorder):
    meeting, _ = await allowed_meeting(rapi, rconnect)
    for body in ({}, {"external_id": ""}, {"external_id": "x", "callback_url": "not a url"}, {"external_id": "x", "extra": 1}):
        response = await recorder.http.post(f"/api/v1/meetings/{meeting['id']}/recordings", json=body)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"
    assert (await recorder.permission(meeting["id"]))["state"] == "recording_allowed"
    bad_cursor = await recorder.http.get("/api/v1/recording-events", params={"after": "abc"})
    assert bad_cursor.status_code == 422


async def test_an_oversized_upload_is_refused_and_nothing_is_kept(rapi, rconnect, recorder, recorder_server):
    meeting, _ = await allowed_meeting(rapi, rconnect)
    recording = (await recorder.register(meeting["id"])).json()
    too_big = b"x" * (MAX_BYTES + 1)
    response = await recorder.upload(recording["id"], too_big)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"

    async def streamed():  # no Content-Length: the limit is enforced while streaming
        for _ in range(MAX_BYTES // 4096 + 2):
            yield b"y" * 4096

    response = await recorder.http.put(f"/api/v1/recordings/{recording['id']}/media", content=streamed(), headers={"content-type": "video/webm"})
    assert response.status_code == 413
    assert media_files(recorder_server, recording["id"]) == []
    assert (await recorder.get(recording["id"])).json()["media"] is None
    exact = b"z" * MAX_BYTES
    fine = await recorder.upload(recording["id"], exact)
    assert fine.status_code == 200 and fine.json()["media"]["sha256"] == hashlib.sha256(exact).hexdigest()


async def test_media_is_not_served_before_it_is_shared(rapi, rconnect, recorder):
    meeting, _ = await allowed_meeting(rapi, rconnect)
    recording = await recorder.record(meeting["id"], MEDIA)
    response = await recorder.download(recording["id"])
    assert response.status_code == 409 and response.json()["error"]["code"] == "recording_not_shared"
    response = await recorder.http.get(f"/api/v1/recordings/{recording['id']}/media", headers=auth(meeting["moderator_token"]))
    assert response.status_code == 409


async def test_votes_and_ballots_out_of_place_are_refused(rapi, rconnect):
    meeting = await rapi.create_meeting("Ballot mistakes")
    moderator = await rconnect(meeting["moderator_token"], "moderator")
    anna = await rconnect((await rapi.join(meeting["join_code"], "Anna"))["token"], "anna")

    assert (await anna.command("consent.vote", choice="record"))["error"]["code"] == "no_ballot_open"
    assert (await anna.command("consent.open_ballot", phase="opening"))["error"]["code"] == "forbidden"
    assert (await moderator.command("consent.close_ballot"))["error"]["code"] == "no_ballot_open"
    assert (await moderator.command("consent.open_ballot", phase="closing"))["error"]["code"] == "ballot_not_possible"
    assert (await moderator.command("consent.open_ballot", phase="sometime"))["error"]["code"] == "invalid_input"
    assert (await anna.command("consent.withdraw"))["error"]["code"] == "nothing_to_withdraw"

    await moderator.ok("consent.open_ballot", phase="opening")
    assert (await moderator.command("consent.open_ballot", phase="opening"))["error"]["code"] == "ballot_already_open"
    assert (await anna.command("consent.vote", choice="share"))["error"]["code"] == "invalid_choice"
    assert (await anna.command("consent.vote", choice="maybe"))["error"]["code"] == "invalid_input"
    await anna.ok("consent.vote", choice="record")
    answer = await anna.command("consent.vote", choice="private")
    assert answer["error"]["code"] == "already_voted"  # a vote cannot be changed, only withdrawn
    assert (await anna.command("consent.close_ballot"))["error"]["code"] == "forbidden"
    # Nothing of the refused commands changed the ballot.
    fresh = await rconnect(meeting["moderator_token"], "moderator-again")
    assert fresh.snapshot["meeting"]["consent"]["state"] == "opening_ballot"
    assert fresh.snapshot["meeting"]["consent"]["ballot"]["voted"] == 1


def test_the_cli_creates_a_recorder_token(tmp_path):
    import os
    import subprocess
    import sys

    from tests.support import ROOT

    env = {**os.environ, "ROUNDTABLE_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "app", "recorder-token"], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    pair = out.strip().splitlines()[-1].strip()
    token, _, secret = pair.partition(":")
    assert len(token) >= 32 and secret.startswith("whsec_")
    stored = (tmp_path / "recorder-tokens").read_text()
    assert token not in stored and secret in stored  # only the token's hash is kept
    assert SERVICE_TOKEN not in stored


async def test_empty_or_non_media_uploads_are_refused_and_nothing_is_kept(rapi, rconnect, recorder, recorder_server):
    meeting, _ = await allowed_meeting(rapi, rconnect)
    recording = (await recorder.register(meeting["id"])).json()
    empty = await recorder.upload(recording["id"], b"")
    assert empty.status_code == 422 and empty.json()["error"]["message"] == "The media is empty."
    for content_type in ("text/html", "application/javascript", "image/svg+xml", "video/", "video/web m", ""):
        page = await recorder.upload(recording["id"], b"<script>alert(1)</script>", content_type=content_type)
        assert page.status_code == 422 and page.json()["error"]["code"] == "invalid_input", content_type
    assert media_files(recorder_server, recording["id"]) == []
    assert (await recorder.get(recording["id"])).json()["media"] is None
    fine = await recorder.upload(recording["id"], MEDIA, content_type="audio/ogg; codecs=opus")
    assert fine.status_code == 200 and fine.json()["media"]["content_type"] == "audio/ogg"


async def test_the_media_people_voted_on_cannot_be_replaced(rapi, rconnect, recorder):
    meeting, people = await allowed_meeting(rapi, rconnect)
    recording = await recorder.record(meeting["id"], MEDIA)
    await people[0].ok("consent.open_ballot", phase="closing")
    during = await recorder.upload(recording["id"], b"other media " * 10)
    assert during.status_code == 409 and during.json()["error"]["code"] == "media_locked"
    for person in people:
        await person.ok("consent.vote", choice="share")
    await recorder.receiver.wait_for("recording.shared", recording["id"])
    after = await recorder.upload(recording["id"], b"other media " * 10)
    assert after.status_code == 409 and after.json()["error"]["code"] == "media_locked"
    assert (await recorder.download(recording["id"])).content == MEDIA
