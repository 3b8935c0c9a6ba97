"""followup.* commands: what the meeting leads to, who carries it out, by when, and where it stands."""

from datetime import date
from typing import Any

from pydantic import Field

from app.db import UnitOfWork
from app.models import FollowUpKind, FollowUpStatus, ReviewOutcome
from app.realtime.commands import Context, Payload, command
from app.services import followups

Id = Field(default=None, min_length=1, max_length=64)


class FollowUpAdd(Payload):
    # The item's words; from a chat message, the message's text when none is given.
    text: str | None = Field(default=None, min_length=1, max_length=500)
    kind: FollowUpKind = FollowUpKind.action
    owner: str | None = Field(default=None, max_length=120)
    owner_participant_id: str | None = Id
    due_on: date | None = None
    from_message_id: str | None = Id
    from_card_id: str | None = Id


class FollowUpUpdate(Payload):
    """Only the fields sent change; null clears owner, owner_participant_id and due_on."""

    followup_id: str = Field(min_length=1, max_length=64)
    text: str | None = Field(default=None, min_length=1, max_length=500)
    kind: FollowUpKind | None = None
    owner: str | None = Field(default=None, max_length=120)
    owner_participant_id: str | None = Id
    due_on: date | None = None


class FollowUpStatusSet(Payload):
    followup_id: str = Field(min_length=1, max_length=64)
    status: FollowUpStatus


class FollowUpReview(Payload):
    followup_id: str = Field(min_length=1, max_length=64)
    outcome: ReviewOutcome


class FollowUpRef(Payload):
    followup_id: str = Field(min_length=1, max_length=64)


@command("followup.add", FollowUpAdd, moderator_only=True)
async def add(uow: UnitOfWork, ctx: Context, data: FollowUpAdd) -> dict[str, Any]:
    item = await followups.add(uow, meeting=ctx.meeting, actor=ctx.actor, **data.model_dump())
    return {"followup_id": item.id}


@command("followup.update", FollowUpUpdate, moderator_only=True)
async def update(uow: UnitOfWork, ctx: Context, data: FollowUpUpdate) -> None:
    changes = {name: getattr(data, name) for name in data.model_fields_set - {"followup_id"}}
    await followups.update(uow, meeting=ctx.meeting, followup_id=data.followup_id, changes=changes)


@command("followup.set_status", FollowUpStatusSet, moderator_only=True)
async def set_status(uow: UnitOfWork, ctx: Context, data: FollowUpStatusSet) -> None:
    await followups.set_status(uow, meeting=ctx.meeting, followup_id=data.followup_id, status=data.status)


@command("followup.review", FollowUpReview, moderator_only=True)
async def review(uow: UnitOfWork, ctx: Context, data: FollowUpReview) -> None:
    await followups.review(uow, meeting=ctx.meeting, followup_id=data.followup_id, outcome=data.outcome)


@command("followup.remove", FollowUpRef, moderator_only=True)
async def remove(uow: UnitOfWork, ctx: Context, data: FollowUpRef) -> None:
    await followups.remove(uow, meeting=ctx.meeting, followup_id=data.followup_id)
