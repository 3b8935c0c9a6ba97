"""Each role of each format that defines roles may do what its definition grants, and nothing else.

Walked through from the definitions themselves (the built-ins and the small ones in definitions.py): for every
role, a person is given it by the moderator and tries to raise a hand, ask a question and chat; a right the role
lacks is refused with `not_allowed_for_role`, an observer's every action with `observer_cannot_act`.
"""

from typing import Any

import pytest

from app.formats import catalogue
from app.formats.definition import Base, FormatDef, Right
from tests.harness import Harness, MeetingHandle, Person
from tests.roles.definitions import CONFERENCE, NETWORK_TIME, every_role

ACTIONS: list[tuple[str, Right, dict[str, Any]]] = [
    ("hand.raise", Right.raise_hand, {}),
    ("question.submit", Right.ask_question, {"text": "What does the school see?"}),
    ("chat.send", Right.chat, {"text": "I can bring the health visitor's notes.", "kind": "message"}),
]


def format_of(definition: FormatDef) -> str:
    return definition.id if definition.id in catalogue.builtin() else "open"


async def meeting_with_roles(h: Harness, definition: FormatDef, *names: str) -> tuple[MeetingHandle, dict[str, Person]]:
    """A live meeting of this format with these people; the agreement (if any) acknowledged by the moderator,
    and the meeting in a stage where anyone may speak and ask (none left waiting)."""
    meeting, people = await h.meeting(*names, definition=definition, start=False, format=format_of(definition))
    if definition.agreement is not None:
        await h.ok(meeting.moderator, "agreement.acknowledge")
    await h.ok(meeting.moderator, "meeting.start")
    open_stage = next((s for s in definition.stages if s.floor and s.questions and not s.only_roles), None)
    if definition.stages and open_stage is not None and open_stage.id != definition.stages[0].id:
        await h.ok(meeting.moderator, "stage.set", stage=open_stage.id)
    return meeting, people


@pytest.mark.parametrize(("definition", "role_id"), every_role(), ids=lambda v: v.id if isinstance(v, FormatDef) else v)
async def test_a_role_may_do_what_its_format_grants_and_nothing_more(h: Harness, definition: FormatDef, role_id: str) -> None:
    meeting, people = await meeting_with_roles(h, definition, "ama")
    ama = people["ama"]
    await h.ok(meeting.moderator, "participant.set_role", participant_id=ama.id, role=role_id)
    role = definition.role(role_id)
    if definition.agreement is not None and not role.observer:
        await h.ok(ama, "agreement.acknowledge")

    state = await h.snapshot(ama)
    assert state["you"]["format_role"] == role_id
    assert state["you"]["observer"] == (role.observer and role.base != Base.moderator)
    moderator = role.base == Base.moderator
    assert state["you"]["role"] == ("moderator" if moderator else "participant")
    assert state["you"]["view"] == ("full" if moderator else role.view)
    for command, right, data in ACTIONS:
        allowed = moderator or (not role.observer and right in role.rights)
        assert (right in state["you"]["rights"]) == allowed
        answer = await h.command(ama, command, **data)
        if allowed:
            assert answer["ok"], (command, answer)
        else:
            expected = "observer_cannot_act" if role.observer else "not_allowed_for_role"
            assert answer == {"ok": False, "error": {"code": expected, "message": answer["error"]["message"]}}, command
    # Everyone's list names the role.
    listed = next(p for p in (await h.snapshot(meeting.moderator))["meeting"]["participants"] if p["participant_id"] == ama.id)
    assert listed["format_role"] == role_id


async def test_a_refused_action_changes_nothing(h: Harness) -> None:
    meeting, people = await meeting_with_roles(h, CONFERENCE, "ama", "ben")
    await h.ok(meeting.moderator, "participant.set_role", participant_id=people["ama"].id, role="public_partner")
    before = await h.snapshot(people["ben"])
    answer = await h.command(people["ama"], "chat.send", text="Only for the network", kind="message")
    assert answer["error"]["code"] == "not_allowed_for_role"
    after = await h.snapshot(people["ben"])
    assert after["meeting"]["chat"] == before["meeting"]["chat"] and after["version"] == before["version"]


