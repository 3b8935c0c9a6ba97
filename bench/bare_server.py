"""The baseline for bench/fanout.py: a bare python-socketio broadcast server under uvicorn.

No database, no rules: every socket joins one room, and a `command` is answered with a version and
broadcast to that room as an envelope shaped like the project's. It runs with the project's transport
settings: no websocket compression, no HTTP compression, and the same garbage-collector threshold as
`python -m app serve`. bench/bare_server.mjs is its twin on Node's socket.io and does exactly the same:

- `chat.sent`: the message, as the project sends it.
- `hand.raise` / `hand.lower`: the queue is a list in memory; every change is broadcast at once as a small
  delta, `hand.raised` `{participant_id, entry, position}` and `hand.lowered` `{participant_id, reason}`.
- `consent.open_ballot`: a ballot of everyone connected at that moment; every `consent.vote` is counted and
  broadcast at once as `consent.changed` (state, eligible, voted); the vote that completes the count turns
  the state to `recording_allowed`. No rule beyond the count, no privacy choice, nothing stored.

    python bench/bare_server.py --port 8123 --ws websockets-sansio --gc-threshold 50000,20,100

bench/fanout.py passes the websocket implementation and the threshold it finds in app/__main__.py.
"""

import argparse
import gc
import uuid
from datetime import UTC, datetime
from typing import Any

import socketio
import uvicorn

ROOM = "meeting"


def iso_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def create_app() -> socketio.ASGIApp:
    sio = socketio.AsyncServer(
        async_mode="asgi",
        http_compression=False,
        compression_threshold=10**9,
        logger=False,
        engineio_logger=False,
    )
    people: dict[str, dict[str, str]] = {}
    state: dict[str, Any] = {"version": 0}
    queue: list[dict[str, Any]] = []
    ballot: dict[str, Any] = {"state": "undecided", "eligible": 0, "voters": set(), "opened_at": None}

    def consent_view() -> dict[str, Any]:
        open_ = ballot["state"] == "opening_ballot"
        counts = {"phase": "opening", "eligible": ballot["eligible"], "voted": len(ballot["voters"]), "opened_at": ballot["opened_at"]}
        return {"state": ballot["state"], "ballot": counts if open_ else None, "recording": None, "recordings": 0}

    @sio.on("connect")
    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        if not token:
            raise socketio.exceptions.ConnectionRefusedError("unauthorized")
        people[sid] = {"participant_id": str(uuid.uuid5(uuid.NAMESPACE_OID, token)), "display_name": f"Person {len(people) + 1}"}
        await sio.enter_room(sid, ROOM)
        sio.start_background_task(welcome, sid)

    async def welcome(sid: str) -> None:
        # The CONNECT packet goes out after the connect handler returns; the snapshot follows it.
        while not sio.manager.is_connected(sid, "/"):
            await sio.sleep(0.001)
        meeting = {"hands": {"rule": "fairness", "entries": queue}, "consent": consent_view()}
        await sio.emit("snapshot", {"version": state["version"], "server_time": iso_now(), "you": people[sid], "meeting": meeting}, to=sid)

    @sio.on("disconnect")
    async def disconnect(sid: str, *args: Any) -> None:
        people.pop(sid, None)

    @sio.on("command")
    async def command(sid: str, message: Any = None) -> dict[str, Any]:
        who = people[sid]
        kind = message.get("type") if isinstance(message, dict) else None
        data = message.get("data") or {} if isinstance(message, dict) else {}
        state["version"] += 1
        version, at = state["version"], iso_now()
        entry = {
            "participant_id": who["participant_id"],
            "display_name": who["display_name"],
            "note": None,
            "raised_at": at,
            "has_spoken": False,
            "away": False,
        }
        if kind == "chat.send":
            event = {
                "message": {
                    "id": str(uuid.uuid4()),
                    "room_id": None,
                    "author": {"participant_id": who["participant_id"], "display_name": who["display_name"]},
                    "kind": "message",
                    "text": str(data.get("text", "")),
                    "url": None,
                    "title": None,
                    "created_at": at,
                }
            }
            type_ = "chat.sent"
        elif kind == "hand.raise":
            queue[:] = [e for e in queue if e["participant_id"] != who["participant_id"]] + [entry]
            event, type_ = {"participant_id": who["participant_id"], "entry": entry, "position": len(queue) - 1}, "hand.raised"
        elif kind == "hand.lower":
            queue[:] = [e for e in queue if e["participant_id"] != who["participant_id"]]
            event, type_ = {"participant_id": who["participant_id"], "reason": "lowered"}, "hand.lowered"
        elif kind == "consent.open_ballot":
            ballot.update(state="opening_ballot", eligible=len(people), voters=set(), opened_at=at)
            event, type_ = consent_view(), "consent.changed"
        elif kind == "consent.vote" and ballot["state"] == "opening_ballot":
            ballot["voters"].add(who["participant_id"])
            if len(ballot["voters"]) >= ballot["eligible"]:
                ballot["state"] = "recording_allowed"
            event, type_ = consent_view(), "consent.changed"
        else:
            return {"ok": False, "error": {"code": "invalid_input", "message": "Unknown command type."}}
        await sio.emit("event", {"version": version, "type": type_, "data": event, "at": at}, to=ROOM)
        return {"ok": True, "version": version}

    async def health(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await receive()
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"status": "ok"}'})

    return socketio.ASGIApp(sio, other_asgi_app=health)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ws", default="websockets-sansio", help="uvicorn's websocket implementation")
    parser.add_argument("--gc-threshold", default="50000,20,100", help="gc.set_threshold arguments, comma-separated")
    args = parser.parse_args()
    # The default collector runs constantly with many sockets; the project raises its first threshold.
    gc.set_threshold(*(int(x) for x in args.gc_threshold.split(",")))
    uvicorn.run(
        create_app(),
        host=args.host,
        port=args.port,
        log_level="warning",
        ws=args.ws,
        ws_per_message_deflate=False,
        proxy_headers=False,
    )


if __name__ == "__main__":
    main()
