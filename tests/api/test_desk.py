"""The organiser's desk over HTTP, on a real server: keys per organiser made with the command line, each seeing only
their own meetings and those shared with them, the list's paging and filters, and the desk's actions on a meeting."""

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import socketio

from tests.support import ORGANISER_KEY, ROOT, Client, ServerProcess


def cli(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "organiser", *args], cwd=ROOT, env={**os.environ, "ROUNDTABLE_DATA_DIR": str(data)}, capture_output=True, text=True, check=check
    )


def add_organiser(data: Path, name: str) -> str:
    made = cli(data, "add", name)
    return re.search(r"shown once.*\n\s+(\S+)", made.stdout).group(1)  # type: ignore[union-attr]


class Desk:
    """Two organisers (Anna, Bo) with keys from the CLI, and the bootstrap key, on one server."""

    def __init__(self, server: ServerProcess, keys: dict[str, str]):
        self.server = server
        self.keys = keys
        self.http = httpx.AsyncClient(base_url=server.url, timeout=20)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    async def create(self, who: str, title: str, **extra: object) -> dict:
        response = await self.http.post("/api/v1/meetings", json={"title": title, "format": "open", **extra}, headers=self.auth(who))
        assert response.status_code == 201, response.text
        return response.json()

    async def listing(self, who: str, **params: object) -> dict:
        response = await self.http.get("/api/v1/meetings", params=params, headers=self.auth(who))
        assert response.status_code == 200, response.text
        return response.json()

    async def titles(self, who: str, **params: object) -> list[str]:
        return [m["title"] for m in (await self.listing(who, limit=100, **params))["meetings"]]


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, dict[str, str]]]:
    data = tmp_path_factory.mktemp("desk")
    keys = {"anna": add_organiser(data, "Anna Holm"), "bo": add_organiser(data, "Bo Jensen"), "boot": ORGANISER_KEY}
    process = ServerProcess(data).start()
    yield process, keys
    process.stop()


@pytest.fixture
async def desk(desk_server: tuple[ServerProcess, dict[str, str]]) -> AsyncIterator[Desk]:
    server, keys = desk_server
    d = Desk(server, keys)
    yield d
    await d.http.aclose()


@pytest.fixture
async def sockets() -> AsyncIterator[list[Client]]:
    opened: list[Client] = []
    yield opened
    for client in opened:
        await client.close()


async def test_the_command_line_lists_and_revokes_keys_and_a_revoked_key_is_refused_at_once(desk):
    listed = cli(desk.server.data_dir, "list").stdout
    assert "bootstrap\tOrganiser" in listed and "Anna Holm" in listed and "Bo Jensen" in listed
    assert desk.keys["anna"] not in (desk.server.data_dir / "roundtable.db").read_bytes().decode(errors="replace")
    key = add_organiser(desk.server.data_dir, "Carla Berg")
    carla = {"Authorization": f"Bearer {key}"}
    me = await desk.http.get("/api/v1/organiser", headers=carla)
    assert me.status_code == 200 and me.json()["name"] == "Carla Berg"
    assert cli(desk.server.data_dir, "add", "carla berg", check=False).returncode == 1  # names are unique
    cli(desk.server.data_dir, "revoke", me.json()["id"])
    assert "revoked" in [line for line in cli(desk.server.data_dir, "list").stdout.splitlines() if "Carla Berg" in line][0]
    for path in ("/api/v1/meetings", "/api/v1/organiser"):
        refused = await desk.http.get(path, headers=carla)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    made = await desk.http.post("/api/v1/meetings", json={"title": "Late", "format": "open"}, headers=carla)
    assert made.status_code == 401
    assert cli(desk.server.data_dir, "revoke", "no-such-id", check=False).returncode == 1


