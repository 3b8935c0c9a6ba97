"""Remembered command answers (a repeated command_id gets the first answer) are kept only as long as a client
could still repeat a command: pruned by age in the timer loop (setting COMMAND_ANSWER_MAX_AGE_HOURS)."""

from datetime import timedelta

from sqlalchemy import delete
from sqlmodel import col

from app.db import UnitOfWork
from app.models import CommandResult


async def prune(uow: UnitOfWork, *, max_age: timedelta) -> None:
    await uow.session.exec(delete(CommandResult).where(col(CommandResult.created_at) < uow.now - max_age))  # type: ignore[call-overload]
