"""A page's state is its snapshot with every later event applied: that must equal a fresh snapshot.

The events are applied by the pages' own reducers (frontend/src/shared/store.ts and the areas' handlers,
bundled for Node from frontend/test/replay.ts), to what real clients received from a real server during a
meeting that produces every event type the server knows. Checked for the moderator, a participant and
people in breakout rooms, at several points of the meeting. (The idea is Zulip's `verify_action`.)
"""

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.events import all_event_types
from tests.boards.helpers import DEFINITION
from tests.boards.real import boards_meeting
from tests.roles.definitions import LEARNING
from tests.support import ROOT, Api, Client, ServerProcess

FRONTEND = ROOT / "frontend"


@pytest.fixture(scope="session")
def replay_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """frontend/test/replay.ts and the reducers it imports, bundled for Node."""
    out = tmp_path_factory.mktemp("replay") / "replay.mjs"
    esbuild = FRONTEND / "node_modules" / ".bin" / "esbuild"
    subprocess.run(
        [str(esbuild), "test/replay.ts", "--bundle", "--platform=node", "--format=esm", "--log-level=warning", f"--outfile={out}"],
        cwd=FRONTEND, check=True, timeout=120,
    )
    return out


def replay(script: Path, client: Client) -> dict[str, Any]:
    """What this client's page holds now: its snapshot and every event it received, through the reducers."""
    assert len(client.snapshots) == 1, "one snapshot: the page was not reconnected"
    node = shutil.which("node") or "node"
    run = subprocess.run(
        [node, str(script)], input=json.dumps({"snapshot": client.snapshot, "events": client.raw_events}),
        capture_output=True, text=True, check=True, timeout=60,
    )
    return json.loads(run.stdout)


def normalised(state: dict[str, Any]) -> dict[str, Any]:
    """The parts of a page's state a fresh snapshot cannot be expected to repeat, taken out with the reason."""
    state = copy.deepcopy(state)
    # The version: a fresh snapshot carries the meeting's version, which also counts changes sent only to
    # others (someone else's consent question, the moderators' room); a page only knows what it was sent.
    state.pop("version", None)
    # The server's clock (server_time) and the page's offset from it are not state, and not compared.
    state.pop("server_time", None)
    meeting = state["meeting"]
    breakout = meeting.get("breakout")
    if breakout:
        # A broadcast is an announcement shown when it arrives; the server does not keep it.
        breakout.pop("broadcasts", None)
        # A room chat with no lines may be absent or empty: pages treat both alike.
        breakout["chats"] = {room: chat for room, chat in breakout["chats"].items() if chat["messages"]}
    # The questions this person upvoted: the page adds one from the command's answer, not from an event
    # (question.upvoted goes to everyone and must not say who upvoted).
    meeting.pop("my_upvotes", None)
    return state


class Meeting:
    """A real meeting on the real server, with clients that keep everything they receive."""

    def __init__(self, api: Api, connect: Any, script: Path):
        self.api, self.connect, self.script = api, connect, script
        self.people: dict[str, Client] = {}
        self.joined: dict[str, dict] = {}
        self.seen: set[str] = set()

    async def open(self) -> None:
        self.info = await self.api.create_meeting(title="Tour de table: replay", format="tour_de_table")
        self.moderator = await self.connect(self.info["moderator_token"], "moderator")

    async def open_with_boards(self, server: ServerProcess) -> None:
        # Every board open throughout (no stages), so that the scenario needs no stage changes.
        self.info = await boards_meeting(self.api, server, {**DEFINITION, "stages": []}, title="Boards: replay")
        self.moderator = await self.connect(self.info["moderator_token"], "moderator")

    async def join(self, name: str) -> Client:
        self.joined[name] = await self.api.join(self.info["join_code"], name, f"{name} Barnahus")
        self.people[name] = await self.connect(self.joined[name]["token"], name)
        # Presence is announced by the timer, without a place in the versions a checkpoint waits for: wait for it
        # here, so that every page has it before the next checkpoint (the events reach each page in order).
        await self.moderator.wait_presence(self.joined[name]["participant_id"], True)
        return self.people[name]

    def id(self, name: str) -> str:
        return self.joined[name]["participant_id"]

    async def check(self, viewers: dict[str, Client], *, last: str = "chat.sent") -> None:
        """Once everyone has the events up to now: replayed state == a fresh snapshot, for each viewer.
        Up to now: a line in the main chat reaches everyone after every earlier event (or, once the
        meeting has ended and the chat is closed, the `last` event everyone receives)."""
        version = (await self.moderator.ok("chat.send", text="(checkpoint)"))["version"] if last == "chat.sent" else None
        for name, client in viewers.items():
            await client.wait_event(last, lambda e: version is None or e["version"] >= version)
            self.seen.update(e["type"] for e in client.raw_events)
            replayed = replay(self.script, client)
            token = self.info["moderator_token"] if client is self.moderator else self.joined[name]["token"]
            fresh = await self.connect(token, f"{name} fresh")
            assert replayed["version"] <= fresh.snapshot["version"]
            expected = {"you": fresh.snapshot["you"], "meeting": fresh.snapshot["meeting"]}
            replayed, expected = normalised(replayed), normalised(expected)
            assert replayed["you"] == expected["you"], name
            for key in sorted(replayed["meeting"].keys() | expected["meeting"].keys()):
                mine, fresh_part = replayed["meeting"].get(key), expected["meeting"].get(key)
                assert mine == fresh_part, f"{name}: meeting.{key}\nreplayed: {json.dumps(mine)}\nfresh:    {json.dumps(fresh_part)}"
            await fresh.close()


