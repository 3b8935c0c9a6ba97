"""On PostgreSQL a command reads its meeting under the meeting's lock, in the same statement that reads who sends
it (docs/adr/0027-fewer-round-trips-per-command.md). A change another transaction is making to the meeting, or to
the sender, is waited for and seen: a command never acts on the meeting, or for its sender, as they were before."""

import asyncio
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy import func
from sqlmodel import select

from app import clock
from app.models import ChatMessage, Hand
from tests.harness import Harness
from tests.scaleout.servers import Postgres

pytestmark = pytest.mark.scaleout


@asynccontextmanager
async def on_postgres(postgres: Postgres, directory: Path) -> AsyncIterator[Harness]:
    made = Harness(postgres.url, directory)
    with clock.use(made.clock.now):
        try:
            yield made
        finally:
            await made.close()


async def ended_meanwhile(postgres: Postgres, meeting_id: str, command: Awaitable[dict[str, Any]]) -> dict[str, Any]:
    """Sends the command while another transaction holds the meeting and ends it, as a moderator's end would."""
    return await changed_meanwhile(postgres, meeting_id, command, ("UPDATE meeting SET status = 'ended' WHERE id = $1", meeting_id))


async def changed_meanwhile(postgres: Postgres, meeting_id: str, command: Awaitable[dict[str, Any]], *changes: tuple[Any, ...]) -> dict[str, Any]:
    """Sends the command while another transaction holds the meeting; once the command waits for it, that
    transaction makes these changes and the meeting's next version, as the server's own changes do, and commits.
    The command's answer."""
    dsn = postgres.url.replace("postgresql+asyncpg://", "postgresql://")
    holder, admin = await asyncpg.connect(dsn), await asyncpg.connect(dsn)
    try:
        transaction = holder.transaction()
        await transaction.start()
        await holder.execute("SELECT id FROM meeting WHERE id = $1 FOR UPDATE", meeting_id)
        sent = asyncio.ensure_future(command)
        for _ in range(3000):  # up to 30 s on a loaded machine
            if await admin.fetchval("SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", holder.get_server_pid()):
                break
            await asyncio.sleep(0.01)
        else:
            raise AssertionError("the command never waited for the meeting")
        # Made while the command waits: a command holding its sender's row already would make this wait in turn,
        # and PostgreSQL would end one of the two as a deadlock.
        for change in changes:
            await holder.execute(*change)
        await holder.execute("UPDATE meeting SET version = version + 1 WHERE id = $1", meeting_id)
        await transaction.commit()
        return await sent
    finally:
        await holder.close()
        await admin.close()


async def count(h: Harness, model: type[ChatMessage] | type[Hand], meeting_id: str) -> int:
    return await h.read(lambda uow: _count(uow, model, meeting_id))


async def _count(uow: Any, model: type[ChatMessage] | type[Hand], meeting_id: str) -> int:
    return (await uow.session.exec(select(func.count()).select_from(model).where(model.meeting_id == meeting_id))).one()


async def test_a_message_sent_while_the_meeting_ends_is_refused(postgres: Postgres, tmp_path: Path) -> None:
    async with on_postgres(postgres, tmp_path) as h:
        meeting, people = await h.meeting("Amira", connect=False)  # no sockets: the database is shared between tests
        answer = await ended_meanwhile(postgres, meeting.id, h.command(people["Amira"], "chat.send", text="One more thing"))
        assert answer["ok"] is False and answer["error"]["code"] == "meeting_ended"
        assert await count(h, ChatMessage, meeting.id) == 0


async def test_a_hand_raised_while_the_meeting_ends_is_refused(postgres: Postgres, tmp_path: Path) -> None:
    # Hands go in groups (app/realtime/dispatch.py): the group's statement reads and locks every meeting in it.
    async with on_postgres(postgres, tmp_path) as h:
        meeting, people = await h.meeting("Amira", connect=False)  # no sockets: the database is shared between tests
        answer = await ended_meanwhile(postgres, meeting.id, h.command(people["Amira"], "hand.raise"))
        assert answer["ok"] is False and answer["error"]["message"] == "The meeting has ended."
        assert await count(h, Hand, meeting.id) == 0


@pytest.mark.parametrize(
    ("kind", "data", "model"), [("chat.send", {"text": "Still here?"}, ChatMessage), ("hand.raise", {}, Hand)], ids=["message", "hand"]
)
async def test_a_command_sent_while_its_sender_is_removed_is_refused(
    postgres: Postgres, tmp_path: Path, kind: str, data: dict[str, Any], model: type[ChatMessage] | type[Hand]
) -> None:
    # A message goes alone, a hand in a group (app/realtime/dispatch.py): both read their sender under the lock.
    async with on_postgres(postgres, tmp_path) as h:
        meeting, people = await h.meeting("Amira", connect=False)  # no sockets: the database is shared between tests
        removal = ("UPDATE participant SET removed_at = now() WHERE id = $1", people["Amira"].id)
        answer = await changed_meanwhile(postgres, meeting.id, h.command(people["Amira"], kind, **data), removal)
        assert answer["ok"] is False and answer["error"]["code"] == "unauthorized"
        assert await count(h, model, meeting.id) == 0


async def test_a_moderator_demoted_meanwhile_cannot_end_the_meeting(postgres: Postgres, tmp_path: Path) -> None:
    async with on_postgres(postgres, tmp_path) as h:
        meeting, people = await h.meeting(connect=False)  # no sockets: the database is shared between tests
        demotion = ("UPDATE participant SET role = 'participant' WHERE id = $1", meeting.moderator.id)
        answer = await changed_meanwhile(postgres, meeting.id, h.command(meeting.moderator, "meeting.end"), demotion)
        assert answer["ok"] is False and answer["error"]["code"] == "forbidden"
        assert (await h.read(lambda uow: uow.lock_meeting(meeting.id))).status != "ended"
