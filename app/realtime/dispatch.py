"""The one `command` handler: validate, authorise, apply in one transaction, answer, then publish.

What differs between commands (who may send it, the late joiners' gate, replay) is in each command's
declaration (app/realtime/commands.py), not here.

A command declared with a `group` handler (a ballot's vote) waits in its type's queue instead, and the queue
is applied in one transaction when the writer is free: the commands that came while the previous
transaction ran go together (group commit). At 1,000 voters a vote on its own cost about nine statements
and a commit; a ballot's burst is then a few statements for all of it. When nothing else is writing, a
group is a single command and waits for nothing.
"""

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from app import clock
from app.config import Settings
from app.db import UnitOfWork
from app.edge import Edge
from app.errors import DomainError, Forbidden, InvalidInput
from app.models import CommandResult, Meeting, Participant, Role
from app.realtime import handlers  # noqa: F401  (registers the commands)
from app.realtime.commands import REGISTRY, Command, Context, Done, Envelope, Payload
from app.services import consent as consent_service
from app.services import participants, roles

log = logging.getLogger(__name__)

# At most this many commands in one group: its statements' lists of ids stay well within the databases' limits.
GROUP_MAX = 500


def error_answer(error: DomainError) -> dict[str, Any]:
    return {"ok": False, "error": error.body()}


def ok_answer(version: int, result: dict[str, Any] | None) -> dict[str, Any]:
    return {"ok": True, "version": version} if result is None else {"ok": True, "version": version, "result": result}


def validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "data"
    return f"{where}: {first.get('msg', 'invalid')}"


@dataclass
class _Waiting:
    """A grouped command waiting for its group's transaction."""

    participant_id: str
    payload: Payload
    command_id: str | None
    answer: "asyncio.Future[dict[str, Any]]" = field(default_factory=lambda: asyncio.get_running_loop().create_future())

    def give(self, answer: dict[str, Any]) -> None:
        if not self.answer.done():  # its sender may have gone (the socket closed)
            self.answer.set_result(answer)


@dataclass
class _Queue:
    """One grouped command type's waiting commands, and the task applying them."""

    waiting: list[_Waiting] = field(default_factory=list)
    worker: "asyncio.Task[None] | None" = None


