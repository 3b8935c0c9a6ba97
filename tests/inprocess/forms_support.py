"""Helpers for the forms stories: a learning conversation, and the form routes' own service calls."""

import json
from typing import Any

from sqlmodel import select

from app.db import UnitOfWork
from app.errors import DomainError
from app.formats import catalogue as formats
from app.models import Form, Meeting, Participant
from app.services import agreements, forms, participants
from app.services import formats as format_service
from app.services.forms import FormView
from tests.harness import Harness, MeetingHandle, Person

# A learning conversation's definition as the meeting keeps it: the roles the forms ask for. (The built-in format
# file may ship later; a meeting with its own definition runs the same way.)
LEARNING_CONVERSATION = {
    "id": "learning_conversation",
    "name": {"en": "Partnership learning conversation"},
    "roles": [
        {"id": "lead_worker", "name": {"en": "Lead worker"}, "rights": ["raise_hand", "ask_question", "chat", "queued", "receive_record"]},
        {"id": "facilitator", "name": {"en": "Facilitator"}, "base": "moderator"},
    ],
}


async def make_learning_conversation(h: Harness, meeting: MeetingHandle) -> None:
    async def change(uow: UnitOfWork) -> None:
        row = await uow.lock_meeting(meeting.id)
        if "learning_conversation" in formats.builtin():
            row.format = "learning_conversation"
        else:
            # The stages' runtime knows only the built-in formats' ids yet: the meeting runs as `open` with the
            # learning conversation's definition kept with it, as a meeting made from an organiser's own format.
            row.format_definition = json.dumps(LEARNING_CONVERSATION)
        # Long enough for the 8-week follow-up (retention is counted from the end; docs/privacy.md).
        row.retention_days = 120
        await uow.session.flush()
        # Everyone already here has acknowledged the conversation's ground rules (its agreement gate).
        if format_service.of_meeting(row).agreement is not None:
            for person in (await uow.session.exec(select(Participant).where(Participant.meeting_id == row.id))).all():
                await agreements.acknowledge(uow, meeting=row, actor=person)

    await h.edge.apply(change)


async def give_role(h: Harness, person: Person, role: str) -> None:
    async def change(uow: UnitOfWork) -> None:
        row = await uow.session.get(Participant, person.id)
        assert row is not None
        row.format_role = role

    await h.edge.apply(change)


async def listed(h: Harness, person: Person) -> list[dict[str, Any]]:
    async def read(uow: UnitOfWork) -> list[FormView]:
        meeting = await uow.session.get(Meeting, person.meeting_id)
        viewer = await uow.session.get(Participant, person.id)
        assert meeting is not None and viewer is not None
        return await forms.list_for(uow, meeting=meeting, viewer=viewer)

    return [v.model_dump(mode="json") for v in await h.read(read)]


async def answer(h: Harness, person: Person, form_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    """POST …/answers as the route makes it: {"ok": true} or the error body."""

    async def apply(uow: UnitOfWork) -> None:
        meeting = await uow.lock_meeting(person.meeting_id)
        actor = await participants.get_actor(uow, person.id)
        await forms.answer(uow, meeting=meeting, person=actor, form_id=form_id, answers=answers)

    try:
        await h.edge.apply(apply)
    except DomainError as exc:
        return {"ok": False, "error": exc.body()}
    return {"ok": True}


async def form_row(h: Harness, form_id: str) -> Form:
    async def read(uow: UnitOfWork) -> Form:
        row = await uow.session.get(Form, form_id)
        assert row is not None
        return row

    return await h.read(read)


async def create(h: Harness, meeting: MeetingHandle, **fields: Any) -> Form:
    async def apply(uow: UnitOfWork) -> Form:
        row = await uow.lock_meeting(meeting.id)
        return await forms.create(uow, meeting=row, **fields)

    return await h.edge.apply(apply)
