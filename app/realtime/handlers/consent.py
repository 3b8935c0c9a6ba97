"""consent.* commands. Acks carry the outcome and never the voter's choice, so nothing stored with them links a person to a vote.

They pass the late joiners' gate (answering it is what they are for). A vote and a withdrawal are never remembered
for command_id replay: a stored answer would tie a person to the moment the meeting became private.
"""

from itertools import takewhile
from typing import Any, Literal

from app.db import UnitOfWork
from app.errors import DomainError
from app.models import Meeting, Participant
from app.realtime.commands import Context, Done, Payload, command
from app.rules import consent as rule
from app.services import consent


class OpenBallot(Payload):
    phase: Literal["opening", "closing"]


class Vote(Payload):
    choice: Literal["record", "private", "share", "keep_private"]


class Empty(Payload):
    pass


def _outcome(state: rule.Consent) -> dict[str, Any]:
    return {"state": state.state.value}


@command("consent.open_ballot", OpenBallot, moderator_only=True, gate=False)
async def open_ballot(uow: UnitOfWork, ctx: Context, data: OpenBallot) -> dict[str, Any]:
    return _outcome(await consent.open_ballot(uow, meeting_id=ctx.meeting.id, phase=rule.Phase(data.phase)))


@command("consent.close_ballot", Empty, moderator_only=True, gate=False)
async def close_ballot(uow: UnitOfWork, ctx: Context, data: Empty) -> dict[str, Any]:
    return _outcome(await consent.close_ballot(uow, meeting_id=ctx.meeting.id))


async def votes(uow: UnitOfWork, meeting: Meeting, run: list[tuple[Participant, Vote]]) -> list[Done | DomainError | None]:
    """A ballot's burst: the votes from the first up to the first that is not `record` are counted at once;
    the rest are left to `vote`, one by one."""
    leading = len(list(takewhile(lambda sent: sent[1].choice == rule.Choice.record, run)))
    counted = await consent.record_votes(uow, meeting_id=meeting.id, participant_ids=[actor.id for actor, _ in run[:leading]])
    outcomes: list[Done | DomainError | None] = [None] * len(run)
    for index, outcome in enumerate(counted):
        outcomes[index] = Done({"state": outcome.state.value}, outcome.version) if isinstance(outcome, consent.Counted) else outcome
    return outcomes


@command("consent.vote", Vote, gate=False, remember=False, observer=True, group=votes)
async def vote(uow: UnitOfWork, ctx: Context, data: Vote) -> dict[str, Any]:
    state = await consent.vote(uow, meeting_id=ctx.meeting.id, participant_id=ctx.actor.id, choice=rule.Choice(data.choice))
    return {"state": state.value}


@command("consent.withdraw", Empty, gate=False, remember=False, observer=True)
async def withdraw(uow: UnitOfWork, ctx: Context, data: Empty) -> dict[str, Any]:
    return _outcome(await consent.withdraw(uow, meeting_id=ctx.meeting.id, participant_id=ctx.actor.id))