class Dispatcher:
    def __init__(self, edge: Edge, settings: Settings):
        self.edge = edge
        self.settings = settings
        self._queues: dict[str, _Queue] = {}

    async def dispatch(self, participant_id: str, message: Any) -> dict[str, Any]:
        try:
            envelope = Envelope.model_validate(message)
        except ValidationError as exc:
            return error_answer(InvalidInput(f"Not a command: {validation_message(exc)}"))
        command = REGISTRY.get(envelope.type)
        if command is None:
            return error_answer(InvalidInput(f"Unknown command type {envelope.type!r}."))
        # Before any transaction: a malformed payload is refused without waiting for (or holding up) writers.
        try:
            payload = command.payload.model_validate(envelope.data)
        except ValidationError as exc:
            return error_answer(InvalidInput(validation_message(exc)))
        # Only a remembered command's answer is stored, so only its command_id is looked up.
        remember = envelope.command_id if command.remember else None
        if command.group is not None:
            return await self._grouped(command, _Waiting(participant_id, payload, remember))
        return await self._single(command, participant_id, payload, remember)

    async def _single(self, command: Command, participant_id: str, payload: Payload, remember: str | None) -> dict[str, Any]:
        async def apply(uow: UnitOfWork) -> dict[str, Any]:
            # A repeated command_id gets the first answer, read in the same transaction as the change.
            if remember and (earlier := await self._find_answer(uow, participant_id, remember)):
                return earlier
            actor, meeting = await participants.actor_in_locked_meeting(uow, participant_id)
            await self._authorise(uow, command, meeting, actor)
            result = await command.handler(uow, Context(meeting, actor, self.settings), payload)
            answer = ok_answer(uow.version or meeting.version, result)
            if remember:
                self._remember(uow, participant_id, remember, answer)
            return answer

        try:
            return await self.edge.apply(apply)
        except ValidationError as exc:
            answer = error_answer(InvalidInput(validation_message(exc)))
        except DomainError as exc:
            answer = error_answer(exc)
        except IntegrityError:
            # The same command_id raced itself: the first one's answer stands.
            if remember and (earlier := await self._earlier_answer(participant_id, remember)):
                return earlier
            log.exception("integrity error in %s", command.name)
            answer = error_answer(DomainError("The change conflicted with another; try again.", code="conflict", status=409))
        except Exception:
            log.exception("command %s failed", command.name)
            answer = error_answer(DomainError("Something went wrong on the server.", code="internal_error", status=500))
        if remember:
            await self._store_failure(participant_id, remember, answer)
        return answer

    async def _authorise(self, uow: UnitOfWork, command: Command, meeting: Meeting, actor: Participant) -> None:
        if command.moderator_only and actor.role != Role.moderator:
            raise Forbidden("Only a moderator can do this.")
        if command.gate:
            await consent_service.check_may_take_part(uow, meeting_id=meeting.id, participant_id=actor.id)
        await roles.check_access(uow, meeting=meeting, actor=actor, access=command.access)

    async def _grouped(self, command: Command, waiting: _Waiting) -> dict[str, Any]:
        queue = self._queues.setdefault(command.name, _Queue())
        queue.waiting.append(waiting)
        if queue.worker is None:
            queue.worker = asyncio.create_task(self._drain(command, queue))
        # Shielded: a sender that goes away must not cancel the answer the group's worker will give.
        return await asyncio.shield(waiting.answer)

    async def _drain(self, command: Command, queue: _Queue) -> None:
        try:
            while queue.waiting:
                await self._apply_group(command, queue)
        finally:
            queue.worker = None

    async def _apply_group(self, command: Command, queue: _Queue) -> None:
        taken: list[_Waiting] = []
        answers: dict[int, dict[str, Any]] = {}

        async def apply(uow: UnitOfWork) -> None:
            # Taken once the transaction has begun (on SQLite, once the writer's lock is held): everything that
            # came while the writer was busy goes in this group.
            taken.extend(queue.waiting[:GROUP_MAX])
            del queue.waiting[:GROUP_MAX]
            # Kept while the group runs: the session holds the people only weakly (see `load`).
            loaded = await participants.load_locking(uow, {w.participant_id for w in taken})
            locked = {meeting.id: meeting for _, meeting in loaded}
            runs: dict[str, tuple[Meeting, list[tuple[int, Participant]]]] = {}
            first: dict[tuple[str, str], int] = {}
            for index, waiting in enumerate(taken):
                if waiting.command_id:
                    # A repeated command_id gets the first answer: an earlier group's, or this group's first.
                    key = (waiting.participant_id, waiting.command_id)
                    if key in first:
                        repeats[index] = first[key]
                        continue
                    first[key] = index
                    if earlier := await self._find_answer(uow, *key):
                        answers[index] = earlier
                        replayed.add(index)
                        continue
                try:
                    actor = await participants.get_actor(uow, waiting.participant_id)
                    meeting = locked[actor.meeting_id] if actor.meeting_id in locked else await uow.lock_meeting(actor.meeting_id)
                    await self._authorise(uow, command, meeting, actor)
                except DomainError as exc:
                    answers[index] = error_answer(exc)
                    continue
                runs.setdefault(meeting.id, (meeting, []))[1].append((index, actor))
            assert command.group is not None
            for meeting, run in runs.values():
                outcomes = await command.group(uow, meeting, [(actor, taken[index].payload) for index, actor in run])
                for (index, actor), outcome in zip(run, outcomes, strict=True):
                    if isinstance(outcome, Done):
                        answers[index] = ok_answer(outcome.version, outcome.result)
                    elif isinstance(outcome, DomainError):
                        answers[index] = error_answer(outcome)
                    else:
                        answers[index] = await self._alone(uow, command, meeting, actor, taken[index].payload)
            for index, waiting in enumerate(taken):
                if waiting.command_id and index not in repeats and index not in replayed:
                    self._remember(uow, waiting.participant_id, waiting.command_id, answers[index])

        repeats: dict[int, int] = {}
        replayed: set[int] = set()
        try:
            await self.edge.apply(apply)
        except Exception:
            # Nothing of the group was stored: each command is applied again on its own, as if it came alone.
            # Failed before the commands were taken (no transaction could begin), they are taken now: each then
            # gets its own answer, an error if the database is still unreachable, and the queue does not spin.
            if not taken:
                taken.extend(queue.waiting[:GROUP_MAX])
                del queue.waiting[:GROUP_MAX]
            log.exception("a group of %s failed; applying its %d commands one by one", command.name, len(taken))
            for waiting in taken:
                waiting.give(await self._single(command, waiting.participant_id, waiting.payload, waiting.command_id))
            return
        for index, waiting in enumerate(taken):
            waiting.give(answers[repeats.get(index, index)])

    async def _alone(self, uow: UnitOfWork, command: Command, meeting: Meeting, actor: Participant, payload: Payload) -> dict[str, Any]:
        """One command of a group through its own handler, in a savepoint: refused, it leaves nothing behind."""
        mark = uow.mark()
        try:
            async with uow.session.begin_nested():
                result = await command.handler(uow, Context(meeting, actor, self.settings), payload)
        except (DomainError, ValidationError) as exc:
            uow.rewind(mark)
            return error_answer(exc if isinstance(exc, DomainError) else InvalidInput(validation_message(exc)))
        return ok_answer(uow.version or meeting.version, result)

    def _remember(self, uow: UnitOfWork, participant_id: str, command_id: str, answer: dict[str, Any]) -> None:
        uow.session.add(CommandResult(participant_id=participant_id, command_id=command_id, answer=json.dumps(answer), created_at=clock.now()))

    @staticmethod
    async def _find_answer(uow: UnitOfWork, participant_id: str, command_id: str) -> dict[str, Any] | None:
        row = await uow.session.get(CommandResult, (participant_id, command_id))
        return json.loads(row.answer) if row else None

    async def _earlier_answer(self, participant_id: str, command_id: str) -> dict[str, Any] | None:
        return await self.edge.read(lambda uow: self._find_answer(uow, participant_id, command_id))

    async def _store_failure(self, participant_id: str, command_id: str, answer: dict[str, Any]) -> None:
        async def store(uow: UnitOfWork) -> None:
            if await uow.session.get(CommandResult, (participant_id, command_id)) is None:
                self._remember(uow, participant_id, command_id, answer)

        try:
            await self.edge.apply(store)
        except Exception:  # the answer was given; remembering it is best effort
            log.exception("could not store the answer to %s", command_id)
