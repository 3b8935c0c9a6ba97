"""breakout.* commands: breakouts with rooms and thinking breaks, on a server-held timer."""

from typing import Any

from pydantic import Field

from app import clock
from app.db import UnitOfWork
from app.models import Assignment, BreakoutKind
from app.realtime.commands import Context, Payload, command
from app.services import breakout_timers, breakouts

Id = Field(min_length=1, max_length=64)


class RoomPlan(Payload):
    name: str | None = Field(default=None, max_length=80)
    participant_ids: list[str] = Field(default_factory=list, max_length=1000)


class Start(Payload):
    kind: BreakoutKind = BreakoutKind.rooms
    # Checked again by the service, which names the limits in its message.
    duration_s: int
    assignment: Assignment | None = None
    count: int | None = Field(default=None, ge=1, le=breakouts.MAX_ROOMS)
    rooms: list[RoomPlan] | None = Field(default=None, min_length=1, max_length=breakouts.MAX_ROOMS)
    prompt: str | None = Field(default=None, max_length=500)
    warn_before_s: int = Field(default=breakouts.DEFAULT_WARNING_S, ge=0, le=3600)


class Extend(Payload):
    seconds: int


class Broadcast(Payload):
    text: str = Field(min_length=1, max_length=1000)


class Choose(Payload):
    room_id: str = Id


class Assign(Payload):
    participant_id: str = Id
    room_id: str | None = Field(default=None, max_length=64)


class Empty(Payload):
    pass


@command("breakout.start", Start, moderator_only=True)
async def start(uow: UnitOfWork, ctx: Context, data: Start) -> dict[str, Any]:
    breakout = await breakouts.start(
        uow,
        meeting=ctx.meeting,
        kind=data.kind,
        duration_s=data.duration_s,
        assignment=data.assignment,
        count=data.count,
        room_specs=[breakouts.RoomSpec(r.name, r.participant_ids) for r in data.rooms] if data.rooms else None,
        prompt=data.prompt,
        warn_before_s=data.warn_before_s,
    )
    return {"breakout_id": breakout.id, "deadline": clock.iso(breakout.deadline)}


@command("breakout.extend", Extend, moderator_only=True)
async def extend(uow: UnitOfWork, ctx: Context, data: Extend) -> None:
    await breakout_timers.extend(uow, meeting=ctx.meeting, seconds=data.seconds)


@command("breakout.end", Empty, moderator_only=True)
async def end(uow: UnitOfWork, ctx: Context, data: Empty) -> None:
    await breakouts.end(uow, meeting=ctx.meeting)


@command("breakout.broadcast", Broadcast, moderator_only=True)
async def broadcast(uow: UnitOfWork, ctx: Context, data: Broadcast) -> None:
    await breakouts.broadcast(uow, meeting=ctx.meeting, actor=ctx.actor, text=data.text)


@command("breakout.choose", Choose)
async def choose(uow: UnitOfWork, ctx: Context, data: Choose) -> None:
    await breakouts.choose(uow, meeting=ctx.meeting, actor=ctx.actor, room_id=data.room_id)


@command("breakout.assign", Assign, moderator_only=True)
async def assign(uow: UnitOfWork, ctx: Context, data: Assign) -> None:
    await breakouts.assign(uow, meeting=ctx.meeting, participant_id=data.participant_id, room_id=data.room_id)
