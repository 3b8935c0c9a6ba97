"""Many people acting at once: what each person sees adds up to what a fresh snapshot shows."""

import asyncio

from tests.support import Client, until

NAMES = [f"P{i:02}" for i in range(12)]


def replay_queue(client: Client) -> list[str]:
    """The queue as a page builds it: the snapshot's, then every hand delta or full queue in arrival order."""
    queue = [e["participant_id"] for e in client.snapshots[-1]["meeting"]["hands"]["entries"]]
    for event in client.events:
        data = event["data"]
        if event["type"] == "hand.raised":
            queue = [p for p in queue if p != data["participant_id"]]
            queue.insert(min(data["position"], len(queue)), data["entry"]["participant_id"])
        elif event["type"] == "hand.lowered":
            queue = [p for p in queue if p != data["participant_id"]]
        elif "queue" in data:
            queue = [e["participant_id"] for e in data["queue"]["entries"]]
    return queue


async def test_a_burst_of_hands_adds_up_to_the_queue_for_everyone(room, connect):
    r = await room(*NAMES)
    # Three have spoken: under the fairness rule their new hands go behind the others', so positions vary.
    for name in NAMES[:3]:
        await r[name].ok("hand.raise")
        await r.moderator.ok("hand.give_floor")
    await r.moderator.ok("hand.finish_speaking")
    await asyncio.gather(*(r[name].ok("hand.raise") for name in NAMES))
    await asyncio.gather(*(r[name].ok("hand.lower") for name in NAMES[5:8]))
    fresh = await connect(r.meeting["moderator_token"], "moderator-second-tab")
    truth = [e["participant_id"] for e in fresh.snapshot["meeting"]["hands"]["entries"]]
    assert len(truth) == len(NAMES) - 3
    assert set(truth[-3:]) == {r.joined[name]["participant_id"] for name in NAMES[:3]}
    for client in r.everyone():
        await until(lambda c=client: replay_queue(c) == truth, f"full queue for {client.name}", every=0.05)


BALLOT = [f"V{i:02}" for i in range(54)]  # with the moderator, a ballot of more than coalesce.LARGE_BALLOT


async def test_a_ballot_everyone_answers_at_once_reaches_everyone_in_recorded_order(room):
    """55 answer `record` at once. Everyone learns the outcome; each voter learns their own answer is on record;
    and every person's events, counts and own part alike, arrive in the order they were recorded."""
    r = await room(*BALLOT)
    await r.moderator.ok("consent.open_ballot", phase="opening")
    await asyncio.gather(*(client.ok("consent.vote", choice="record") for client in r.everyone()))
    for client in r.everyone():
        await until(lambda c=client: any(e["data"]["state"] == "recording_allowed" for e in c.events_of("consent.changed")), f"the outcome for {client.name}", every=0.05)
        # The outcome and everyone's own part share a version, the outcome recorded first: a person's own part may
        # come a tick after it (app/realtime/coalesce.py holds it for its room).
        on_record = {"question": None, "my_vote": "record", "can_withdraw": True}
        await until(lambda c=client: c.events_of("consent.personal_changed")[-1]["data"] == on_record, f"{client.name}'s own answer on record", every=0.05)
        versions = [e["version"] for e in client.raw_events]
        assert versions == sorted(versions), f"{client.name} got events out of order"
