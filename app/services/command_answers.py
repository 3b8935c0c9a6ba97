"""Remembered command answers (a repeated command_id gets the first answer) are kept only as long as a client
could still repeat a command: pruned by age in the timer loop (setting COMMAND_ANSWER_MAX_AGE_HOURS)."""

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.db import UnitOfWork
from app.models import CommandResult


def too_old(now: datetime, max_age: timedelta) -> list[SelectOfScalar[CommandResult]]:
    """What `prune` looks for: answers older than `max_age`."""
    return [select(CommandResult).where(_older(now, max_age))]


async def prune(uow: UnitOfWork, *, max_age: timedelta) -> None:
    await uow.session.exec(delete(CommandResult).where(_older(uow.now, max_age)))  # type: ignore[call-overload]


def _older(now: datetime, max_age: timedelta) -> ColumnElement[bool]:
    return col(CommandResult.created_at) < now - max_age
