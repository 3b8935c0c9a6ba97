"""The raise-hand queue and the floor, as the people in a meeting experience them."""


def queue_names(event_or_snapshot_hands: dict) -> list[str]:
    return [e["display_name"] for e in event_or_snapshot_hands["entries"]]


async def test_hands_open_only_while_the_meeting_is_live(room):
    r = await room("anna", start=False)
    early = await r["anna"].command("hand.raise")
    assert early["error"]["code"] == "meeting_not_live"
    await r.moderator.ok("meeting.start")
    await r["anna"].ok("hand.raise")
    again = await r["anna"].command("hand.raise")
    assert again["error"]["code"] == "hand_already_raised"
    await r.moderator.ok("meeting.end")
    # The end took the hand down with it: there is nothing left to lower.
    late = await r["anna"].command("hand.lower")
    assert late["error"]["code"] == "no_hand_raised"
    cleared = await r["anna"].wait_event("hands.cleared")
    assert cleared["data"]["queue"]["entries"] == []
    refused = await r["anna"].command("hand.raise")
    assert refused["error"]["code"] == "meeting_not_live"


async def test_the_floor_goes_in_turn_and_the_fairness_rule_puts_first_timers_first(room, connect):
    r = await room("Anna", "Bo", "Carla")
    await r["Anna"].ok("hand.raise")
    await r["Bo"].ok("hand.raise")
    given = await r.moderator.ok("hand.give_floor")
    floor = await r["Carla"].wait_event("floor.given", lambda e: e["version"] == given["version"])
    assert floor["data"]["speaker"]["display_name"] == "Anna"
    assert queue_names(floor["data"]["queue"]) == ["Bo"]
    await r["Anna"].ok("hand.finish_speaking")
    ended = await r["Carla"].wait_event("floor.ended")
    assert ended["data"]["spoke_seconds"] >= 0
    # Anna has spoken; she raises again before Carla, yet Carla, who has not spoken, goes ahead of her.
    await r["Anna"].ok("hand.raise")
    last = await r["Carla"].ok("hand.raise")
    event = await r.moderator.wait_event("hand.raised", lambda e: e["version"] == last["version"])
    # Carla's hand goes in ahead of Anna's: the queue is now Bo, Carla, Anna.
    assert event["data"]["position"] == 1
    assert event["data"]["entry"]["display_name"] == "Carla" and event["data"]["entry"]["has_spoken"] is False
    fresh = await connect(r.meeting["moderator_token"], "moderator-second-tab")
    assert fresh.snapshot["meeting"]["hands"]["rule"] == "fairness"
    assert queue_names(fresh.snapshot["meeting"]["hands"]) == ["Bo", "Carla", "Anna"]
    assert [e["has_spoken"] for e in fresh.snapshot["meeting"]["hands"]["entries"]] == [False, False, True]
    # Without the rule it is first come, first served.
    configured = await r.moderator.ok("meeting.configure", fairness=False)
    event = await r["Bo"].wait_event("meeting.configured", lambda e: e["version"] == configured["version"])
    assert event["data"]["queue"]["rule"] == "first_come"
    assert queue_names(event["data"]["queue"]) == ["Bo", "Anna", "Carla"]


async def test_a_moderator_can_give_the_floor_to_anyone_and_clear_the_queue(room):
    r = await room("Anna", "Bo")
    await r["Anna"].ok("hand.raise")
    given = await r.moderator.ok("hand.give_floor", participant_id=r.joined["Bo"]["participant_id"])
    event = await r["Anna"].wait_event("floor.given", lambda e: e["version"] == given["version"])
    assert event["data"]["speaker"]["display_name"] == "Bo"
    assert queue_names(event["data"]["queue"]) == ["Anna"]
    # Giving the floor to the next one ends Bo's turn.
    await r.moderator.ok("hand.give_floor")
    ended = await r["Anna"].wait_event("floor.ended")
    assert ended["data"]["participant_id"] == r.joined["Bo"]["participant_id"]
    await r["Bo"].ok("hand.raise")
    cleared = await r.moderator.ok("hand.clear")
    event = await r["Bo"].wait_event("hands.cleared", lambda e: e["version"] == cleared["version"])
    assert event["data"]["queue"]["entries"] == []
    empty = await r.moderator.command("hand.give_floor")
    assert empty["error"]["code"] == "queue_empty"
    await r.moderator.ok("hand.finish_speaking")
    nobody = await r.moderator.command("hand.finish_speaking")
    assert nobody["error"]["code"] == "nobody_speaking"


async def test_the_speaker_and_their_time_are_in_every_snapshot(room, connect):
    r = await room("Anna")
    await r["Anna"].ok("hand.raise")
    await r.moderator.ok("hand.give_floor")
    late = await connect(r.joined["Anna"]["token"], "anna-second-tab")
    speaker = late.snapshot["meeting"]["speaker"]
    assert speaker["display_name"] == "Anna" and speaker["since"].endswith("Z")
