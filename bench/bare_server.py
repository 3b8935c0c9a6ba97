"""The baseline for bench/fanout.py: a bare python-socketio broadcast server under uvicorn.

No database, no rules: every socket joins one room, and a `command` is answered with a version and
broadcast to that room as an envelope shaped like the project's (`chat.sent`, `hand.raised`,
`hand.lowered`). It runs with the project's transport settings: no websocket compression, no
HTTP compression, and the same garbage-collector threshold as `python -m app serve`.

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
    state = {"version": 0}

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
        await sio.emit("snapshot", {"version": state["version"], "server_time": iso_now(), "you": people[sid], "meeting": {}}, to=sid)

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
            event, type_ = {"participant_id": who["participant_id"], "queue": {"rule": "fairness", "entries": [entry]}}, "hand.raised"
        elif kind == "hand.lower":
            event = {"participant_id": who["participant_id"], "reason": "lowered", "queue": {"rule": "fairness", "entries": []}}
            type_ = "hand.lowered"
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
