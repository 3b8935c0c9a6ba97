"""Nobody learns who asked for privacy.

The same meeting is played twice: once Anna asks for privacy and Bo consents, once the other way round.
In both, Bo's connection drops and comes back before the privacy request, as connections do: presence is
public by name, so nothing the room sees may move with it. Everything the others receive (events, snapshots, acks), every API answer and every log line must be the
same in both plays, once random ids and times are named consistently. If anything told who asked, the two
plays would differ.
"""

import re
import sqlite3
from dataclasses import dataclass, field

import pytest

from tests.consent.fixtures import media_files
from tests.support import Api, Client, ServerProcess
from tools.recorder_sim import RecorderSim

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?")
# Presence is announced by the timer in batches, so version numbers depend on timing: they are left out.
NOISE = [re.compile(p) for p in (r"'version': \d+", r"127\.0\.0\.1:\d+", r"[?&]t=[\d.]+", r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", r'"server_time": "[^"]*"', r"sid=[\w-]+")]


@dataclass
class Play:
    """What everyone other than the person who asked for privacy could see or find."""

    names: dict[str, str] = field(default_factory=dict)
    seen: dict[str, list] = field(default_factory=dict)
    api: list = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    voter_id: str = ""
    other_id: str = ""
    meeting_id: str = ""


def normalise(value: object, names: dict[str, str]) -> str:
    text = repr(value)
    for real, label in names.items():
        text = text.replace(real, label)
    text = UUID.sub("<id>", text)
    text = TIME.sub("<time>", text)
    for pattern in NOISE:
        text = pattern.sub("<x>", text)
    return text


async def play(server: ServerProcess, recorder: RecorderSim, connect, private_voter: str, kind: str) -> Play:  # type: ignore[no-untyped-def]
    api = Api(server.url)
    result = Play()
    log_start = len(server.log_path.read_text(errors="replace")) if server.log_path else 0
    try:
        meeting = await api.create_meeting("Barnahus network: a difficult disclosure")
        result.names[meeting["id"]] = "MEETING"
        result.meeting_id = meeting["id"]
        moderator = await connect(meeting["moderator_token"], "moderator")
        people: dict[str, Client] = {}
        tokens: dict[str, str] = {}
        for name in ("Anna", "Bo", "Carla"):
            joined = await api.join(meeting["join_code"], name)
            result.names[joined["participant_id"]] = name.upper()
            tokens[name] = joined["token"]
            people[name] = await connect(joined["token"], name)
        result.names[moderator.me] = "MODERATOR"
        await moderator.ok("meeting.start")
        voter_name, other_name = private_voter, "Bo" if private_voter == "Anna" else "Anna"
        result.voter_id, result.other_id = people[voter_name].me, people[other_name].me
        observers = {"moderator": moderator, "Carla": people["Carla"]}
        acks: list = []

        async def by(name: str, type: str, **data):  # type: ignore[no-untyped-def]
            client = moderator if name == "moderator" else people[name]
            answer = await client.command(type, **data)
            if name != voter_name:
                acks.append((name == other_name, type, answer))
            return answer

        async def announced(person: str, online: bool, seen_before: int) -> None:
            wanted = {"participant_id": person, "online": online}
            await moderator._wait(
                lambda: sum(wanted in e["data"]["changes"] for e in moderator.events_of("participant.presence_changed")) > seen_before, 20, "presence"
            )

        async def bo_drops_and_comes_back(step: str) -> None:
            """Presence is public by name: Bo's connection drops (whether or not Bo has answered yet) and comes
            back. Nothing the others see may move with it: no count, no state, no event."""
            bo = people["Bo"].me
            gone = sum({"participant_id": bo, "online": False} in e["data"]["changes"] for e in moderator.events_of("participant.presence_changed"))
            back = sum({"participant_id": bo, "online": True} in e["data"]["changes"] for e in moderator.events_of("participant.presence_changed"))
            await people["Bo"].close()
            await announced(bo, False, gone)
            # A fresh look at the room while Bo is away (the count in a snapshot).
            look = await connect(meeting["moderator_token"], f"moderator-while-bo-is-away-{step}")
            observers[f"moderator-while-bo-is-away-{step}"] = look
            await look.close()
            people["Bo"] = await connect(tokens["Bo"], "Bo")
            await announced(bo, True, back)

        await by("moderator", "consent.open_ballot", phase="opening")
        await by("moderator", "consent.vote", choice="record")
        await by("Carla", "consent.vote", choice="record")
        await by(other_name, "consent.vote", choice="record")
        await bo_drops_and_comes_back("opening")
        if kind == "private":
            await by(voter_name, "consent.vote", choice="private")
            await by(other_name, "consent.vote", choice="record")
        else:
            await by(voter_name, "consent.vote", choice="record")
            result.api.append(await recorder.permission(meeting["id"]))
            recording = await recorder.record(meeting["id"], b"the session, recorded" * 100)
            result.names[recording["id"]] = "RECORDING"
            result.api.append(recording)
            await by("moderator", "consent.open_ballot", phase="closing")
            await by("moderator", "consent.vote", choice="share")
            await by("Carla", "consent.vote", choice="share")
            await by(other_name, "consent.vote", choice="share")
            await bo_drops_and_comes_back("closing")
            if kind == "keep_private":
                await by(voter_name, "consent.vote", choice="keep_private")
            else:
                await by(voter_name, "consent.vote", choice="share")
                await recorder.receiver.wait_for("recording.shared", recording["id"])
                await bo_drops_and_comes_back("shared")
                await by(voter_name, "consent.withdraw")
            await recorder.receiver.wait_for("recording.delete", recording["id"])
            assert media_files(server, recording["id"]) == []
            result.api.append((await recorder.get(recording["id"])).json())
            result.api.append([e for e in (await recorder.poll())["events"] if e["recording_id"] == recording["id"]])
            result.api.append([(e.type, e.payload) for e in recorder.receiver.events if e.payload["recording_id"] == recording["id"]])
        final = "private" if kind == "private" else "deleted"
        for client in (moderator, people["Carla"]):
            await client.wait_event("consent.changed", lambda e: e["data"]["state"] == final)
        result.api.append(await recorder.permission(meeting["id"]))
        # A fresh look, as after a reconnect.
        for name, token in (("moderator", meeting["moderator_token"]),):
            fresh = await connect(token, f"{name}-again")
            observers[f"{name}-again"] = fresh
        for name, client in observers.items():
            # Presence batches depend on the timer's tick, not on anyone's vote.
            result.seen[name] = [*client.snapshots, *(e for e in client.events if e["type"] != "participant.presence_changed")]
        result.seen["acks"] = acks
        assert server.log_path is not None
        lines = server.log_path.read_text(errors="replace")[log_start:].splitlines()
        # The webhook sender's retries of other tests' events are not part of this meeting.
        result.log = [line for line in lines if "webhook" not in line]
    finally:
        await api.close()
    return result


@pytest.mark.parametrize("kind", ["private", "keep_private", "withdraw"])
async def test_nobody_can_tell_who_asked_for_privacy(kind, recorder_server, recorder, rconnect):
    anna_asks = await play(recorder_server, recorder, rconnect, "Anna", kind)
    bo_asks = await play(recorder_server, recorder, rconnect, "Bo", kind)

    for audience in anna_asks.seen:
        assert normalise(anna_asks.seen[audience], anna_asks.names) == normalise(bo_asks.seen[audience], bo_asks.names), audience
    assert normalise(anna_asks.api, anna_asks.names) == normalise(bo_asks.api, bo_asks.names)
    assert [normalise(line, anna_asks.names) for line in anna_asks.log] == [normalise(line, bo_asks.names) for line in bo_asks.log]
    for one in (anna_asks, bo_asks):
        for line in one.log:
            assert one.voter_id not in line and one.other_id not in line

    # Nor does the database hold anything that ties the person to the privacy request.
    db = sqlite3.connect(recorder_server.data_dir / "roundtable.db")
    try:
        for one in (anna_asks, bo_asks):
            remembered = db.execute("SELECT answer FROM command_result WHERE participant_id = ?", (one.voter_id,)).fetchall()
            assert not any("private" in a or "deleted" in a for (a,) in remembered)
            assert db.execute("SELECT count(*) FROM consent_vote WHERE participant_id = ? AND choice NOT IN ('record', 'share')", (one.voter_id,)).fetchone() == (0,)
            # Nor by elimination: the consent given before the request is gone (only counts are kept), and so
            # is the list of who was asked.
            assert db.execute("SELECT count(*) FROM consent_vote WHERE meeting_id = ?", (one.meeting_id,)).fetchone() == (0,)
            assert db.execute("SELECT count(*) FROM consent_asked WHERE meeting_id = ?", (one.meeting_id,)).fetchone() == (0,)
        audit = db.execute("SELECT * FROM consent_audit").fetchall()
        assert not any(one.voter_id in repr(row) for one in (anna_asks, bo_asks) for row in audit)
    finally:
        db.close()
