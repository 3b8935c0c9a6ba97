"""Old snapshot + the events since == a fresh snapshot, for the breakout and the stage (the idea from Zulip's verify_action)."""

from typing import Any


def apply(state: dict[str, Any], event: dict, me: str) -> None:
    """What a client does with each event of these areas (frontend/src/breakouts/state.ts, stages/state.ts)."""
    data, kind = event["data"], event["type"]
    b = state.get("breakout")
    if kind == "breakout.started":
        rooms = data["breakout"]["rooms"]
        mine = next((r["id"] for r in rooms if any(m["participant_id"] == me for m in r["members"])), None)
        state["breakout"] = {**data["breakout"], "my_room_id": mine, "chats": {}}
    elif kind == "breakout.warned" and b:
        b["warned"], b["deadline"] = True, data["deadline"]
    elif kind == "breakout.extended" and b:
        b["deadline"], b["warn_at"] = data["deadline"], data["warn_at"]
        b["warned"] = False if data["warn_at"] and data["warn_at"] > event["at"] else b["warned"]
    elif kind == "breakout.ended":
        state["breakout"] = None
    elif kind == "breakout.member_moved" and b:
        b["rooms"] = data["rooms"]
        if data["participant_id"] == me:
            b["my_room_id"] = data["room_id"]
    elif kind == "chat.sent" and b and data["message"]["room_id"]:
        chat = b["chats"].setdefault(data["message"]["room_id"], {"messages": [], "has_more": False})
        chat["messages"].append(data["message"])
    elif kind in ("stage.changed", "turn.started", "turn.passed", "turn.finished"):
        state["stage"] = data["stage"]


def area(state: dict[str, Any]) -> dict[str, Any]:
    breakout = state.get("breakout")
    if breakout:
        # A room without messages may be absent or empty: clients treat both alike.
        breakout = {**breakout, "chats": {k: v for k, v in breakout["chats"].items() if v["messages"]}}
    return {"breakout": breakout, "stage": state.get("stage")}


async def test_snapshot_plus_events_equals_a_fresh_snapshot(gathering):
    g = await gathering("anna", "ben", "cai", format="tour_de_table")
    watchers = {"anna": g["anna"], "cai": g["cai"]}
    await g.moderator.ok("stage.set", stage="rounds")
    await g.moderator.ok("turn.next")
    await g["ben"].ok("turn.pass")
    await g.moderator.ok("breakout.start", duration_s=600, warn_before_s=60, assignment="choose", rooms=[{"name": "Law"}, {"name": "Health"}])
    rooms = (await g["anna"].wait_event("breakout.started"))["data"]["breakout"]["rooms"]
    await g["anna"].ok("breakout.choose", room_id=rooms[0]["id"])
    await g["cai"].ok("breakout.choose", room_id=rooms[1]["id"])
    await g.moderator.ok("breakout.assign", participant_id=g.id("ben"), room_id=rooms[0]["id"])
    await g["anna"].ok("chat.send", room=rooms[0]["id"], text="Law room notes")
    last = await g.moderator.ok("breakout.extend", seconds=120)
    for name, client in watchers.items():
        await client.wait_event("breakout.extended")
        state = {k: v for k, v in client.snapshot["meeting"].items()}
        for event in client.events:
            apply(state, event, client.me)
        fresh = await gathering.open_client(g.joined[name]["token"], f"{name} fresh")
        assert fresh.snapshot["version"] >= last["version"]
        assert area(state) == area(fresh.snapshot["meeting"]), name