async def test_snapshot_plus_events_equals_a_fresh_snapshot_for_every_event_type(api: Api, connect, replay_script: Path, server: ServerProcess) -> None:
    m = Meeting(api, connect, replay_script)
    await m.open()
    anna, cai = await m.join("anna"), await m.join("cai")
    ben, dora = await m.join("ben"), await m.join("dora")
    mod = m.moderator
    viewers = {"moderator": mod, "anna": anna, "cai": cai}

    # Consent: a ballot that ends private at the first privacy vote.
    await mod.ok("consent.open_ballot", phase="opening")
    await anna.ok("consent.vote", choice="record")
    await ben.ok("consent.vote", choice="private")

    # Preparation: questions before the meeting starts.
    q_cai = (await cai.ok("question.submit", text="How do you prepare a child for a second interview?"))["result"]["question_id"]
    await ben.ok("question.submit", text="Who calls the family afterwards?", anonymous=True)
    q_dora = (await dora.ok("question.submit", text="Off topic"))["result"]["question_id"]
    # An anonymous question reaches the moderators a moment later, released by the timer.
    q_ben = (await mod.wait_event("question.submitted", lambda e: e["data"]["question"]["anonymous"]))["data"]["question"]["id"]
    await mod.ok("stage.next")
    await mod.ok("meeting.start")
    await mod.ok("question.approve", question_id=q_cai)
    await mod.ok("question.approve", question_id=q_ben)
    await mod.ok("question.dismiss", question_id=q_dora)
    await mod.ok("question.mark_keynote", question_id=q_cai, keynote=True)
    await mod.ok("question.circulate")
    await mod.ok("question.reorder", order=[q_ben, q_cai])
    await mod.ok("question.set_current", question_id=q_ben)
    await anna.ok("question.upvote", question_id=q_cai)
    await mod.ok("question.mark_answered", question_id=q_ben)

    # The floor.
    await anna.ok("hand.raise", note="A picture book")
    await ben.ok("hand.raise")
    await dora.ok("hand.raise")
    await mod.ok("hand.lower", participant_id=m.id("ben"))
    await mod.ok("hand.give_floor")
    await anna.ok("hand.finish_speaking")
    await cai.ok("hand.raise")
    await mod.ok("meeting.configure", fairness=False, hand_grace_seconds=120)
    await mod.ok("hand.clear")

    # People: a keynote, a late joiner who comes and goes, someone removed.
    await mod.ok("participant.set_keynote", participant_id=m.id("cai"), keynote=True)
    # A role of the format set on a viewer: their page follows it (the name in the list, their own rights).
    await mod.ok("participant.set_role", participant_id=m.id("cai"), role="participant")
    eve = await m.join("eve")
    await mod.wait_presence(m.id("eve"), True)
    await eve.close()
    await mod.wait_presence(m.id("eve"), False)
    await mod.ok("participant.remove", participant_id=m.id("dora"))

    # The main room's chat and resources.
    await anna.ok("chat.send", text="Our checklist", kind="resource", url="https://example.org/checklist", title="Checklist")
    asked = await ben.ok("chat.send", text="Is the checklist in Arabic too?", kind="question")
    await mod.ok("question.promote", message_id=asked["result"]["message_id"])
    hidden = await cai.ok("chat.send", text="Oops, wrong window")
    await mod.ok("chat.hide", message_id=hidden["result"]["message_id"])
    await m.check(viewers)

    # Tour de table: turns, passes, the end of the round; follow-ups and the summary.
    await mod.ok("stage.set", stage="rounds")
    await mod.ok("turn.next")  # cai, who asked first
    for name in ("cai", "ben", "eve"):
        await mod.ok("turn.pass", participant_id=m.id(name))
    # Anna, the last one, has a time box of four seconds: a warning, then zero ends her turn.
    await mod.ok("meeting.configure", turn_time_box_seconds=4, turn_time_box_action="end_turn")
    await mod.ok("turn.next")
    await mod.wait_event("turn.time_warned")
    await mod.wait_event("turn.time_up")
    await mod.wait_event("turn.finished", lambda e: e["data"]["participant_id"] == m.id("anna"))
    first = await mod.ok("followup.add", text="Send the checklist to everyone")
    booked = await mod.ok("followup.add", text="Book the next meeting", owner="anna Barnahus", due_on="2027-01-15")
    await mod.ok("followup.set_status", followup_id=booked["result"]["followup_id"], status="in_progress")
    await mod.ok("followup.remove", followup_id=first["result"]["followup_id"])
    await anna.ok("summary.share_name", share=True)
    await m.check(viewers)

    # Breakout rooms chosen by the people, one moved by the moderator, a warning, an extension.
    started = await mod.ok("breakout.start", duration_s=600, warn_before_s=599, assignment="choose", rooms=[{"name": "Law"}, {"name": "Health"}])
    law, health = (r["id"] for r in (await anna.wait_event("breakout.started"))["data"]["breakout"]["rooms"])
    await anna.ok("breakout.choose", room_id=law)
    await cai.ok("breakout.choose", room_id=health)
    await mod.ok("breakout.assign", participant_id=m.id("ben"), room_id=law)
    await anna.ok("chat.send", room=law, text="Law room notes")
    slip = await anna.ok("chat.send", room=law, text="Not for the notes")
    await mod.ok("chat.hide", message_id=slip["result"]["message_id"])
    await mod.ok("breakout.broadcast", text="Five more minutes")
    await mod.wait_event("breakout.warned")
    await mod.ok("breakout.extend", seconds=120)
    assert started["result"]["deadline"] != (await anna.wait_event("breakout.extended"))["data"]["deadline"]
    await m.check(viewers)

    await mod.ok("breakout.end")
    # Removal is a ban; eve is removed and let back in, dora stays banned.
    await mod.ok("participant.remove", participant_id=m.id("eve"))
    await mod.ok("participant.lift_ban", participant_id=m.id("eve"))
    await mod.ok("meeting.end")
    await m.check(viewers, last="meeting.ended")
    # The record is published after the end: the pages are told and load it themselves (no state in the event).
    published = await api.http.post(f"/api/v1/meetings/{m.info['id']}/record/publish", json={}, headers={"Authorization": f"Bearer {m.info['moderator_token']}"})
    assert published.status_code == 200, published.text
    await m.check(viewers, last="record.published")

    m.seen |= await boards_scenario(api, connect, replay_script, server)
    m.seen |= await roles_scenario(api, connect, replay_script, server)

    # Every event type the server has was replayed through the reducers (a new one must be added here).
    assert set(all_event_types()) - m.seen == set()


