"""hand.* commands."""

from pydantic import Field

from app.db import UnitOfWork
from app.errors import DomainError
from app.formats.definition import Right
from app.models import Meeting, Participant
from app.realtime.commands import Context, Done, Payload, command
from app.services import hands


class Raise(Payload):
    note: str | None = Field(default=None, max_length=140)


class Lower(Payload):
    participant_id: str | None = Field(default=None, max_length=64)


class GiveFloor(Payload):
    participant_id: str | None = Field(default=None, max_length=64)


class Empty(Payload):
    pass


async def raises(uow: UnitOfWork, meeting: Meeting, run: list[tuple[Participant, Raise]]) -> list[Done | DomainError | None]:
    """Hands raised at once (a keynote's "who has a suggestion?"): the queue is read once for all of them."""
    outcomes = await hands.raise_hands(uow, meeting=meeting, raising=[(actor.id, data.note) for actor, data in run])
    return [outcome if isinstance(outcome, DomainError) else Done(None, outcome) for outcome in outcomes]


@command("hand.raise", Raise, right=Right.raise_hand, takes_part=True, group=raises)
async def raise_hand(uow: UnitOfWork, ctx: Context, data: Raise) -> None:
    await hands.raise_hand(uow, meeting=ctx.meeting, actor=ctx.actor, note=data.note)


@command("hand.lower", Lower)
async def lower_hand(uow: UnitOfWork, ctx: Context, data: Lower) -> None:
    await hands.lower_hand(uow, meeting=ctx.meeting, actor=ctx.actor, participant_id=data.participant_id)


@command("hand.give_floor", GiveFloor, moderator_only=True)
async def give_floor(uow: UnitOfWork, ctx: Context, data: GiveFloor) -> None:
    await hands.give_floor(uow, meeting=ctx.meeting, participant_id=data.participant_id)


@command("hand.finish_speaking", Empty)
async def finish_speaking(uow: UnitOfWork, ctx: Context, data: Empty) -> None:
    await hands.finish_speaking(uow, meeting=ctx.meeting, actor=ctx.actor)


@command("hand.clear", Empty, moderator_only=True)
async def clear(uow: UnitOfWork, ctx: Context, data: Empty) -> None:
    await hands.clear(uow, meeting=ctx.meeting)