async def test_each_organiser_sees_only_their_own_meetings_and_others_are_not_found(desk, sockets):
    mine = await desk.create("anna", "Network meeting: school and municipality", tags=["Network", "school"])
    booted = await desk.create("boot", "Made with the bootstrap key")
    assert mine["title"] in await desk.titles("anna")
    assert mine["title"] not in await desk.titles("bo") and mine["title"] not in await desk.titles("boot")
    assert booted["title"] in await desk.titles("boot") and booted["title"] not in await desk.titles("anna")
    # Bo learns nothing about Anna's meeting: every route answers as for a meeting that does not exist.
    moderator = Client(desk.server.url, mine["moderator_token"], "anna's moderator")
    sockets.append(moderator)
    await moderator.connect()
    base = f"/api/v1/meetings/{mine['id']}"
    attempts = [
        ("GET", f"{base}/summary", None), ("GET", f"{base}/summary.md", None), ("GET", f"{base}/consent-report", None),
        ("GET", f"{base}/shares", None), ("POST", f"{base}/shares", {"organiser_name": "Bo Jensen"}),
        ("PUT", f"{base}/tags", {"tags": ["mine now"]}), ("POST", f"{base}/moderator-link", None),
        ("POST", f"{base}/console-link", None), ("POST", f"{base}/duplicate", None),
        ("POST", f"{base}/moderators", {"display_name": "Intruder"}),
    ]
    unknown = "/api/v1/meetings/00000000-0000-0000-0000-000000000000/summary"
    for method, path, body in attempts:
        answer = await desk.http.request(method, path, json=body, headers=desk.auth("bo"))
        assert answer.status_code == 404, (method, path, answer.text)
        assert answer.json()["error"]["code"] == "not_found"
    same = await desk.http.get(unknown, headers=desk.auth("bo"))
    assert same.status_code == 404 and same.json() == (await desk.http.get(f"{base}/summary", headers=desk.auth("bo"))).json()
    # Nothing changed: the moderator's link still works, no co-moderator came, the tags are Anna's.
    assert not moderator.disconnected.is_set() and moderator.events_of("participant.joined") == []
    assert (await desk.http.get(f"{base}/summary", headers={"Authorization": f"Bearer {mine['moderator_token']}"})).status_code == 200
    listed = [m for m in (await desk.listing("anna", q="network"))["meetings"] if m["id"] == mine["id"]]
    assert listed[0]["tags"] == ["network", "school"] and listed[0]["shared"] is False
    assert listed[0]["organiser"]["name"] == "Anna Holm"


async def test_a_shared_meeting_appears_on_the_other_desk_until_the_sharing_ends(desk):
    meeting = await desk.create("anna", "Drop-in reflective session", tags=["drop-in"])
    bo = (await desk.http.get("/api/v1/organiser", headers=desk.auth("bo"))).json()
    shared = await desk.http.post(f"/api/v1/meetings/{meeting['id']}/shares", json={"organiser_name": "bo jensen"}, headers=desk.auth("anna"))
    assert shared.status_code == 201, shared.text
    assert shared.json()["shared_with"] == [bo] and shared.json()["organiser"]["name"] == "Anna Holm"
    seen = [m for m in (await desk.listing("bo", q="drop-in"))["meetings"] if m["id"] == meeting["id"]]
    assert seen and seen[0]["shared"] is True and seen[0]["organiser"]["name"] == "Anna Holm"
    summary = await desk.http.get(f"/api/v1/meetings/{meeting['id']}/summary", headers=desk.auth("bo"))
    assert summary.status_code == 200 and summary.json()["meeting"]["title"] == "Drop-in reflective session"
    # Only the meeting's own organiser shares it on.
    onward = await desk.http.post(f"/api/v1/meetings/{meeting['id']}/shares", json={"organiser_id": "bootstrap"}, headers=desk.auth("bo"))
    assert onward.status_code == 403 and onward.json()["error"]["code"] == "forbidden"
    assert meeting["title"] not in await desk.titles("boot")
    gone = await desk.http.delete(f"/api/v1/meetings/{meeting['id']}/shares/{bo['id']}", headers=desk.auth("anna"))
    assert gone.status_code == 204
    assert meeting["title"] not in await desk.titles("bo")
    assert (await desk.http.get(f"/api/v1/meetings/{meeting['id']}/summary", headers=desk.auth("bo"))).status_code == 404