async def boards_scenario(api: Api, connect: Any, script: Path, server: ServerProcess) -> set[str]:
    """Capture boards: cards named and anonymous, the moderator's tools, dot votes, a plan signed, a private
    note, and a person who erases their data (their card goes)."""
    b = Meeting(api, connect, script)
    await b.open_with_boards(server)
    mod = b.moderator
    anna, ben, cai, eve = [await b.join(name) for name in ("anna", "ben", "cai", "eve")]
    viewers = {"moderator": mod, "anna": anna, "cai": cai}
    await mod.ok("meeting.start")

    def added(card_id: str | None = None, anonymous: bool = False) -> Any:
        return lambda e: e["data"]["card"]["id"] == card_id if card_id else e["data"]["card"]["anonymous"] == anonymous

    first = (await anna.ok("board.card.add", board_id="signs", column_id="well", text="Attendance is up"))["result"]["card_id"]
    await ben.ok("board.card.add", board_id="signs", column_id="worried", text="Nobody listens to the mother", anonymous=True)
    hidden = (await ben.ok("board.card.add", board_id="signs", column_id="worried", text="Said in anger"))["result"]["card_id"]
    second = (await cai.ok("board.card.add", board_id="signs", column_id="worried", text="Sleeps badly"))["result"]["card_id"]
    anonymous = (await mod.wait_event("board.card_added", added(anonymous=True)))["data"]["card"]["id"]
    await mod.ok("board.card.tag", card_id=first, tags=["fact"])
    await mod.ok("board.card.move", card_id=anonymous, column_id="worried", position=0)
    await mod.ok("board.card.move", card_id=first, column_id="next", position=0)
    await mod.ok("board.card.merge", card_id=second, into_id=anonymous)
    await mod.ok("board.card.hide", card_id=hidden)
    await mod.ok("board.card.edit", card_id=hidden, text="Said in anger (kept for the moderators)")
    shown = (await anna.ok("board.card.add", board_id="signs", column_id="well", text="Hidden a moment"))["result"]["card_id"]
    await mod.ok("board.card.hide", card_id=shown)
    await mod.ok("board.card.unhide", card_id=shown)

    x = (await anna.ok("board.card.add", board_id="ideas", column_id="ideas", text="A shared intake form"))["result"]["card_id"]
    y = (await eve.ok("board.card.add", board_id="ideas", column_id="ideas", text="Monthly drop-in"))["result"]["card_id"]
    await mod.ok("board.card.theme", card_id=x, theme="Data sharing")
    await mod.ok("board.card.assign", card_id=x, owner="Refugee Council", due="2026-04-01")
    await anna.ok("board.card.vote", card_id=x)
    await anna.ok("board.card.vote", card_id=y)
    await eve.ok("board.card.vote", card_id=x)
    await cai.ok("board.card.vote", card_id=y)
    await anna.ok("board.card.unvote", card_id=x)
    await mod.ok("board.card.add", board_id="note", column_id="note", text="Notify the team manager")
    await mod.ok("board.plan.sign", board_id="plan")
    await mod.ok("board.plan.unsign", board_id="plan")
    await mod.ok("board.plan.sign", board_id="plan")
    await b.check(viewers)

    # Eve erases her data: her card and her dots go from everyone's boards.
    response = await api.http.delete("/api/v1/me", headers={"Authorization": f"Bearer {b.joined['eve']['token']}"})
    assert response.status_code == 204, response.text
    await anna.wait_event("board.card_removed", lambda e: e["data"]["card_id"] == y)
    await b.check(viewers)
    return b.seen


