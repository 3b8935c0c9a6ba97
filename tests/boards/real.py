"""A meeting of a format with boards on a real server (tests/support.py): the organiser makes the format
(`POST /api/v1/formats`) and a meeting of it, which keeps a copy of the definition."""

import secrets
from typing import Any

from tests.support import ORGANISER_KEY, Api, ServerProcess


async def boards_meeting(api: Api, server: ServerProcess, definition: dict[str, Any], title: str = "Boards") -> dict[str, Any]:
    # A fresh id each time: format ids are unique, and one server serves many tests.
    made = {**definition, "id": f"boards_{secrets.token_hex(6)}"}
    response = await api.http.post("/api/v1/formats", json=made, headers={"Authorization": f"Bearer {ORGANISER_KEY}"})
    assert response.status_code == 201, response.text
    return await api.create_meeting(title=title, format=made["id"])
