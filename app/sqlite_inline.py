"""SQLite for SQLAlchemy's asyncio engine, called on the event loop's own thread.

aiosqlite runs every call on a thread of its own and wakes the loop for each result: a command of ten
statements made about seventy such hand-overs, and when hundreds of commands come at once (a ballot of
a thousand, a join storm) each hand-over waits for the scheduler on a busy machine. An SQLite statement of
ours takes microseconds, so the loop runs them itself. SQLAlchemy's `sqlite+aiosqlite` dialect drives
this module through `async_creator` (app/db.py): it offers the part of aiosqlite's interface that the
dialect uses, with coroutines that finish at once.

What this trades (docs/adr/0018-sqlite-on-the-loop.md): while SQLite works, the loop waits. Under WAL a
reader never waits for a writer, and this process's writers take turns on the database's asyncio lock,
so the loop waits on a lock only when another process writes (`python -m app organiser ...`, for
milliseconds) — up to `busy_timeout`.
"""

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any


class Cursor:
    """An aiosqlite-shaped cursor over a sqlite3 cursor."""

    def __init__(self, cursor: sqlite3.Cursor):
        self._cursor = cursor

    async def __aenter__(self) -> "Cursor":
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> "Cursor":
        self._cursor.execute(sql, () if parameters is None else parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> "Cursor":
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()


class _RunNow:
    """Stands in for aiosqlite's queue to its thread: the dialect sets the isolation level by putting a
    (future, function) pair on it."""

    def __init__(self, connection: sqlite3.Connection):
        self._connection = connection

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as exc:  # handed to whoever awaits the future, as aiosqlite's thread does
            future.set_exception(exc)


class Connection:
    """An aiosqlite-shaped connection over a sqlite3 connection used only on the loop's thread."""

    def __init__(self, connection: sqlite3.Connection):
        self._conn: sqlite3.Connection | None = connection
        self._tx = _RunNow(connection)

    @property
    def _connection(self) -> sqlite3.Connection | None:
        # The dialect checks this before commit and rollback: None once closed.
        return self._conn

    def _open(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ValueError("no active connection")
        return self._conn

    @property
    def isolation_level(self) -> str | None:
        return self._open().isolation_level

    def cursor(self) -> Cursor:
        return Cursor(self._open().cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> Cursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        self._open().commit()

    async def rollback(self) -> None:
        self._open().rollback()

    async def create_function(self, *args: Any, **kw: Any) -> None:
        self._open().create_function(*args, **kw)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        # aiosqlite's forced close (the dialect's terminate); here the same as closing.
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def connector(path: str, *, timeout: float) -> Callable[[], Any]:
    """The `async_creator` for create_async_engine: a connection to the database file at `path`."""

    async def connect() -> Connection:
        # Every statement comes from the loop's thread; only a garbage-collected pool entry may be closed
        # from another (a worker thread that happened to collect it), and that must not raise.
        return Connection(sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False))

    return connect
