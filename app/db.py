"""The database engine and the unit of work: one transaction plus the events it recorded."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import bindparam, update
from sqlalchemy import event as sa_event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app import clock, sqlite_inline
from app.effects import AfterCommit, Decision, Effect
from app.errors import NotFound
from app.events import Event
from app.models import Meeting

S = TypeVar("S")

# Built once: a statement's construction costs more CPU than its execution's lookup in the compiled cache.
_BUMP = (
    update(Meeting)
    .where(col(Meeting.id) == bindparam("meeting_id"))
    .values(version=Meeting.version + bindparam("by"))
    .returning(col(Meeting.version))
)


@dataclass(frozen=True)
class Published:
    """An event to deliver after commit: to these rooms, stamped with the meeting version."""

    rooms: tuple[str, ...]
    version: int
    event: Event
    at: datetime
    skip_sid: str | None = None

    def envelope(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "type": self.event.type,
            "data": self.event.model_dump(mode="json"),
            "at": clock.iso(self.at),
        }


@dataclass
class UnitOfWork:
    """What a service function gets: the session, the time of the change, and where to record events and effects.

    Services never commit and never emit; the edge carries out `decisions` before commit, then commits,
    publishes `events` and runs `effects`. A read-only unit of work records nothing.
    """

    session: AsyncSession
    now: datetime = field(default_factory=clock.now)
    events: list[Published] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    effects: list[AfterCommit] = field(default_factory=list)
    version: int | None = None
    read_only: bool = False

    async def bump(self, meeting_id: str, by: int = 1) -> int:
        """The meeting's version after `by` changes (a run of changes takes the versions up to it, in order)."""
        self._check_writable()
        # On the session's connection, not through the ORM: an ORM UPDATE looks for the meetings it changes among
        # the objects the session holds, 0.3 to 0.4 ms of CPU on every change (a chat message's whole command is
        # 1.6 ms on SQLite). The meeting this unit of work loaded is given its new version as if read so: a view
        # kept per version (app/services/views.py) must not take it for the old one.
        connection = await self.session.connection()
        result = await connection.execute(_BUMP, {"meeting_id": meeting_id, "by": by})
        version = result.scalar_one_or_none()
        if version is None:
            raise NotFound("No such meeting.")
        loaded = self.session.sync_session.identity_map.get(identity_key(Meeting, meeting_id))
        if loaded is not None:
            set_committed_value(loaded, "version", version)
        self.version = version
        return version

    def record(self, event: Event, *, to: str | list[str], version: int) -> None:
        self._check_writable()
        rooms = (to,) if isinstance(to, str) else tuple(to)
        self.events.append(Published(rooms, version, event, self.now))

    async def change(self, meeting_id: str, event: Event, *, to: str | list[str]) -> int:
        """Bump the meeting's version and record one event for it."""
        version = await self.bump(meeting_id)
        self.record(event, to=to, version=version)
        return version

    def effect(self, effect: Effect) -> None:
        """Ask for an effect (app/effects.py): a decision is carried out before commit, the others after."""
        self._check_writable()
        if isinstance(effect, Decision):
            self.decisions.append(effect)
        else:
            self.effects.append(effect)

    def mark(self) -> tuple[int, int, int, int | None]:
        """Where the recorded events, decisions and effects end now: `rewind` drops what comes after."""
        return len(self.events), len(self.decisions), len(self.effects), self.version

    def rewind(self, mark: tuple[int, int, int, int | None]) -> None:
        """After a savepoint is rolled back: what was recorded inside it did not happen."""
        events, decisions, effects, version = mark
        del self.events[events:], self.decisions[decisions:], self.effects[effects:]
        self.version = version

    def _check_writable(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work records no change")

    async def lock_meeting(self, meeting_id: str) -> Meeting:
        """Load the meeting, locked against concurrent changes on PostgreSQL (SQLite writes are serial)."""
        meeting = (await self.session.exec(self.locking(select(Meeting).where(col(Meeting.id) == meeting_id)))).one_or_none()
        if meeting is None:
            raise NotFound("No such meeting.")
        return meeting

    def locking(self, statement: S, *also: type[SQLModel]) -> S:
        """The statement, locking on PostgreSQL the meeting rows it reads and the rows of `also` (only those).

        A row that waited for its lock is read again once it has it, and only the locked rows are: a row read in
        the same statement without a lock stays as it was before the wait. So whatever a command decides by (who
        sends it: removed? still a moderator?) is locked with the meeting, not merely joined to it.

        The meeting comes first in `OF`, and PostgreSQL takes the locks in that order: a command waiting for its
        meeting holds nothing yet that the meeting's holder might want to change. `NO KEY UPDATE` is what an
        UPDATE of those rows takes itself: it waits for every change to them, and not for the rows being referred
        to by new rows of other tables (a foreign key's check takes `KEY SHARE`).
        """
        bind = self.session.bind
        if bind is not None and bind.dialect.name == "postgresql":
            return statement.with_for_update(of=[Meeting, *also], key_share=True)  # type: ignore[attr-defined]
        return statement


# How long SQLite waits for another process's write lock.
SQLITE_BUSY_SECONDS = 30
# Each connection's page cache, in KiB.
SQLITE_CACHE_KIB = 512

# Execution option of the engine behind read-only units of work.
READ_ONLY = "roundtable_read_only"
# A PostgreSQL connection back in the pool for longer than this is checked before it is used again.
IDLE_PING_SECONDS = 10.0


def make_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        path = make_url(url).database
        # A file database is used on the loop's own thread (app/sqlite_inline.py); an in-memory one via aiosqlite.
        if path and path != ":memory:":
            engine = create_async_engine(url, async_creator=sqlite_inline.connector(path, timeout=SQLITE_BUSY_SECONDS))
        else:
            engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

        @sa_event.listens_for(engine.sync_engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy issue BEGIN itself so that writers take the lock up front (BEGIN IMMEDIATE)
            # instead of failing with "database is locked" when a read upgrades to a write.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
            # Each pooled connection keeps its own page cache (2 MB by default, up to 15 connections): filled, they
            # could hold 30 MB. The file's pages stay in the system's cache anyway. (The soak's slow growth was not
            # this: README, "Measured here".)
            cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            cursor.close()

        @sa_event.listens_for(engine.sync_engine, "begin")
        def _on_begin(connection: Any) -> None:
            # A reader starts a deferred transaction: under WAL it reads a snapshot and never waits for writers.
            connection.exec_driver_sql("BEGIN" if connection.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")

        return engine
    # Last in, first out: the connections in use stay few and warm; the others rest, and are checked when taken.
    engine = create_async_engine(url, pool_size=20, max_overflow=20, pool_use_lifo=True)
    _ping_after_idle(engine)
    return engine


def _ping_after_idle(engine: AsyncEngine) -> None:
    """Checks a connection before use only when it rested in the pool (docs/adr/0023-postgresql-round-trips.md).

    SQLAlchemy's `pool_pre_ping` checks every connection it hands out: three round trips (BEGIN, a ping,
    ROLLBACK) before each transaction, about 2 ms of a chat message's 9 ms on two processes. A connection in
    steady use has just proved itself; one that rested may have been closed by the server or the network
    meanwhile, and is replaced before use. A server restart while connections are in use fails the transactions
    already on them, and the first such failure makes SQLAlchemy drop the whole pool.
    """

    @sa_event.listens_for(engine.sync_engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = clock.now()

    @sa_event.listens_for(engine.sync_engine, "checkout")
    def _taken(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or (clock.now() - returned).total_seconds() <= IDLE_PING_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            # The pool throws this connection away and hands out a new one.
            raise DisconnectionError("the pooled connection no longer answers") from exc


class Database:
    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        reader: dict[str, Any] = {READ_ONLY: True}
        if not url.startswith("sqlite"):
            # One snapshot of the database for the whole read (SQLite's WAL reader has that anyway): a page's
            # snapshot is built by a reader and stamped with the version it read first (app/realtime/server.py).
            reader["isolation_level"] = "REPEATABLE READ"
        self.reader_sessions = async_sessionmaker(self.engine.execution_options(**reader), class_=AsyncSession, expire_on_commit=False, autoflush=False)
        # One writer at a time in this process on SQLite: waiting here is cheaper than SQLite's busy loop.
        self._write_lock = asyncio.Lock() if url.startswith("sqlite") else None

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[UnitOfWork]:
        """One transaction: committed when the block ends, rolled back (events dropped) on error."""
        if self._write_lock is not None:
            await self._write_lock.acquire()
        try:
            async with self.sessions() as session, session.begin():
                uow = UnitOfWork(session)
                yield uow
                if uow.decisions:
                    raise RuntimeError(f"decisions left unsettled at commit: {uow.decisions}")
        finally:
            if self._write_lock is not None:
                self._write_lock.release()

    @asynccontextmanager
    async def read_only(self) -> AsyncIterator[UnitOfWork]:
        """A transaction that only reads: no write lock, a deferred BEGIN on SQLite, always rolled back.

        Under WAL a reader sees the last committed state and neither waits for writers nor holds them up.
        """
        async with self.reader_sessions() as session:
            yield UnitOfWork(session, read_only=True)
            # Closing the session rolls its transaction back: nothing a reader did is kept.

    async def ping(self) -> None:
        # A reader: a BEGIN IMMEDIATE outside the write lock would wait on the loop for a writer paused on it.
        async with self.engine.execution_options(**{READ_ONLY: True}).connect() as connection:
            await connection.exec_driver_sql("SELECT 1")

    async def dispose(self) -> None:
        await self.engine.dispose()
