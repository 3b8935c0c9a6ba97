"""The chat's rate limit is a sliding window: five lines in any five seconds, counted on the server's clock."""

from tests.harness import Harness


async def test_the_window_slides_with_the_clock(h: Harness) -> None:
    meeting, people = await h.meeting("anna")
    anna, room = people["anna"], h.socket(meeting.moderator)
    for second in range(5):
        if second:
            h.clock.advance(1)
        await h.ok(anna, "chat.send", text=f"line {second}")
    # 4.999 s after the first line, all five are still inside the window.
    h.clock.advance(0.999)
    refused = await h.command(anna, "chat.send", text="one too many")
    assert refused["error"]["code"] == "rate_limited"
    # Five seconds after the first line, it has left the window: one more fits, and only one.
    h.clock.advance(0.001)
    await h.ok(anna, "chat.send", text="line 5")
    assert (await h.command(anna, "chat.send", text="and another"))["error"]["code"] == "rate_limited"
    # Others are not slowed down by Anna.
    await h.ok(meeting.moderator, "chat.send", text="Thanks, Anna")
    assert [e["data"]["message"]["text"] for e in room.of("chat.sent")] == [*(f"line {i}" for i in range(6)), "Thanks, Anna"]