async def test_the_focal_person_takes_no_turn_and_does_not_wait_in_the_hand_queue(h: Harness) -> None:
    meeting, people = await meeting_with_roles(h, CONFERENCE, "ama", "ben", "cai")
    ama, ben, cai = people["ama"], people["ben"], people["cai"]
    await h.ok(meeting.moderator, "participant.set_role", participant_id=ama.id, role="focal_person")
    await h.ok(meeting.moderator, "stage.set", stage="rounds")
    turns = (await h.snapshot(ben))["meeting"]["stage"]["turns"]
    assert [t["display_name"] for t in turns["order"]] == ["ben", "cai"]
    assert (await h.command(ama, "turn.pass"))["error"]["code"] == "not_allowed_for_role"

    # Ben and Cai raise their hands, then Ama: she is the centre of the meeting and does not wait behind them.
    await h.ok(ben, "hand.raise")
    await h.ok(cai, "hand.raise")
    await h.ok(ama, "hand.raise")
    queue = (await h.snapshot(ben))["meeting"]["hands"]["entries"]
    assert [(e["display_name"], e["reason"]) for e in queue] == [("ama", "not_queued"), ("ben", None), ("cai", None)]


async def test_a_raised_hand_goes_down_when_the_role_is_no_longer_queued(h: Harness) -> None:
    meeting, people = await meeting_with_roles(h, CONFERENCE, "ama", "ben")
    await h.ok(people["ama"], "hand.raise")
    await h.ok(people["ben"], "hand.raise")
    await h.ok(meeting.moderator, "participant.set_role", participant_id=people["ama"].id, role="focal_person")
    entries = (await h.snapshot(people["ben"]))["meeting"]["hands"]["entries"]
    assert [e["display_name"] for e in entries] == ["ben"]
    lowered = h.socket(people["ben"]).of("hand.lowered")[-1]["data"]
    assert lowered == {"participant_id": people["ama"].id, "reason": "lowered_by_moderator"}


async def test_in_an_only_roles_stage_the_others_wait(h: Harness) -> None:
    meeting, people = await h.meeting("ama", "ben", "partner", definition=NETWORK_TIME)
    ama, ben, partner = people["ama"], people["ben"], people["partner"]
    await h.ok(meeting.moderator, "participant.set_role", participant_id=ama.id, role="focal_person")
    await h.ok(meeting.moderator, "participant.set_role", participant_id=partner.id, role="public_partner")

    for command, _right, data in ACTIONS:
        refused = await h.command(partner, command, **data)
        assert refused["error"]["code"] == "waiting_for_stage", command
        assert "The network's own time" in refused["error"]["message"]
    await h.ok(ben, "chat.send", text="We can take turns driving him.", kind="message")
    await h.ok(ama, "hand.raise")
    await h.ok(meeting.moderator, "chat.send", text="Ten more minutes.", kind="message")


async def test_observers_follow_but_cannot_act(h: Harness) -> None:
    meeting, people = await meeting_with_roles(h, CONFERENCE, "olu", "ben")
    olu = people["olu"]
    await h.ok(meeting.moderator, "participant.set_role", participant_id=olu.id, role="observer")
    line = await h.ok(people["ben"], "question.submit", text="Who visits on Fridays?")
    await h.ok(meeting.moderator, "question.approve", question_id=line["result"]["question_id"])
    for command, data in [
        ("hand.raise", {}), ("hand.lower", {}), ("hand.finish_speaking", {}), ("chat.send", {"text": "hi", "kind": "message"}),
        ("question.submit", {"text": "May I?"}), ("question.upvote", {"question_id": line["result"]["question_id"]}),
        ("turn.pass", {}), ("breakout.choose", {"room_id": "x"}), ("meeting.start", {}),
    ]:
        answer = await h.command(olu, command, **data)
        assert answer["error"]["code"] in ("observer_cannot_act", "forbidden"), command
    # What they may do: their own consent vote, and their name's place in the summary.
    await h.ok(meeting.moderator, "consent.open_ballot", phase="opening")
    await h.ok(olu, "consent.vote", choice="record")
    await h.ok(olu, "summary.share_name", share=False)
    # They see the meeting: the question, the list of people.
    state = await h.snapshot(olu)
    assert [q["text"] for q in state["meeting"]["questions"]] == ["Who visits on Fridays?"]
    assert state["you"]["rights"] == [] and state["you"]["observer"] is True


