"""What a real server sends is exactly what the wire models say (they generate the frontend's types)."""

import typing

from app.events import Event, ServerEventData, all_event_types
from app.services.snapshot import Snapshot
from app.wire import server_events

# Each message must parse (unknown fields are refused) and print back unchanged: nothing is left undescribed.


def snapshot_as_modelled(received: dict) -> None:
    assert Snapshot.model_validate(received).model_dump(mode="json") == received


def event_as_modelled(received: dict) -> None:
    assert server_events.dump_python(server_events.validate_python(received), mode="json") == received


async def test_every_snapshot_and_event_of_a_meeting_matches_the_wire_models(room, connect):
    r = await room("anna", "bo", format="tour_de_table")
    anna, bo = r["anna"], r["bo"]
    await r.moderator.ok("meeting.configure", hand_grace_seconds=30)
    await anna.ok("hand.raise", note="On the intake form")
    await r.moderator.ok("hand.give_floor")
    await r.moderator.ok("hand.finish_speaking")
    await bo.ok("hand.raise")
    await r.moderator.ok("hand.clear")
    asked = await anna.ok("question.submit", text="Who reads the reports?")
    question_id = asked["result"]["question_id"]
    await bo.ok("question.submit", text="Asked without my name", anonymous=True)
    await r.moderator.ok("question.approve", question_id=question_id)
    await bo.ok("question.upvote", question_id=question_id)
    await r.moderator.ok("question.set_current", question_id=question_id)
    await r.moderator.ok("question.mark_answered", question_id=question_id)
    said = await anna.ok("chat.send", text="A link for later", kind="resource", url="https://example.org/guide", title="Guide")
    await r.moderator.ok("chat.hide", message_id=said["result"]["message_id"])
    await r.moderator.ok("participant.set_keynote", participant_id=r.joined["bo"]["participant_id"], keynote=True)
    await r.moderator.ok("stage.set", stage="rounds")
    await r.moderator.ok("turn.next")
    await anna.ok("turn.pass")
    await r.moderator.ok("followup.add", text="Send the checklist")
    await anna.ok("summary.share_name", share=True)
    await r.moderator.ok("consent.open_ballot", phase="opening")
    await anna.ok("consent.vote", choice="record")
    await r.moderator.ok("breakout.start", duration_s=600, assignment="choose", rooms=[{"name": "Law"}, {"name": "Health"}])
    started = await anna.wait_event("breakout.started")
    await anna.ok("breakout.choose", room_id=started["data"]["breakout"]["rooms"][0]["id"])
    await r.moderator.ok("breakout.broadcast", text="Five minutes left")
    await r.moderator.ok("breakout.extend", seconds=60)
    last = await r.moderator.ok("breakout.end")
    for client in r.everyone():
        await client.wait_event("breakout.ended")
        assert client.version >= last["version"]

    seen = set()
    for client in r.everyone():
        for snapshot in client.snapshots:
            snapshot_as_modelled(snapshot)
        for event in client.raw_events:
            event_as_modelled(event)
            seen.add(event["type"])
    # The story above reaches most of the wire; a new event type belongs in it too.
    assert len(seen) >= 25, sorted(set(all_event_types()) - seen)

    # A fresh snapshot of everything that happened, for a moderator and for a participant.
    moderator = await connect(r.meeting["moderator_token"], "moderator again")
    anna_again = await connect(r.joined["anna"]["token"], "anna again")
    # Follow-up items are everyone's to see (issue 13); the join code stays the moderators'.
    assert moderator.snapshot["meeting"]["followups"] == anna_again.snapshot["meeting"]["followups"] != []
    assert "join_code" in moderator.snapshot["meeting"] and "join_code" not in anna_again.snapshot["meeting"]
    for fresh in (moderator, anna_again):
        snapshot_as_modelled(fresh.snapshot)


def test_the_event_union_holds_every_event_type():
    members = typing.get_args(typing.get_args(ServerEventData)[0])
    assert {cls.model_fields["type"].default for cls in members} == set(all_event_types())

    def leaves(cls: type[Event]) -> list[type[Event]]:
        subclasses = cls.__subclasses__()
        return [leaf for sub in subclasses for leaf in leaves(sub)] if subclasses else [cls]

    assert all(leaf.model_fields["type"].default for leaf in leaves(Event)), "an event class without a wire name"


def test_the_envelope_keeps_type_out_of_data():
    from app.events import SummaryNameSet

    assert SummaryNameSet(share=True).model_dump(mode="json") == {"share": True}
