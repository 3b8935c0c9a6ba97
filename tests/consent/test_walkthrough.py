"""The recording-service API end to end: the recorder simulator against a real server, with people voting over Socket.IO."""

import asyncio
import hashlib
from dataclasses import dataclass
from pathlib import Path

import httpx
from standardwebhooks.webhooks import Webhook

from tests.consent.fixtures import RECORDER_ENV, SERVICE_SECRET, SERVICE_TOKEN, media_files
from tests.support import Api, Client, ServerProcess
from tools.recorder_sim import RecorderSim

MEDIA = b"\x1aE\xdf\xa3 a short webm of the session " * 500


@dataclass
class Room:
    meeting: dict
    moderator: Client
    people: dict[str, Client]

    @property
    def everyone(self) -> list[Client]:
        return [self.moderator, *self.people.values()]


async def gather_room(api: Api, connect, names: list[str]) -> Room:  # type: ignore[no-untyped-def]
    meeting = await api.create_meeting("Tour de table: sensitive cases", format="tour_de_table")
    moderator = await connect(meeting["moderator_token"], "moderator")
    people = {}
    for name in names:
        joined = await api.join(meeting["join_code"], name)
        people[name] = await connect(joined["token"], name)
    await moderator.ok("meeting.start")
    return Room(meeting, moderator, people)


async def everyone_votes(room: Room, choice: str) -> None:
    for client in room.everyone:
        await client.ok("consent.vote", choice=choice)


async def test_everyone_agrees_and_the_recording_is_shared(rapi, rconnect, recorder, recorder_server):
    room = await gather_room(rapi, rconnect, ["Anna", "Bo"])
    meeting_id = room.meeting["id"]
    assert (await recorder.permission(meeting_id))["allowed"] is False

    await room.moderator.ok("consent.open_ballot", phase="opening")
    await everyone_votes(room, "record")
    await room.people["Bo"].wait_event("consent.changed", lambda e: e["data"]["state"] == "recording_allowed")
    permission = await recorder.permission(meeting_id)
    assert permission == {"meeting_id": meeting_id, "allowed": True, "state": "recording_allowed", "reason": permission["reason"]}

    stopped = await recorder.record(meeting_id, MEDIA)
    assert stopped["status"] == "stopped"
    assert stopped["media"] == {"size": len(MEDIA), "sha256": hashlib.sha256(MEDIA).hexdigest(), "content_type": "video/webm"}
    assert (await recorder.download(stopped["id"])).status_code == 409  # not before everyone agreed to share

    await room.moderator.ok("consent.open_ballot", phase="closing")
    await room.people["Anna"].wait_event("consent.changed", lambda e: e["data"]["state"] == "closing_ballot")
    await everyone_votes(room, "share")
    shared = await recorder.receiver.wait_for("recording.shared", stopped["id"])
    assert shared.payload["meeting_id"] == meeting_id
    assert (await recorder.get(stopped["id"])).json()["status"] == "shared"
    download = await recorder.download(stopped["id"])
    assert download.status_code == 200 and download.content == MEDIA
    # A moderator of the meeting may fetch it too.
    as_moderator = await rapi.http.get(f"/api/v1/recordings/{stopped['id']}/media", headers={"Authorization": f"Bearer {room.meeting['moderator_token']}"})
    assert as_moderator.content == MEDIA
    # Everyone sees the outcome.
    for client in room.everyone:
        await client.wait_event("consent.changed", lambda e: e["data"]["state"] == "shared")


async def test_a_private_opening_vote_refuses_recording(rapi, rconnect, recorder):
    room = await gather_room(rapi, rconnect, ["Anna", "Bo"])
    meeting_id = room.meeting["id"]
    await room.moderator.ok("consent.open_ballot", phase="opening")
    await room.moderator.ok("consent.vote", choice="record")
    await room.people["Anna"].ok("consent.vote", choice="private")
    await room.people["Bo"].wait_event("consent.changed", lambda e: e["data"]["state"] == "private")

    permission = await recorder.permission(meeting_id)
    assert permission["allowed"] is False and permission["state"] == "private"
    refused = await recorder.register(meeting_id)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "recording_not_permitted"
    # The rest of the ballot is over: Bo cannot vote any more, nor can anyone open it again.
    assert (await room.people["Bo"].command("consent.vote", choice="record"))["error"]["code"] == "no_ballot_open"
    assert (await room.moderator.command("consent.open_ballot", phase="opening"))["error"]["code"] == "ballot_not_possible"


