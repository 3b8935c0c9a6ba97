"""board.* commands: cards on the format's capture boards, dot votes, plan sign-offs (app/services/boards.py)."""

import secrets
from datetime import date
from typing import Any

from pydantic import Field

from app.db import UnitOfWork
from app.models.board import CARD_TEXT_MAX
from app.realtime.commands import Context, Payload, command
from app.services import boards

BoardId = Field(min_length=1, max_length=40)
CardId = Field(min_length=1, max_length=64)


class Add(Payload):
    board_id: str = BoardId
    column_id: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1, max_length=CARD_TEXT_MAX)
    anonymous: bool = False


class Ref(Payload):
    card_id: str = CardId


class Edit(Ref):
    text: str = Field(min_length=1, max_length=CARD_TEXT_MAX)


class Move(Ref):
    column_id: str = Field(min_length=1, max_length=40)
    position: int = Field(ge=0, le=10_000)


class Merge(Ref):
    into_id: str = CardId


class Tag(Ref):
    tags: list[str] = Field(max_length=12)


class Theme(Ref):
    # Empty or null: no theme.
    theme: str | None = Field(max_length=80)


class Assign(Ref):
    # Empty or null: nobody.
    owner: str | None = Field(max_length=120)
    due: date | None = None


class Plan(Payload):
    board_id: str = BoardId


@command("board.card.add", Add, takes_part=True)
async def add(uow: UnitOfWork, ctx: Context, data: Add) -> dict[str, Any]:
    # The same hold-back as an anonymous question's, drawn here and stored with the card.
    low, high = ctx.settings.anonymous_question_delay_min_seconds, ctx.settings.anonymous_question_delay_max_seconds
    delay = low + secrets.SystemRandom().random() * max(0.0, high - low)
    card = await boards.add_card(
        uow, meeting=ctx.meeting, actor=ctx.actor, board_id=data.board_id, column_id=data.column_id, text=data.text,
        anonymous=data.anonymous, anonymous_delay_seconds=delay,
    )
    # An anonymous card's id is not given back: answers are remembered for command replay with the person's id.
    return {"card_id": None if data.anonymous else card.id}


@command("board.card.edit", Edit)
async def edit(uow: UnitOfWork, ctx: Context, data: Edit) -> None:
    await boards.edit_card(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id, text=data.text)


@command("board.card.move", Move)
async def move(uow: UnitOfWork, ctx: Context, data: Move) -> None:
    await boards.move_card(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id, column_id=data.column_id, position=data.position)


@command("board.card.merge", Merge)
async def merge(uow: UnitOfWork, ctx: Context, data: Merge) -> dict[str, Any]:
    into = await boards.merge_card(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id, into_id=data.into_id)
    return {"card_id": into.id}


@command("board.card.tag", Tag)
async def tag(uow: UnitOfWork, ctx: Context, data: Tag) -> None:
    await boards.tag_card(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id, tags=data.tags)


@command("board.card.theme", Theme)
async def theme(uow: UnitOfWork, ctx: Context, data: Theme) -> None:
    await boards.theme_card(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id, theme=data.theme)


@command("board.card.assign", Assign)
async def assign(uow: UnitOfWork, ctx: Context, data: Assign) -> None:
    await boards.assign_card(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id, owner=data.owner, due=data.due)


@command("board.card.hide", Ref)
async def hide(uow: UnitOfWork, ctx: Context, data: Ref) -> None:
    await boards.hide_card(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id)


@command("board.card.unhide", Ref)
async def unhide(uow: UnitOfWork, ctx: Context, data: Ref) -> None:
    await boards.unhide_card(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id)


@command("board.card.vote", Ref, takes_part=True)
async def vote(uow: UnitOfWork, ctx: Context, data: Ref) -> dict[str, Any]:
    return {"remaining": await boards.vote(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id)}


@command("board.card.unvote", Ref, takes_part=True)
async def unvote(uow: UnitOfWork, ctx: Context, data: Ref) -> dict[str, Any]:
    return {"remaining": await boards.unvote(uow, meeting=ctx.meeting, actor=ctx.actor, card_id=data.card_id)}


@command("board.plan.sign", Plan, takes_part=True)
async def sign(uow: UnitOfWork, ctx: Context, data: Plan) -> None:
    await boards.sign(uow, meeting=ctx.meeting, actor=ctx.actor, board_id=data.board_id)


@command("board.plan.unsign", Plan, takes_part=True)
async def unsign(uow: UnitOfWork, ctx: Context, data: Plan) -> None:
    await boards.unsign(uow, meeting=ctx.meeting, actor=ctx.actor, board_id=data.board_id)