class TestSetRole:
    async def test_only_a_moderator_sets_roles(self, h: Harness) -> None:
        meeting, people = await h.meeting("ama", "ben", definition=CONFERENCE)
        answer = await h.command(people["ama"], "participant.set_role", participant_id=people["ama"].id, role="coordinator")
        assert answer["error"]["code"] == "forbidden"
        assert (await h.snapshot(people["ama"]))["you"]["role"] == "participant"

    async def test_a_role_the_format_does_not_have_is_refused(self, h: Harness) -> None:
        meeting, people = await h.meeting("ama", definition=CONFERENCE)
        answer = await h.command(meeting.moderator, "participant.set_role", participant_id=people["ama"].id, role="judge")
        assert answer["error"]["code"] == "invalid_input" and "focal_person" in answer["error"]["message"]

    async def test_someone_of_another_meeting_is_not_found(self, h: Harness) -> None:
        meeting, _ = await h.meeting("ama", definition=CONFERENCE)
        _, others = await h.meeting("zed", definition=CONFERENCE)
        answer = await h.command(meeting.moderator, "participant.set_role", participant_id=others["zed"].id, role="observer")
        assert answer["error"]["code"] == "not_found"

    async def test_everyone_hears_the_new_role_and_the_person_gets_its_rights(self, h: Harness) -> None:
        meeting, people = await h.meeting("ama", "ben", definition=CONFERENCE)
        await h.ok(meeting.moderator, "participant.set_role", participant_id=people["ama"].id, role="family_member")
        updated = h.socket(people["ben"]).of("participant.updated")[-1]["data"]["participant"]
        assert updated["participant_id"] == people["ama"].id and updated["format_role"] == "family_member"
        state = await h.snapshot(people["ama"])
        assert state["you"]["view"] == "simple" and state["you"]["rights"] == ["chat", "queued", "raise_hand"]
        names = {r["id"]: r["name"]["en"] for r in state["meeting"]["roles"]}
        assert names["family_member"] == "Family Member"

    async def test_a_moderator_based_role_makes_the_person_a_moderator(self, h: Harness) -> None:
        meeting, people = await h.meeting("ama", "ben", definition=CONFERENCE)
        ama = people["ama"]
        socket = h.socket(ama)
        await h.ok(meeting.moderator, "participant.set_role", participant_id=ama.id, role="coordinator")
        # Her page is closed and reconnects: the new snapshot is a moderator's, in the moderators' room.
        assert not socket.open
        ama.role = ama.role.moderator
        again = await h.connect(ama)
        assert again.snapshot["you"]["role"] == "moderator" and "join_code" in again.snapshot["meeting"]
        await h.ok(ama, "participant.remove", participant_id=people["ben"].id)

        # The first moderator may now hand over: a moderator becomes a network member while another remains.
        await h.ok(ama, "participant.set_role", participant_id=meeting.moderator.id, role="network_member")
        assert (await h.snapshot(meeting.moderator))["you"]["role"] == "participant"
        # The last moderator cannot stop being one.
        answer = await h.command(ama, "participant.set_role", participant_id=ama.id, role="network_member")
        assert answer["error"]["code"] == "last_moderator"


async def test_the_public_partner_cannot_write_the_plan_during_the_networks_own_time(h: Harness) -> None:
    # The built-in conference: the network deliberates alone; the professionals wait, also on the plan board.
    meeting, people = await h.meeting("ama", "ben", "partner", format="network_group_conference")
    ama, ben, partner = people["ama"], people["ben"], people["partner"]
    await h.ok(meeting.moderator, "participant.set_role", participant_id=ama.id, role="focal_person")
    await h.ok(meeting.moderator, "participant.set_role", participant_id=ben.id, role="network_member")
    await h.ok(meeting.moderator, "participant.set_role", participant_id=partner.id, role="public_partner")
    await h.ok(meeting.moderator, "stage.set", stage="network_time")
    card = {"board_id": "plan", "column_id": "network_resources", "text": "We can drive him to training."}
    refused = await h.command(partner, "board.card.add", **card)
    assert refused["error"]["code"] == "waiting_for_stage"
    await h.ok(ben, "board.card.add", **card)
    await h.ok(meeting.moderator, "stage.set", stage="plan")
    # In the plan stage everyone is back: the plan holds the network's card, not the refused one.
    assert [c["text"] for c in (await h.snapshot(partner))["meeting"]["boards"]["cards"]] == ["We can drive him to training."]
    await h.ok(partner, "board.card.add", board_id="plan", column_id="public_partners", text="Weekly visits from the youth team.")
