"""A meeting with boards, chat, forms and a lead worker on a real server, ended, for the record's tests."""

import sqlite3
from typing import Any

from tests.boards.helpers import DEFINITION
from tests.boards.real import boards_meeting
from tests.support import Api, ServerProcess

LEAD_WORKER = {"id": "lead_worker", "name": {"en": "Lead worker"}, "rights": ["raise_hand", "ask_question", "chat", "queued", "propose_card", "vote_cards", "receive_record"]}
# Every board open throughout; a lead worker who gets the record first where `lead_first`.
SECRETS = ("SECRET-CHAT", "SECRET-NOTE", "SECRET-CHATQ", "Notify the team manager")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def give_format_role(server: ServerProcess, participant_id: str, role: str) -> None:
    """The person's role in the format, as an invitation link or the moderator gives it (written into the server's
    database, as tests/boards/real.py keeps a format definition)."""
    with sqlite3.connect(server.data_dir / "roundtable.db", timeout=30) as db:
        db.execute("UPDATE participant SET format_role = ? WHERE id = ?", (role, participant_id))


async def ended_meeting(api: Api, connect: Any, server: ServerProcess, *, lead_first: bool, language: str = "en") -> dict[str, Any]:
    """Anna (named, the lead worker), Bo (not named), Cai; cards named and anonymous, a dot, chat lines, a
    resource with a note, a named form answered by Anna and Bo, an anonymous form answered once; then the end."""
    definition = {**DEFINITION, "stages": [], "roles": [*DEFINITION.get("roles", []), LEAD_WORKER], "record_first_to_lead": lead_first}
    info = await boards_meeting(api, server, definition, title="Learning conversation: Sam")
    if language != "en":
        with sqlite3.connect(server.data_dir / "roundtable.db", timeout=30) as db:
            db.execute("UPDATE meeting SET language = ? WHERE id = ?", (language, info["id"]))
    mod = await connect(info["moderator_token"], "moderator")
    people = {name: await api.join(info["join_code"], name, f"{name}'s office") for name in ("anna", "bo", "cai")}
    give_format_role(server, people["anna"]["participant_id"], "lead_worker")
    anna, bo = await connect(people["anna"]["token"], "anna"), await connect(people["bo"]["token"], "bo")
    await mod.ok("meeting.start")
    await anna.ok("summary.share_name", share=True)
    await anna.ok("board.card.add", board_id="signs", column_id="well", text="Attendance is up")
    await bo.ok("board.card.add", board_id="signs", column_id="worried", text="Nobody listens to the mother", anonymous=True)
    idea = (await bo.ok("board.card.add", board_id="ideas", column_id="ideas", text="Shared intake form"))["result"]["card_id"]
    await anna.ok("board.card.vote", card_id=idea)
    await mod.ok("board.card.add", board_id="note", column_id="note", text="Notify the team manager")
    await bo.ok("chat.send", text="SECRET-CHAT between us")
    await bo.ok("chat.send", text="SECRET-CHATQ asked in the chat?", kind="question")
    await anna.ok("chat.send", text="SECRET-NOTE our checklist", kind="resource", url="https://example.org/checklist", title="Checklist")
    await mod.wait_event("board.card_added", lambda e: e["data"]["card"]["anonymous"])
    forms = f"/api/v1/meetings/{info['id']}/forms"
    named = (await api.http.post(forms, json={"template": "pne_consultation_after", "anonymous": False}, headers=bearer(info["moderator_token"]))).json()
    hidden = (await api.http.post(forms, json={"template": "pne_consultation_after", "anonymous": True}, headers=bearer(info["moderator_token"]))).json()
    for form in (named, hidden):
        assert (await api.http.post(f"{forms}/{form['id']}/open", json={}, headers=bearer(info["moderator_token"]))).status_code == 200
    await mod.ok("meeting.end")
    for who, score, text in (("anna", 9, "The map of who does what"), ("bo", 7, "Meeting the school")):
        answers = {"useful_scale": score, "useful": text, "recommend": True}
        answered = await api.http.post(f"{forms}/{named['id']}/answers", json={"answers": answers}, headers=bearer(people[who]["token"]))
        assert answered.status_code == 201, answered.text
    once = await api.http.post(f"{forms}/{hidden['id']}/answers", json={"answers": {"useful_scale": 3, "useful": "ANON-TEXT", "recommend": False}}, headers=bearer(people["cai"]["token"]))
    assert once.status_code == 201, once.text
    for client in (anna, bo):
        await client.close()
    return {**info, "people": people, "moderator": mod, "named_form": named["id"], "anonymous_form": hidden["id"]}
