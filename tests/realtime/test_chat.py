"""The chat: kinds, resources, moderation, history, limits."""

import asyncio


async def test_chat_kinds_reach_everyone_and_resources_are_collected(room, api):
    r = await room("Anna", "Bo")
    await r["Anna"].ok("chat.send", text="We had the same situation last spring", kind="reflection")
    await r["Bo"].ok(
        "chat.send", text="The guidance we use", kind="resource", url="https://example.org/barnahus-standards", title="Barnahus Quality Standards"
    )
    event = await r.moderator.wait_event("chat.sent", lambda e: e["data"]["message"]["kind"] == "resource")
    message = event["data"]["message"]
    assert message["url"] == "https://example.org/barnahus-standards"
    assert message["author"]["display_name"] == "Bo"
    reflection = await r["Bo"].wait_event("chat.sent", lambda e: e["data"]["message"]["kind"] == "reflection")
    assert reflection["data"]["message"]["text"] == "We had the same situation last spring"
    markdown = await api.http.get(f"/api/v1/meetings/{r.meeting['id']}/resources.md", headers={"Authorization": f"Bearer {r.meeting['moderator_token']}"})
    assert markdown.status_code == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert "[Barnahus Quality Standards](https://example.org/barnahus-standards)" in markdown.text
    assert "shared by Bo" in markdown.text
    participant_try = await api.http.get(f"/api/v1/meetings/{r.meeting['id']}/resources.md", headers={"Authorization": f"Bearer {r.joined['Anna']['token']}"})
    assert participant_try.status_code == 403 and participant_try.json()["error"]["code"] == "forbidden"


async def test_a_resource_needs_a_web_link(room):
    r = await room("Anna")
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/x", "example.org", None):
        answer = await r["Anna"].command("chat.send", text="Look", kind="resource", url=url)
        assert answer["ok"] is False and answer["error"]["code"] == "invalid_input", url
    not_a_resource = await r["Anna"].command("chat.send", text="Look", url="https://example.org")
    assert not_a_resource["error"]["code"] == "invalid_input"


async def test_a_hidden_message_disappears_for_everyone_and_from_the_resources(room, connect, api):
    r = await room("Anna", "Bo")
    sent = await r["Anna"].ok("chat.send", text="Name of the child: ...", kind="resource", url="https://example.org/case")
    message_id = sent["result"]["message_id"]
    await r.moderator.ok("chat.hide", message_id=message_id)
    hidden = await r["Bo"].wait_event("chat.hidden")
    assert hidden["data"]["message_id"] == message_id
    again = await r.moderator.command("chat.hide", message_id=message_id)
    assert again["error"]["code"] == "already_hidden"
    fresh = await connect(r.joined["Bo"]["token"], "bo-again")
    assert all(m["id"] != message_id for m in fresh.snapshot["meeting"]["chat"]["messages"])
    assert fresh.snapshot["meeting"]["resources"] == []
    history = await api.http.get(f"/api/v1/meetings/{r.meeting['id']}/chat", headers={"Authorization": f"Bearer {r.joined['Bo']['token']}"})
    assert "Name of the child" not in history.text


async def test_the_snapshot_holds_the_latest_hundred_and_older_pages_come_on_request(room, connect, api, server):
    r = await room("Anna")
    # Written straight through the commands of several people so that the rate limit is not what is tested here.
    senders = [r.moderator, r["Anna"]]
    for extra in range(22):
        joined = await api.join(r.meeting["join_code"], f"Writer {extra}")
        senders.append(await connect(joined["token"], f"writer-{extra}"))
    for i in range(120):
        sender = senders[i % len(senders)]
        for _ in range(50):
            answer = await sender.command("chat.send", text=f"line {i}")
            if answer["ok"]:
                break
            assert answer["error"]["code"] == "rate_limited"
            await asyncio.sleep(0.2)
    fresh = await connect(r.joined["Anna"]["token"], "anna-again")
    chat = fresh.snapshot["meeting"]["chat"]
    assert [m["text"] for m in chat["messages"]] == [f"line {i}" for i in range(20, 120)]
    assert chat["has_more"] is True
    auth = {"Authorization": f"Bearer {r.joined['Anna']['token']}"}
    first_page = (await api.http.get(f"/api/v1/meetings/{r.meeting['id']}/chat?limit=100", headers=auth)).json()
    assert [m["text"] for m in first_page["messages"]] == [f"line {i}" for i in range(20, 120)]
    page = (await api.http.get(f"/api/v1/meetings/{r.meeting['id']}/chat", params={"before": first_page["messages"][0]["seq"], "limit": 50}, headers=auth)).json()
    assert [m["text"] for m in page["messages"]] == [f"line {i}" for i in range(0, 20)]
    assert page["has_more"] is False
    too_many = await api.http.get(f"/api/v1/meetings/{r.meeting['id']}/chat", params={"limit": 5000}, headers=auth)
    assert too_many.status_code == 422 and too_many.json()["error"]["code"] == "invalid_input"


async def test_sending_too_fast_is_rate_limited(room):
    r = await room("Anna")
    answers = [await r["Anna"].command("chat.send", text=f"message {i}") for i in range(8)]
    assert [a["ok"] for a in answers[:5]] == [True] * 5
    limited = answers[5]
    assert limited["ok"] is False and limited["error"]["code"] == "rate_limited"
    # A later line reaches the moderator after anything Anna's refused lines could have sent.
    await r.moderator.ok("chat.send", text="Slow down a little, Anna")
    await r.moderator.wait_event("chat.sent", lambda e: e["data"]["message"]["text"] == "Slow down a little, Anna")
    assert len([e for e in r.moderator.events_of("chat.sent") if e["data"]["message"]["author"]["display_name"] == "Anna"]) == 5
