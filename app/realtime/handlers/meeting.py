"""meeting.* and participant.* commands."""

from datetime import timedelta

from pydantic import Field

from app.db import UnitOfWork
from app.realtime.commands import Context, Payload, command
from app.realtime.handlers.questions import replanning
from app.rules import time_box
from app.rules.hand_queue import HandRule
from app.rules.time_box import TimeBoxAction
from app.services import ending, meetings, participants, roles


class Empty(Payload):
    pass


class Configure(Payload):
    # The old switch: true is "fairness", false "first_come". Send `hand_rule` for the others.
    fairness: bool | None = None
    hand_rule: HandRule | None = None
    hand_grace_seconds: int | None = Field(default=None, ge=0, le=3600)
    # Seconds for each turn of a turn-taking stage; 0 switches the time box off.
    turn_time_box_seconds: int | None = Field(default=None, ge=0, le=time_box.MAX_SECONDS)
    turn_time_box_action: TimeBoxAction | None = None


class ParticipantRef(Payload):
    participant_id: str = Field(min_length=1, max_length=64)


class SetKeynote(ParticipantRef):
    keynote: bool


@command("meeting.start", Empty, moderator_only=True)
async def start(uow: UnitOfWork, ctx: Context, data: Empty) -> None:
    await meetings.start(uow, meeting=ctx.meeting)


@command("meeting.end", Empty, moderator_only=True)
async def end(uow: UnitOfWork, ctx: Context, data: Empty) -> None:
    await ending.end_meeting(uow, meeting=ctx.meeting, decide_within=timedelta(days=ctx.settings.undecided_recording_days))


@command("meeting.configure", Configure, moderator_only=True)
async def configure(uow: UnitOfWork, ctx: Context, data: Configure) -> None:
    await meetings.configure(
        uow,
        meeting=ctx.meeting,
        fairness=data.fairness,
        hand_rule=data.hand_rule,
        hand_grace_seconds=data.hand_grace_seconds,
        turn_time_box_seconds=data.turn_time_box_seconds,
        turn_time_box_action=data.turn_time_box_action,
    )


@command("participant.remove", ParticipantRef, moderator_only=True)
async def remove(uow: UnitOfWork, ctx: Context, data: ParticipantRef) -> None:
    await participants.remove(uow, meeting=ctx.meeting, actor=ctx.actor, participant_id=data.participant_id)


@command("participant.set_keynote", SetKeynote, moderator_only=True)
async def set_keynote(uow: UnitOfWork, ctx: Context, data: SetKeynote) -> None:
    # Keynote speakers have their own stage and skip the concluding tour.
    await replanning(uow, ctx, lambda: roles.set_keynote(uow, meeting=ctx.meeting, participant_id=data.participant_id, keynote=data.keynote))


class SetRole(ParticipantRef):
    role: str = Field(min_length=1, max_length=40)


@command("participant.set_role", SetRole, moderator_only=True)
async def set_role(uow: UnitOfWork, ctx: Context, data: SetRole) -> None:
    # Who takes turns may change with the role (a focal person is not queued).
    await replanning(uow, ctx, lambda: roles.set_role(uow, meeting=ctx.meeting, participant_id=data.participant_id, role_id=data.role))


@command("participant.lift_ban", ParticipantRef, moderator_only=True)
async def lift_ban(uow: UnitOfWork, ctx: Context, data: ParticipantRef) -> None:
    # A removal bans the person's device and name from joining again; a moderator may let them back.
    await participants.lift_ban(uow, meeting=ctx.meeting, participant_id=data.participant_id)