async def test_keep_private_deletes_the_file_and_tells_the_recorder(rapi, rconnect, recorder, recorder_server):
    room = await gather_room(rapi, rconnect, ["Anna", "Bo"])
    meeting_id = room.meeting["id"]
    await room.moderator.ok("consent.open_ballot", phase="opening")
    await everyone_votes(room, "record")
    recording = await recorder.record(meeting_id, MEDIA)
    assert media_files(recorder_server, recording["id"])
    assert recorder.local_copy(recording["id"]).exists()

    await room.moderator.ok("consent.open_ballot", phase="closing")
    await room.moderator.ok("consent.vote", choice="share")
    await room.people["Bo"].ok("consent.vote", choice="keep_private")
    # Gone from storage by the time the vote is answered.
    assert media_files(recorder_server, recording["id"]) == []

    deleted = await recorder.receiver.wait_for("recording.delete", recording["id"])
    # The signature checks out with the package recorders use, and the body is the exact shape.
    Webhook(SERVICE_SECRET).verify(
        (b'{"id":"%s","type":"recording.delete","recording_id":"%s","meeting_id":"%s","occurred_at":"%s"}'
         % (deleted.id.encode(), recording["id"].encode(), meeting_id.encode(), deleted.payload["occurred_at"].encode())),
        deleted.headers,
    )
    assert deleted.headers["webhook-id"] == deleted.id
    assert not recorder.local_copy(recording["id"]).exists()  # the recorder obeyed

    gone = await recorder.download(recording["id"])
    assert gone.status_code == 410 and gone.json()["error"]["code"] == "recording_deleted"
    after = (await recorder.get(recording["id"])).json()
    assert after["status"] == "deleted" and after["media"] is None and after["deleted_at"]
    # A late upload is refused and nothing of it is kept.
    late = await recorder.upload(recording["id"], MEDIA)
    assert late.status_code == 409 and late.json()["error"]["code"] == "recording_deleted"
    assert media_files(recorder_server, recording["id"]) == []
    # The polling feed has the same events, in order.
    feed = await recorder.poll()
    mine = [e for e in feed["events"] if e["recording_id"] == recording["id"]]
    assert [e["type"] for e in mine] == ["recording.delete"]
    assert mine[0]["id"] == deleted.id
    later = await recorder.poll(feed["cursor"])
    assert later["events"] == [] and later["cursor"] == feed["cursor"]


async def test_a_late_joiner_must_answer_and_a_private_answer_deletes_the_running_recording(rapi, rconnect, recorder, recorder_server):
    room = await gather_room(rapi, rconnect, ["Anna"])
    meeting_id = room.meeting["id"]
    await room.moderator.ok("consent.open_ballot", phase="opening")
    await everyone_votes(room, "record")
    response = await recorder.register(meeting_id)
    recording = response.json()
    assert response.status_code == 201 and recording["status"] == "recording"
    assert (await recorder.upload(recording["id"], MEDIA)).status_code == 200

    late = await rapi.join(room.meeting["join_code"], "Carla")
    carla = await rconnect(late["token"], "Carla")
    assert carla.snapshot["meeting"]["consent"]["question"] == "late"
    refused = await carla.command("hand.raise")
    assert refused["error"]["code"] == "consent_required"
    assert (await carla.command("consent.vote", choice="share"))["error"]["code"] == "invalid_choice"

    await carla.ok("consent.vote", choice="private")
    assert media_files(recorder_server, recording["id"]) == []
    await recorder.receiver.wait_for("recording.stop", recording["id"])
    await recorder.receiver.wait_for("recording.delete", recording["id"])
    assert [e.type for e in recorder.receiver.events if e.payload["recording_id"] == recording["id"]] == ["recording.stop", "recording.delete"]
    await room.moderator.wait_event("consent.changed", lambda e: e["data"]["state"] == "deleted")
    # Carla may now take part; the meeting stays private.
    await carla.ok("hand.raise")
    assert (await recorder.permission(meeting_id))["allowed"] is False