async def test_bad_input_is_refused_and_changes_nothing(desk):
    meeting = await desk.create("anna", "Learning conversation", tags=["review"])
    base = f"/api/v1/meetings/{meeting['id']}"
    for params in ({"limit": 101}, {"limit": 0}, {"offset": -1}, {"status": "paused"}, {"from": "yesterday"}, {"q": "x" * 101}):
        answer = await desk.http.get("/api/v1/meetings", params=params, headers=desk.auth("anna"))
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_input", params
    for body in ({"tags": ["x" * 41]}, {"tags": [f"t{i}" for i in range(11)]}, {"tags": ["line\nbreak"]}, {"tags": "review"}, {"tags": [""]}, {}, {"tags": [], "more": 1}):
        answer = await desk.http.put(f"{base}/tags", json=body, headers=desk.auth("anna"))
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_input", body
    for body in ({}, {"organiser_id": "bootstrap", "organiser_name": "Bo Jensen"}, {"organiser_name": "Anna Holm"}, {"organiser_name": "\u202eBo"}):
        answer = await desk.http.post(f"{base}/shares", json=body, headers=desk.auth("anna"))
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_input", body
    for body in ({"participant_id": ""}, {"participant_id": "x", "extra": True}, [1]):
        answer = await desk.http.post(f"{base}/moderator-link", json=body, headers=desk.auth("anna"))
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_input", body
    made = await desk.http.post("/api/v1/meetings", json={"title": "Tagged", "format": "open", "tags": ["a\u0000"]}, headers=desk.auth("anna"))
    assert made.status_code == 422
    # Nothing changed: the tags are the same, nobody was shared with, the moderator's link works.
    listed = [m for m in (await desk.listing("anna", q="learning"))["meetings"] if m["id"] == meeting["id"]]
    assert listed[0]["tags"] == ["review"]
    assert (await desk.http.get(f"{base}/shares", headers=desk.auth("anna"))).json()["shared_with"] == []
    assert (await desk.http.get(f"{base}/summary", headers={"Authorization": f"Bearer {meeting['moderator_token']}"})).status_code == 200
    assert "Tagged" not in await desk.titles("anna")


async def test_paging_status_search_and_date_filters(desk, sockets):
    prefix = "Paging"
    made = [await desk.create("bo", f"{prefix} {i}", scheduled_for=f"2030-0{i + 1}-10T12:00:00Z", tags=[f"week-{i}"]) for i in range(5)]
    live = Client(desk.server.url, made[3]["moderator_token"], "moderator")
    sockets.append(live)
    await live.connect()
    await live.ok("meeting.start")
    ended = Client(desk.server.url, made[4]["moderator_token"], "moderator")
    sockets.append(ended)
    await ended.connect()
    await ended.ok("meeting.start")
    await ended.ok("meeting.end")
    # Paging through the upcoming ones, the next first, two at a time.
    first = await desk.listing("bo", q=prefix, status="scheduled", limit=2)
    assert first["total"] == 3 and first["next_offset"] == 2
    second = await desk.listing("bo", q=prefix, status="scheduled", limit=2, offset=2)
    assert second["next_offset"] is None
    assert [m["title"] for m in first["meetings"] + second["meetings"]] == [f"{prefix} 0", f"{prefix} 1", f"{prefix} 2"]
    assert await desk.titles("bo", q=prefix, status="live") == [f"{prefix} 3"]
    assert await desk.titles("bo", q=prefix, status="ended") == [f"{prefix} 4"]
    # Search finds the title's words in any case and the topic tags.
    assert sorted(await desk.titles("bo", q="PAGING")) == sorted(m["title"] for m in made)
    assert await desk.titles("bo", q="week-1") == [f"{prefix} 1"]
    assert await desk.titles("bo", q="%") == [] and await desk.titles("bo", q="_") == []
    # Dates: a scheduled meeting counts at its planned time, a started one when it started (now).
    assert await desk.titles("bo", q=prefix, **{"from": "2030-02-01T00:00:00Z", "to": "2030-03-31T00:00:00Z"}) == [f"{prefix} 2", f"{prefix} 1"]
    # Tags are edited afterwards; the list reflects it.
    changed = await desk.http.put(f"/api/v1/meetings/{made[0]['id']}/tags", json={"tags": ["Roster", "roster", " SSP "]}, headers=desk.auth("bo"))
    assert changed.status_code == 200 and changed.json() == {"tags": ["roster", "ssp"]}
    assert await desk.titles("bo", q="ssp") == [f"{prefix} 0"] and await desk.titles("bo", q="week-0") == []


