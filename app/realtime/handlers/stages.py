"""stage.*, turn.* and summary.* commands: the format's guided stages and what the meeting produced."""

from typing import Any

from pydantic import Field

from app.db import UnitOfWork
from app.formats.definition import Right
from app.realtime.commands import Context, Payload, command
from app.services import stages, summary


class SetStage(Payload):
    # A stage id of the meeting's format.
    stage: str = Field(min_length=1, max_length=40)
    # Needed to move on from a stage that promises everyone a turn while someone has not had one.
    confirm: bool = False


class NextStage(Payload):
    confirm: bool = False


class PersonRef(Payload):
    participant_id: str | None = Field(default=None, max_length=64)


class NameShare(Payload):
    share: bool


@command("stage.set", SetStage, moderator_only=True)
async def set_stage(uow: UnitOfWork, ctx: Context, data: SetStage) -> dict[str, Any]:
    view = await stages.set_stage(uow, meeting=ctx.meeting, stage=data.stage, confirm=data.confirm)
    return {"stage": view.current}


@command("stage.next", NextStage, moderator_only=True)
async def next_stage(uow: UnitOfWork, ctx: Context, data: NextStage) -> dict[str, Any]:
    view = await stages.next_stage(uow, meeting=ctx.meeting, confirm=data.confirm)
    return {"stage": view.current}


@command("turn.next", PersonRef, moderator_only=True)
async def next_turn(uow: UnitOfWork, ctx: Context, data: PersonRef) -> dict[str, Any]:
    return {"participant_id": await stages.next_turn(uow, meeting=ctx.meeting, participant_id=data.participant_id)}


@command("turn.pass", PersonRef, right=Right.queued)
async def pass_turn(uow: UnitOfWork, ctx: Context, data: PersonRef) -> None:
    await stages.pass_turn(uow, meeting=ctx.meeting, actor=ctx.actor, participant_id=data.participant_id)


# Whether one's own name appears in the summary is a privacy choice: observers make it too.
@command("summary.share_name", NameShare, observer=True)
async def share_name(uow: UnitOfWork, ctx: Context, data: NameShare) -> None:
    await summary.set_name_shared(uow, meeting=ctx.meeting, actor=ctx.actor, share=data.share)
