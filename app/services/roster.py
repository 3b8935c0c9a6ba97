"""Who is at the table: each roster entry of a series meeting, present or missing.

A person counts for an entry when they joined through an invitation of one of its contact people, or when the
organisation they gave at joining is the entry's name (case and spacing aside). Live, an entry is present while
one of its people is online (a format asking for one key representative per organisation flags an entry with
more); the summary records which entries anyone joined for during the meeting (kept on
the meeting's series link, so it outlives the people's own rows).
"""

import json

from sqlmodel import col, select

from app.db import UnitOfWork
from app.events import RosterPresence
from app.models import Invitation, Meeting, Participant, Role, RosterContact, RosterEntry, SeriesMeeting
from app.services import formats


def _key(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


async def _matches(uow: UnitOfWork, meeting_id: str, entries: list[RosterEntry]) -> dict[str, list[Participant]]:
    """Each entry's people in the meeting (not removed), in joining order."""
    people = (
        await uow.session.exec(
            select(Participant)
            .where(Participant.meeting_id == meeting_id, Participant.role == Role.participant, col(Participant.removed_at).is_(None))
            .order_by(col(Participant.joined_at))
        )
    ).all()
    invited = (
        await uow.session.exec(
            select(Invitation.participant_id, RosterContact.entry_id)
            .join(RosterContact, col(RosterContact.id) == Invitation.contact_id)
            .where(Invitation.meeting_id == meeting_id, col(Invitation.participant_id).is_not(None))
        )
    ).all()
    entry_of_person = {person_id: entry_id for person_id, entry_id in invited}
    by_name = {_key(e.name): e.id for e in entries}
    found: dict[str, list[Participant]] = {e.id: [] for e in entries}
    for person in people:
        entry_id = entry_of_person.get(person.id) or by_name.get(_key(person.organisation))
        if entry_id in found:
            found[entry_id].append(person)
    return found


async def presence(uow: UnitOfWork, *, meeting: Meeting) -> list[RosterPresence] | None:
    """The roster as it stands now; None for a meeting outside a series."""
    link = await uow.session.get(SeriesMeeting, meeting.id)
    if link is None:
        return None
    entries = list((await uow.session.exec(select(RosterEntry).where(RosterEntry.series_id == link.series_id).order_by(col(RosterEntry.position)))).all())
    matches = await _matches(uow, meeting.id, entries)
    one_each = formats.of_meeting(meeting).one_per_organisation
    return [
        RosterPresence(
            entry_id=e.id,
            name=e.name,
            kind=e.kind,
            required=e.required,
            present=any(p.online for p in matches[e.id]),
            people=[p.display_name for p in matches[e.id] if p.online],
            more_than_one=one_each and sum(p.online for p in matches[e.id]) > 1,
        )
        for e in entries
    ]


async def note_presence(uow: UnitOfWork, *, meeting: Meeting, roster: list[RosterPresence] | None) -> None:
    """Remember the entries that were present at some point: the summary's roster says who came."""
    if not roster or not any(r.present for r in roster):
        return
    link = await uow.session.get(SeriesMeeting, meeting.id)
    if link is None:
        return
    seen = set(json.loads(link.roster_presence)) if link.roster_presence else set()
    now = seen | {r.entry_id for r in roster if r.present}
    if now != seen:
        link.roster_presence = json.dumps(sorted(now))


async def for_summary(uow: UnitOfWork, *, meeting: Meeting) -> list[dict[str, object]]:
    """Each roster entry and whether anyone was there for it during the meeting; empty outside a series."""
    link = await uow.session.get(SeriesMeeting, meeting.id)
    if link is None:
        return []
    entries = (await uow.session.exec(select(RosterEntry).where(RosterEntry.series_id == link.series_id).order_by(col(RosterEntry.position)))).all()
    seen = set(json.loads(link.roster_presence)) if link.roster_presence else set()
    return [{"name": e.name, "kind": e.kind, "required": e.required, "present": e.id in seen} for e in entries]
