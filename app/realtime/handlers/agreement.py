"""agreement.* and scale.* commands: the format's ground rules and its 0–10 scaling questions."""

from typing import Any

from pydantic import Field

from app.db import UnitOfWork
from app.formats.definition import Right
from app.realtime.commands import Context, Payload, command
from app.services import agreements, scales


class Empty(Payload):
    pass


class Answer(Payload):
    scale_id: str = Field(min_length=1, max_length=40)
    # Checked by the service (0–10) so that an answer out of range gets the scale's own message.
    value: int


class ScaleRef(Payload):
    scale_id: str = Field(min_length=1, max_length=40)


# Acknowledging is what the agreement's gate waits for; a late joiner answers the recording question first.
@command("agreement.acknowledge", Empty, agreement=False)
async def acknowledge(uow: UnitOfWork, ctx: Context, data: Empty) -> dict[str, Any]:
    view = await agreements.acknowledge(uow, meeting=ctx.meeting, actor=ctx.actor)
    return {"acknowledged_at": view.model_dump(mode="json")["acknowledged_at"]}


# Not remembered for command_id replay: a stored answer would be a row tying the person to a value.
@command("scale.answer", Answer, right=Right.scale, takes_part=True, remember=False)
async def answer(uow: UnitOfWork, ctx: Context, data: Answer) -> None:
    await scales.answer(uow, meeting=ctx.meeting, actor=ctx.actor, scale_id=data.scale_id, value=data.value)


@command("scale.reveal", ScaleRef, moderator_only=True)
async def reveal(uow: UnitOfWork, ctx: Context, data: ScaleRef) -> dict[str, Any]:
    spread = await scales.reveal(uow, meeting=ctx.meeting, scale_id=data.scale_id)
    return {"spread": spread.model_dump()}