async def test_reissuing_the_console_link_locks_out_the_old_one_at_once(desk, sockets):
    meeting = await desk.create("anna", "Console link lost")
    old = meeting["moderator_token"]
    console = Client(desk.server.url, old, "old console")
    sockets.append(console)
    await console.connect()
    me = console.me
    made = await desk.http.post(f"/api/v1/meetings/{meeting['id']}/moderator-link", headers=desk.auth("anna"))
    assert made.status_code == 200, made.text
    new = made.json()["token"]
    assert new != old and made.json()["participant_id"] == me
    assert made.json()["links"]["console"].endswith(f"/console/{meeting['id']}#token={new}")
    # The socket open with the old token is closed, the REST routes refuse it, and it cannot connect again.
    await asyncio.wait_for(console.disconnected.wait(), 20)
    refused = await desk.http.get(f"/api/v1/meetings/{meeting['id']}", headers={"Authorization": f"Bearer {old}"})
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    again = Client(desk.server.url, old, "old console again")
    sockets.append(again)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await again.connect()
    # The new link is the same moderator, with the console's rights.
    fresh = Client(desk.server.url, new, "new console")
    sockets.append(fresh)
    await fresh.connect()
    assert fresh.me == me and fresh.snapshot["you"]["role"] == "moderator"
    await fresh.ok("meeting.start")


async def test_the_desk_opens_the_console_as_the_organiser_and_adds_co_moderators(desk, sockets):
    meeting = await desk.create("anna", "Opened from the desk")
    host = Client(desk.server.url, meeting["moderator_token"], "host")
    sockets.append(host)
    await host.connect()
    first = await desk.http.post(f"/api/v1/meetings/{meeting['id']}/console-link", headers=desk.auth("anna"))
    assert first.status_code == 200
    seat = Client(desk.server.url, first.json()["token"], "anna's seat")
    sockets.append(seat)
    await seat.connect()
    assert seat.snapshot["you"]["role"] == "moderator" and seat.snapshot["you"]["display_name"] == "Anna Holm"
    # Opening again gives a fresh link to the same seat; the earlier tab is closed, the meeting's own link is not.
    second = await desk.http.post(f"/api/v1/meetings/{meeting['id']}/console-link", headers=desk.auth("anna"))
    assert second.json()["participant_id"] == first.json()["participant_id"] and second.json()["token"] != first.json()["token"]
    await asyncio.wait_for(seat.disconnected.wait(), 20)
    assert not host.disconnected.is_set()
    # The re-issued link is the meeting's own moderator's, not the organiser's seat.
    reissued = await desk.http.post(f"/api/v1/meetings/{meeting['id']}/moderator-link", headers=desk.auth("anna"))
    assert reissued.json()["participant_id"] == host.me
    # Co-moderators from the desk, with the organiser's key.
    added = await desk.http.post(f"/api/v1/meetings/{meeting['id']}/moderators", json={"display_name": "Co-host"}, headers=desk.auth("anna"))
    assert added.status_code == 201
    co = Client(desk.server.url, added.json()["token"], "co-host")
    sockets.append(co)
    await co.connect()
    assert co.snapshot["you"]["role"] == "moderator"
    # The record, as the console's moderators get it.
    record = await desk.http.get(f"/api/v1/meetings/{meeting['id']}/summary.md", headers=desk.auth("anna"))
    assert record.status_code == 200 and "Opened from the desk" in record.text


async def test_duplicating_a_meeting_copies_its_setup_with_a_new_invite_code(desk, sockets):
    meeting = await desk.create("anna", "Tour with the authorities", language="da", tags=["ssp", "police"], moderator_name="Mette")
    moderator = Client(desk.server.url, meeting["moderator_token"], "moderator")
    sockets.append(moderator)
    await moderator.connect()
    await moderator.ok("meeting.configure", hand_rule="least_time", turn_time_box_seconds=120, turn_time_box_action="end_turn")
    await moderator.ok("meeting.start")
    copied = await desk.http.post(f"/api/v1/meetings/{meeting['id']}/duplicate", headers=desk.auth("anna"))
    assert copied.status_code == 201, copied.text
    copy = copied.json()
    assert copy["title"] == "Tour with the authorities (copy)" and copy["language"] == "da" and copy["format"] == "open"
    assert copy["tags"] == ["police", "ssp"] and copy["join_code"] != meeting["join_code"] and copy["id"] != meeting["id"]
    listed = [m for m in (await desk.listing("anna", q="tour with"))["meetings"] if m["id"] == copy["id"]]
    assert listed[0]["status"] == "scheduled"
    host = Client(desk.server.url, copy["moderator_token"], "copy's moderator")
    sockets.append(host)
    await host.connect()
    settings = host.snapshot["meeting"]["settings"]
    assert settings["hand_rule"] == "least_time" and settings["turn_time_box_seconds"] == 120 and settings["turn_time_box_action"] == "end_turn"
    assert host.snapshot["you"]["display_name"] == "Mette" and host.snapshot["meeting"]["status"] == "scheduled"


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    process = ServerProcess(
        tmp_path_factory.mktemp("desk-strict"),
        env={"ROUNDTABLE_RATE_LIMIT_HTTP_PER_IP": "1000/second;60/day", "ROUNDTABLE_MAX_REQUEST_BYTES": str(16 * 1024)},
    ).start()
    yield process
    process.stop()


