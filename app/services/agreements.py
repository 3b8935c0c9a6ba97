"""The format's agreement: the ground rules each person acknowledges before taking part, kept with the time.

Until a person has acknowledged, every command but the consent votes is refused (`agreement_required`;
the dispatcher's gate, app/services/roles.py). Observers do not take part, so they are not asked.
"""

from collections.abc import Callable
from typing import Any

from sqlmodel import col, select

from app import ids, rooms
from app.db import UnitOfWork
from app.errors import Conflict, Forbidden
from app.events import AcknowledgementView, AgreementAcknowledged
from app.models import AgreementAcknowledgement, Meeting, Participant
from app.services import formats


class AgreementRequired(Forbidden):
    code, message = "agreement_required", "Please read and acknowledge the meeting's agreement before taking part."


class NoAgreement(Conflict):
    code, message = "no_agreement", "This meeting's format has no agreement to acknowledge."


async def _mine(uow: UnitOfWork, *, meeting_id: str, participant_id: str) -> AgreementAcknowledgement | None:
    statement = select(AgreementAcknowledgement).where(
        AgreementAcknowledgement.meeting_id == meeting_id, AgreementAcknowledgement.participant_id == participant_id
    )
    return (await uow.session.exec(statement)).first()


async def check_acknowledged(uow: UnitOfWork, *, meeting: Meeting, actor: Participant) -> None:
    if await _mine(uow, meeting_id=meeting.id, participant_id=actor.id) is None:
        raise AgreementRequired()


async def acknowledge(uow: UnitOfWork, *, meeting: Meeting, actor: Participant) -> AcknowledgementView:
    """Kept once, with the time; acknowledging again changes nothing."""
    if formats.of_meeting(meeting).agreement is None:
        raise NoAgreement()
    row = await _mine(uow, meeting_id=meeting.id, participant_id=actor.id)
    if row is not None:
        return _view(row, actor)
    row = AgreementAcknowledgement(id=ids.new_id(), meeting_id=meeting.id, participant_id=actor.id, acknowledged_at=uow.now)
    uow.session.add(row)
    await uow.session.flush()
    view = _view(row, actor)
    await uow.change(meeting.id, AgreementAcknowledged(acknowledgement=view), to=[rooms.moderators(meeting.id), rooms.person(actor.id)])
    return view


def _view(row: AgreementAcknowledgement, person: Participant) -> AcknowledgementView:
    return AcknowledgementView(participant_id=person.id, display_name=person.display_name, acknowledged_at=row.acknowledged_at)


async def acknowledgements(uow: UnitOfWork, *, meeting: Meeting) -> list[tuple[AgreementAcknowledgement, Participant]]:
    """Who acknowledged, oldest first (people who erased their data are left out)."""
    statement = (
        select(AgreementAcknowledgement, Participant)
        .join(Participant, col(Participant.id) == AgreementAcknowledgement.participant_id)
        .where(AgreementAcknowledgement.meeting_id == meeting.id, col(Participant.erased_at).is_(None))
        .order_by(col(AgreementAcknowledgement.acknowledged_at), col(AgreementAcknowledgement.id))
    )
    return list((await uow.session.exec(statement)).all())


async def acknowledged(uow: UnitOfWork, *, meeting: Meeting, person: Participant) -> bool:
    return await _mine(uow, meeting_id=meeting.id, participant_id=person.id) is not None


async def views_of(uow: UnitOfWork, *, meeting: Meeting) -> list[AcknowledgementView]:
    return [_view(row, person) for row, person in await acknowledgements(uow, meeting=meeting)]


async def summary_part(uow: UnitOfWork, *, meeting: Meeting, named: Callable[[str], str | None]) -> dict[str, Any] | None:
    """For the summary: how many acknowledged, and by name those who agreed to their name in the summary."""
    if formats.of_meeting(meeting).agreement is None:
        return None
    rows = await acknowledgements(uow, meeting=meeting)
    names = [name for _, person in rows if (name := named(person.id))]
    return {"acknowledged": len(rows), "named": sorted(names, key=str.casefold)}
