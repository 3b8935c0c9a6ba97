async def test_a_raised_hand_reaches_everyone(api, connect):
    meeting = await api.create_meeting()
    moderator = await connect(meeting["moderator_token"], "moderator")
    anna = await api.join(meeting["join_code"], "Anna", "Barnahus Linköping")
    anna_client = await connect(anna["token"], "anna")
    await moderator.ok("meeting.start")
    answer = await anna_client.ok("hand.raise", note="I have a tool for this")
    event = await moderator.wait_event("hand.raised")
    assert event["version"] == answer["version"] > moderator.snapshot["version"]
    assert event["data"]["entry"]["participant_id"] == anna["participant_id"]
    assert event["data"]["position"] == 0
