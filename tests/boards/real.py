"""A meeting of a format with boards on a real server (tests/support.py)."""

import json
import sqlite3
from typing import Any

from tests.support import Api, ServerProcess


def keep_definition(server: ServerProcess, meeting_id: str, definition: dict[str, Any]) -> None:
    """Keep a format definition with a meeting, as a meeting made from an organiser's own format keeps it
    (written into the server's database: the definition is read afresh for every command)."""
    with sqlite3.connect(server.data_dir / "roundtable.db", timeout=30) as db:
        db.execute("UPDATE meeting SET format_definition = ? WHERE id = ?", (json.dumps(definition), meeting_id))


async def boards_meeting(api: Api, server: ServerProcess, definition: dict[str, Any], title: str = "Boards") -> dict[str, Any]:
    info = await api.create_meeting(title=title, format="open")
    keep_definition(server, info["id"], definition)
    return info