async def roles_scenario(api: Api, connect: Any, script: Path, server: ServerProcess) -> set[str]:
    """A learning conversation's agreement acknowledged by everyone, a role set, a scale answered (one answer
    changed) and revealed."""
    r = Meeting(api, connect, script)
    # The organiser's own format with ground rules and a scale asked in its first stage.
    r.info = await boards_meeting(api, server, LEARNING.model_dump(mode="json", exclude_defaults=True), title="Learning conversation: replay")
    r.moderator = await connect(r.info["moderator_token"], "moderator")
    mod = r.moderator
    anna, ben, cai = [await r.join(name) for name in ("anna", "ben", "cai")]
    viewers = {"moderator": mod, "anna": anna, "cai": cai}
    for person in (mod, anna, ben, cai):
        await person.ok("agreement.acknowledge")
    await mod.ok("meeting.start")
    await mod.ok("participant.set_role", participant_id=r.id("cai"), role="observer")
    await mod.ok("participant.set_role", participant_id=r.id("cai"), role="agency_representative")
    for person, value in ((anna, 3), (ben, 7), (cai, 7), (anna, 5)):
        await person.ok("scale.answer", scale_id="situation", value=value)
    await r.check(viewers)
    await mod.ok("scale.reveal", scale_id="situation")
    await r.check(viewers)
    return r.seen