async def test_desk_routes_are_size_and_rate_limited(strict):
    auth = {"Authorization": f"Bearer {ORGANISER_KEY}"}
    async with httpx.AsyncClient(base_url=strict.url, timeout=20, transport=httpx.AsyncHTTPTransport(local_address="127.0.0.3")) as http:
        meeting = (await http.post("/api/v1/meetings", json={"title": "Limits", "format": "open", "tags": ["kept"]}, headers=auth)).json()
        big = await http.put(f"/api/v1/meetings/{meeting['id']}/tags", json={"tags": ["x" * 20_000]}, headers=auth)
        assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"
        assert (await http.get("/api/v1/meetings", headers=auth)).json()["meetings"][0]["tags"] == ["kept"]
        answers = await asyncio.gather(*(http.get("/api/v1/meetings", headers=auth) for _ in range(80)))
        codes = [a.status_code for a in answers]
        assert codes.count(200) <= 60 and codes.count(429) >= 20, codes
        assert all(a.json()["error"]["code"] == "rate_limited" for a in answers if a.status_code == 429)


async def test_a_series_belongs_to_its_organiser_and_its_meetings_land_on_their_desk(desk):
    body = {
        "name": "Network meeting: Aarhus Vest", "format": "open", "coordinator_name": "Anna Holm", "coordinator_email": "anna@example.org",
        "time_zone": "Europe/Copenhagen", "rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "start": "2031-03-04T14:00",
    }
    made = await desk.http.post("/api/v1/series", json=body, headers=desk.auth("anna"))
    assert made.status_code == 201, made.text
    series = made.json()
    assert (await desk.http.get(f"/api/v1/series/{series['id']}", headers=desk.auth("bo"))).status_code == 404
    assert series["id"] not in [s["id"] for s in (await desk.http.get("/api/v1/series", headers=desk.auth("bo"))).json()["series"]]
    first = await desk.http.post(f"/api/v1/series/{series['id']}/meetings", json={}, headers=desk.auth("anna"))
    assert first.status_code == 201, first.text
    assert "Network meeting: Aarhus Vest" in await desk.titles("anna", q="aarhus")
    assert await desk.titles("bo", q="aarhus") == [] and await desk.titles("boot", q="aarhus") == []


async def test_collated_form_results_keep_to_the_organisers_own_meetings(desk):
    meeting = await desk.create("anna", "Learning conversation with results")
    people = [(await desk.http.post("/api/v1/join", json={"join_code": meeting["join_code"], "display_name": name})).json() for name in ("Ida", "Jon", "Kim")]
    mod = {"Authorization": f"Bearer {meeting['moderator_token']}"}
    base = f"/api/v1/meetings/{meeting['id']}/forms"
    form = (await desk.http.post(base, json={"template": "pne_consultation_after", "anonymous": False}, headers=mod)).json()
    assert (await desk.http.post(f"{base}/{form['id']}/open", headers=mod)).status_code == 200
    for person in people:
        answer = await desk.http.post(f"{base}/{form['id']}/answers", json={"answers": {"useful_scale": 7}}, headers={"Authorization": f"Bearer {person['token']}"})
        assert answer.status_code == 201, answer.text

    def meetings_in(collated: dict) -> set[str]:
        return {f["meeting_id"] for f in collated["forms"]}

    anna = (await desk.http.get("/api/v1/results", headers=desk.auth("anna"))).json()
    assert meeting["id"] in meetings_in(anna)
    for other in ("bo", "boot"):
        theirs = await desk.http.get("/api/v1/results", headers=desk.auth(other))
        assert theirs.status_code == 200 and meeting["id"] not in meetings_in(theirs.json())
