"""question.* commands."""

import secrets
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pydantic import Field

from app.db import UnitOfWork
from app.formats.definition import Right
from app.realtime.commands import Context, Payload, command
from app.services import questions, stages

T = TypeVar("T")

QuestionId = Field(min_length=1, max_length=64)


class Submit(Payload):
    text: str = Field(min_length=1, max_length=1000)
    anonymous: bool = False


class Ref(Payload):
    question_id: str = QuestionId


class Current(Payload):
    question_id: str | None = Field(max_length=64)


class Keynote(Ref):
    keynote: bool = True


class Promote(Payload):
    message_id: str = Field(min_length=1, max_length=64)


class Circulate(Payload):
    question_ids: list[str] | None = Field(default=None, max_length=50)


class Reorder(Payload):
    order: list[str] = Field(min_length=1, max_length=1000)


async def replanning(uow: UnitOfWork, ctx: Context, change: Callable[[], Awaitable[T]]) -> T:
    """A change to who asked what may move the planned turn order of a format's stages: announce it then."""
    before = await stages.view(uow, ctx.meeting)
    result = await change()
    await stages.announce_if_replanned(uow, meeting=ctx.meeting, before=before)
    return result


@command("question.submit", Submit, right=Right.ask_question, takes_part=True)
async def submit(uow: UnitOfWork, ctx: Context, data: Submit) -> dict[str, Any]:
    low, high = ctx.settings.anonymous_question_delay_min_seconds, ctx.settings.anonymous_question_delay_max_seconds
    delay = low + secrets.SystemRandom().random() * max(0.0, high - low)
    question = await replanning(
        uow, ctx, lambda: questions.submit(uow, meeting=ctx.meeting, actor=ctx.actor, text=data.text, anonymous=data.anonymous, anonymous_delay_seconds=delay)
    )
    # An anonymous question's id is not given back: the answer is remembered for command replay with the
    # person's id, and would tie them to it.
    return {"question_id": None if data.anonymous else question.id}


@command("question.promote", Promote, moderator_only=True)
async def promote(uow: UnitOfWork, ctx: Context, data: Promote) -> dict[str, Any]:
    question = await replanning(uow, ctx, lambda: questions.promote(uow, meeting=ctx.meeting, message_id=data.message_id))
    return {"question_id": question.id}


@command("question.approve", Ref, moderator_only=True)
async def approve(uow: UnitOfWork, ctx: Context, data: Ref) -> None:
    await questions.approve(uow, meeting=ctx.meeting, question_id=data.question_id)


@command("question.dismiss", Ref, moderator_only=True)
async def dismiss(uow: UnitOfWork, ctx: Context, data: Ref) -> None:
    await replanning(uow, ctx, lambda: questions.dismiss(uow, meeting=ctx.meeting, question_id=data.question_id))


@command("question.mark_answered", Ref, moderator_only=True)
async def mark_answered(uow: UnitOfWork, ctx: Context, data: Ref) -> None:
    await questions.mark_answered(uow, meeting=ctx.meeting, question_id=data.question_id)


@command("question.mark_keynote", Keynote, moderator_only=True)
async def mark_keynote(uow: UnitOfWork, ctx: Context, data: Keynote) -> None:
    await replanning(uow, ctx, lambda: questions.mark_keynote(uow, meeting=ctx.meeting, question_id=data.question_id, keynote=data.keynote))


@command("question.circulate", Circulate, moderator_only=True)
async def circulate(uow: UnitOfWork, ctx: Context, data: Circulate) -> dict[str, Any]:
    chosen = await questions.circulate(uow, meeting=ctx.meeting, question_ids=data.question_ids)
    return {"question_ids": [q.id for q in chosen]}


@command("question.reorder", Reorder, moderator_only=True)
async def reorder(uow: UnitOfWork, ctx: Context, data: Reorder) -> None:
    await replanning(uow, ctx, lambda: questions.reorder(uow, meeting=ctx.meeting, order=data.order))


@command("question.set_current", Current, moderator_only=True)
async def set_current(uow: UnitOfWork, ctx: Context, data: Current) -> None:
    await questions.set_current(uow, meeting=ctx.meeting, question_id=data.question_id)


@command("question.upvote", Ref, right=Right.ask_question, takes_part=True)
async def upvote(uow: UnitOfWork, ctx: Context, data: Ref) -> None:
    await questions.upvote(uow, meeting=ctx.meeting, actor=ctx.actor, question_id=data.question_id)