async def test_withdrawal_after_sharing_deletes_the_recording(rapi, rconnect, recorder, recorder_server):
    room = await gather_room(rapi, rconnect, ["Anna"])
    meeting_id = room.meeting["id"]
    await room.moderator.ok("consent.open_ballot", phase="opening")
    await everyone_votes(room, "record")
    recording = await recorder.record(meeting_id, MEDIA)
    await room.moderator.ok("consent.open_ballot", phase="closing")
    await everyone_votes(room, "share")
    await recorder.receiver.wait_for("recording.shared", recording["id"])
    assert room.people["Anna"].snapshot["meeting"]["consent"]["can_withdraw"] is False  # snapshot from before
    await room.people["Anna"].wait_event("consent.personal_changed", lambda e: e["data"]["can_withdraw"] and e["data"]["my_vote"] == "share")

    await room.people["Anna"].ok("consent.withdraw")
    assert media_files(recorder_server, recording["id"]) == []
    await recorder.receiver.wait_for("recording.delete", recording["id"])
    assert (await recorder.download(recording["id"])).status_code == 410
    await room.moderator.wait_event("consent.changed", lambda e: e["data"]["state"] == "deleted")


async def test_webhooks_wait_for_a_receiver_that_is_down_and_repeats_are_recognised(rapi, rconnect, recorder_server, tmp_path):
    sim = await RecorderSim(recorder_server.url, SERVICE_TOKEN, SERVICE_SECRET, tmp_path / "rec").start()
    port = sim.receiver.port
    try:
        room = await gather_room(rapi, rconnect, ["Anna"])
        await room.moderator.ok("consent.open_ballot", phase="opening")
        await everyone_votes(room, "record")
        recording = await sim.record(room.meeting["id"], MEDIA)
        await sim.receiver.stop()  # the recorder's endpoint goes down

        await room.moderator.ok("consent.open_ballot", phase="closing")
        await room.people["Anna"].ok("consent.vote", choice="keep_private")
        assert media_files(recorder_server, recording["id"]) == []
        feed = await sim.poll()
        pending = [e for e in feed["events"] if e["recording_id"] == recording["id"]]
        assert [e["type"] for e in pending] == ["recording.delete"]

        # Back up on the same address: the retries reach it.
        sim.receiver.port = port
        await sim.receiver.start()
        delivered = await sim.receiver.wait_for("recording.delete", recording["id"])
        assert delivered.id == pending[0]["id"]
        # The same event delivered again is recognised by its id and not handled twice.
        async with httpx.AsyncClient() as http:
            repeat = await http.post(sim.receiver.url, content=_body(delivered.payload), headers=_resign(delivered))
        assert repeat.status_code == 200
        assert [e.id for e in sim.receiver.events].count(delivered.id) == 1
    finally:
        await sim.close()


def _body(payload: dict) -> bytes:
    import json

    return json.dumps(payload, separators=(",", ":")).encode()


def _resign(event) -> dict:  # type: ignore[no-untyped-def]
    import time

    from app.adapters.webhook_outbox import sign

    timestamp = int(time.time())
    return {"webhook-id": event.id, "webhook-timestamp": str(timestamp), "webhook-signature": sign(SERVICE_SECRET, event.id, timestamp, _body(event.payload)), "content-type": "application/json"}


