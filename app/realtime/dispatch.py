"""The one `command` handler: validate, authorise, apply in one transaction, answer, then publish.

What differs between commands (who may send it, the late joiners' gate, replay) is in each command's
declaration (app/realtime/commands.py), not here.
"""

import json
import logging
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from app import clock
from app.config import Settings
from app.db import UnitOfWork
from app.edge import Edge
from app.errors import DomainError, Forbidden, InvalidInput
from app.models import CommandResult, Role
from app.realtime import handlers  # noqa: F401  (registers the commands)
from app.realtime.commands import REGISTRY, Context, Envelope
from app.services import consent as consent_service
from app.services import participants, roles

log = logging.getLogger(__name__)


def error_answer(error: DomainError) -> dict[str, Any]:
    return {"ok": False, "error": error.body()}


def validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "data"
    return f"{where}: {first.get('msg', 'invalid')}"


class Dispatcher:
    def __init__(self, edge: Edge, settings: Settings):
        self.edge = edge
        self.settings = settings

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
        remember = envelope.command_id if command.remember else None

        async def apply(uow: UnitOfWork) -> dict[str, Any]:
            # A repeated command_id gets the first answer, read in the same transaction as the change.
            if envelope.command_id and (earlier := await self._find_answer(uow, participant_id, envelope.command_id)):
                return earlier
            actor = await participants.get_actor(uow, participant_id)
            meeting = await uow.lock_meeting(actor.meeting_id)
            if command.moderator_only and actor.role != Role.moderator:
                raise Forbidden("Only a moderator can do this.")
            if command.gate:
                await consent_service.check_may_take_part(uow, meeting_id=meeting.id, participant_id=actor.id)
            await roles.check_access(uow, meeting=meeting, actor=actor, access=command.access)
            result = await command.handler(uow, Context(meeting, actor, self.settings), payload)
            answer: dict[str, Any] = {"ok": True, "version": uow.version or meeting.version}
            if result is not None:
                answer["result"] = result
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
            if envelope.command_id and (earlier := await self._earlier_answer(participant_id, envelope.command_id)):
                return earlier
            log.exception("integrity error in %s", envelope.type)
            answer = error_answer(DomainError("The change conflicted with another; try again.", code="conflict", status=409))
        except Exception:
            log.exception("command %s failed", envelope.type)
            answer = error_answer(DomainError("Something went wrong on the server.", code="internal_error", status=500))
        if remember:
            await self._store_failure(participant_id, remember, answer)
        return answer

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
