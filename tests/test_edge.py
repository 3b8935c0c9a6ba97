"""The edge on a real SQLite database: reads never queue behind writers, a malformed command is answered
without touching the database, decisions run inside the transaction and the other effects after commit."""

import asyncio
import shutil
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func
from sqlmodel import select

from app import effects, ids, migrate
from app.config import Settings
from app.db import Database, Published, UnitOfWork
from app.edge import Edge, EffectHandlers
from app.effects import PurgeMedia, StopRecording
from app.models import Meeting
from app.realtime.dispatch import Dispatcher

# Long enough for a loaded machine; a read or an answer that queued behind the open writer would never come.
PATIENCE = 30


class Recorder:
    """A publisher that remembers what it was given, in order, beside the effects run."""

    def __init__(self) -> None:
        self.log: list[str] = []

    async def publish(self, events: Sequence[Published]) -> None:
        self.log.append(f"published {len(events)}")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database, copied for every test (migrating each time would be slow)."""
    path = tmp_path_factory.mktemp("template") / "roundtable.db"
    migrate.upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@pytest.fixture
async def db(template: Path, tmp_path: Path) -> AsyncIterator[Database]:
    shutil.copy(template, tmp_path / "roundtable.db")
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'roundtable.db'}")
    yield database
    await database.dispose()


def meeting(uow: UnitOfWork) -> Meeting:
    return Meeting(id=ids.new_id(), title="Edge", format="open", join_code=ids.new_join_code(), created_at=uow.now)


async def count_meetings(uow: UnitOfWork) -> int:
    return (await uow.session.exec(select(func.count()).select_from(Meeting))).one()


async def test_a_read_does_not_wait_for_a_writer_and_sees_only_what_is_committed(db: Database):
    edge = Edge(db, Recorder(), EffectHandlers())
    async with db.unit_of_work() as writer:
        writer.session.add(meeting(writer))
        await writer.session.flush()  # the writer holds SQLite's write lock and the process's
        assert await asyncio.wait_for(edge.read(count_meetings), PATIENCE) == 0
    assert await edge.read(count_meetings) == 1


async def test_a_read_changes_nothing(db: Database):
    edge = Edge(db, Recorder(), EffectHandlers())

    async def sneaky(uow: UnitOfWork) -> None:
        uow.session.add(meeting(uow))
        await uow.session.flush()

    await edge.read(sneaky)
    assert await edge.read(count_meetings) == 0

    async def records(uow: UnitOfWork) -> None:
        uow.effect(PurgeMedia(("x",)))

    with pytest.raises(RuntimeError, match="read-only"):
        await edge.read(records)


async def test_a_malformed_command_is_answered_while_a_writer_holds_the_lock(db: Database, tmp_path: Path):
    dispatcher = Dispatcher(Edge(db, Recorder(), EffectHandlers()), Settings(data_dir=tmp_path))
    async with db.unit_of_work():
        answer = await asyncio.wait_for(dispatcher.dispatch("someone", {"type": "chat.send", "data": {"text": ""}, "command_id": "c1"}), PATIENCE)
    assert answer["ok"] is False and answer["error"]["code"] == "invalid_input"
    assert "text" in answer["error"]["message"]


async def test_decisions_run_before_commit_and_the_other_effects_after_the_events(db: Database):
    publisher = Recorder()
    handlers = EffectHandlers()

    async def stop(uow: UnitOfWork, decision: StopRecording) -> None:
        publisher.log.append(f"decided {decision.recording_id}, in the transaction: {uow.session.in_transaction()}")
        uow.effect(PurgeMedia((decision.recording_id,)))

    async def purge(effect: PurgeMedia) -> None:
        publisher.log.append(f"purged {effect.recording_ids}, committed: {await Edge(db, publisher, handlers).read(count_meetings)}")

    handlers.decision(StopRecording, stop)
    handlers.after_commit(PurgeMedia, purge)

    async def change(uow: UnitOfWork) -> None:
        uow.session.add(meeting(uow))
        uow.effect(StopRecording("r1"))

    await Edge(db, publisher, handlers).apply(change)
    assert publisher.log == ["decided r1, in the transaction: True", "published 0", "purged ('r1',), committed: 1"]


async def test_a_failed_change_carries_nothing_out(db: Database):
    handlers = EffectHandlers()
    ran: list[object] = []

    async def purge(effect: PurgeMedia) -> None:
        ran.append(effect)

    handlers.after_commit(PurgeMedia, purge)

    async def change(uow: UnitOfWork) -> None:
        uow.session.add(meeting(uow))
        uow.effect(PurgeMedia(("r1",)))
        raise ValueError("refused")

    with pytest.raises(ValueError):
        await Edge(db, Recorder(), handlers).apply(change)
    assert ran == []
    assert await Edge(db, Recorder(), handlers).read(count_meetings) == 0


async def test_a_decision_nobody_carried_out_refuses_to_commit(db: Database):
    with pytest.raises(RuntimeError, match="unsettled"):
        async with db.unit_of_work() as uow:
            uow.session.add(meeting(uow))
            uow.effect(StopRecording("r1"))
    async with db.read_only() as uow:
        assert await count_meetings(uow) == 0


def test_every_effect_needs_exactly_one_handler():
    handlers = EffectHandlers()

    async def nothing(effect: object) -> None:
        pass

    with pytest.raises(RuntimeError, match="StopRecording"):
        handlers.check_complete()
    handlers.after_commit(PurgeMedia, nothing)
    with pytest.raises(RuntimeError, match="has a handler already"):
        handlers.after_commit(PurgeMedia, nothing)
    for kind in effects.ALL:
        if kind is PurgeMedia:
            continue
        if issubclass(kind, effects.Decision):
            handlers.decision(kind, lambda uow, decision: nothing(decision))
        else:
            handlers.after_commit(kind, nothing)
    handlers.check_complete()


async def test_the_meeting_a_unit_of_work_holds_has_the_version_it_bumped_to(db: Database):
    """A change read after `bump` in the same transaction (the participant list kept per version) must see the new
    version on the meeting it loaded; and the version is not written a second time at commit."""
    async with db.unit_of_work() as uow:
        made = meeting(uow)
        uow.session.add(made)
    statements: list[str] = []
    async with db.unit_of_work() as uow:
        loaded = await uow.lock_meeting(made.id)
        before = loaded.version

        @sa_event.listens_for(db.engine.sync_engine, "before_cursor_execute")
        def _noted(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            statements.append(statement)

        assert await uow.bump(made.id, by=3) == before + 3
        assert loaded.version == before + 3
        assert not uow.session.is_modified(loaded)
    sa_event.remove(db.engine.sync_engine, "before_cursor_execute", _noted)
    assert sum(statement.startswith("UPDATE meeting") for statement in statements) == 1
    async with db.read_only() as uow:
        stored = await uow.session.get(Meeting, made.id)
        assert stored is not None and stored.version == before + 3