async def test_a_restart_mid_ballot_keeps_the_ballot_and_its_votes(tmp_path: Path, clients):
    server = ServerProcess(tmp_path / "server", env=RECORDER_ENV).start(timeout=120)
    api = Api(server.url)
    try:
        meeting = await api.create_meeting("Drop-in reflection")
        anna_join = await api.join(meeting["join_code"], "Anna")
        bo_join = await api.join(meeting["join_code"], "Bo")
        moderator = Client(server.url, meeting["moderator_token"], "moderator")
        anna = Client(server.url, anna_join["token"], "anna")
        bo = Client(server.url, bo_join["token"], "bo")
        clients.extend([moderator, anna, bo])
        for c in (moderator, anna, bo):
            await c.connect()
        await moderator.ok("consent.open_ballot", phase="opening")
        await moderator.ok("consent.vote", choice="record")
        await anna.ok("consent.vote", choice="record")

        server.kill()  # as a crash would
        for c in (moderator, anna, bo):
            await c.disconnected.wait()
        server.start(timeout=120)

        moderator2 = Client(server.url, meeting["moderator_token"], "moderator")
        anna2 = Client(server.url, anna_join["token"], "anna")
        bo2 = Client(server.url, bo_join["token"], "bo")
        clients.extend([moderator2, anna2, bo2])
        for c in (moderator2, anna2, bo2):
            await c.connect()
        consent = bo2.snapshot["meeting"]["consent"]
        assert consent["state"] == "opening_ballot"
        assert consent["ballot"]["phase"] == "opening" and consent["ballot"]["voted"] == 2
        assert anna2.snapshot["meeting"]["consent"]["my_vote"] == "record"
        assert (await anna2.command("consent.vote", choice="record"))["error"]["code"] == "already_voted"
        await bo2.ok("consent.vote", choice="record")
        await moderator2.wait_event("consent.changed", lambda e: e["data"]["state"] == "recording_allowed")
    finally:
        await api.close()
        server.stop()


async def test_an_upload_still_arriving_when_the_recording_is_deleted_is_not_kept(rapi, rconnect, recorder, recorder_server):
    room = await gather_room(rapi, rconnect, ["Anna"])
    await room.moderator.ok("consent.open_ballot", phase="opening")
    await everyone_votes(room, "record")
    recording = (await recorder.register(room.meeting["id"])).json()
    halfway = asyncio.Event()
    go_on = asyncio.Event()

    async def slow_media():
        yield MEDIA[:4096]
        halfway.set()
        await go_on.wait()
        yield MEDIA[4096:]

    upload = asyncio.create_task(recorder.http.put(f"/api/v1/recordings/{recording['id']}/media", content=slow_media(), headers={"content-type": "video/webm"}))
    await halfway.wait()
    await _until(lambda: media_files(recorder_server, recording["id"]) != [])  # the partial upload is on disk
    late = await rconnect((await rapi.join(room.meeting["join_code"], "Carla"))["token"], "Carla")
    await late.ok("consent.vote", choice="private")
    assert media_files(recorder_server, recording["id"]) == []  # the partial upload went with the rest
    go_on.set()
    response = await upload
    assert response.status_code == 409 and response.json()["error"]["code"] == "recording_deleted"
    assert media_files(recorder_server, recording["id"]) == []
    assert (await recorder.get(recording["id"])).json()["media"] is None


async def _until(check, within: float = 10) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + within
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


async def test_someone_who_left_votes_in_the_closing_ballot_with_the_same_link(rapi, rconnect, recorder, recorder_server):
    room = await gather_room(rapi, rconnect, ["Anna", "Bo"])
    await room.moderator.ok("consent.open_ballot", phase="opening")
    await everyone_votes(room, "record")
    recording = await recorder.record(room.meeting["id"], MEDIA)
    bo_token = room.people["Bo"].token
    await room.people["Bo"].close()  # Bo leaves after the recording

    await room.moderator.ok("consent.open_ballot", phase="closing")
    opened = await room.moderator.wait_event("consent.changed", lambda e: e["data"]["state"] == "closing_ballot")
    assert opened["data"]["ballot"]["eligible"] == 3  # Bo was there while it ran
    await room.moderator.ok("consent.vote", choice="share")
    await room.people["Anna"].ok("consent.vote", choice="share")
    assert (await recorder.get(recording["id"])).json()["status"] == "awaiting_decision"

    bo = await rconnect(bo_token, "Bo again")
    assert bo.snapshot["meeting"]["consent"]["question"] == "closing"
    await bo.ok("consent.vote", choice="share")
    await recorder.receiver.wait_for("recording.shared", recording["id"])
    assert (await recorder.download(recording["id"])).content == MEDIA
