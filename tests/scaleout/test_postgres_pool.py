"""PostgreSQL connections: one that rested in the pool is checked before use, one in steady use is not
(docs/adr/0023-postgresql-round-trips.md)."""

import asyncio
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from sqlalchemy import func
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from app import clock
from app.db import IDLE_PING_SECONDS, Database
from tests.scaleout.servers import Postgres

pytestmark = pytest.mark.scaleout


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


async def backend(db: Database) -> int:
    """The server process behind the connection a unit of work gets."""
    async with db.unit_of_work() as uow:
        return (await uow.session.exec(select(func.pg_backend_pid()))).one()


async def close_from_the_server(postgres: Postgres, pid: int) -> None:
    """Ends that server process, as a restart or an administrator would, and waits until it is gone."""
    admin = await asyncpg.connect(postgres.url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
        for _ in range(3000):  # up to 30 s on a loaded machine
            if not await admin.fetchval("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid):
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"server process {pid} is still there")
    finally:
        await admin.close()


async def test_a_connection_closed_while_it_rested_is_replaced_before_use(postgres: Postgres) -> None:
    db, now = Database(postgres.url), Clock()
    try:
        with clock.use(now):
            first = await backend(db)
            await close_from_the_server(postgres, first)
            now.moment += timedelta(seconds=IDLE_PING_SECONDS + 1)
            # The pool's check finds the connection closed and hands out a new one: nothing fails.
            second = await backend(db)
            assert second != first
            assert await backend(db) == second
    finally:
        await db.dispose()


async def test_a_connection_in_steady_use_goes_without_a_check(postgres: Postgres) -> None:
    db, now = Database(postgres.url), Clock()
    try:
        with clock.use(now):
            first = await backend(db)
            assert await backend(db) == first  # the same warm connection again (last in, first out)
            await close_from_the_server(postgres, first)
            now.moment += timedelta(seconds=IDLE_PING_SECONDS - 1)
            # Not checked, so the transaction on it fails: the price of no round trips before each transaction.
            with pytest.raises(DBAPIError):
                await backend(db)
            # The failure made SQLAlchemy drop the pool; the next transaction has a new connection.
            second = await backend(db)
            assert second != first
    finally:
        await db.dispose()
