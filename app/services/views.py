"""Builds the views clients see from rows. Shared by snapshots and events."""

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func
from sqlmodel import col, select

from app.db import UnitOfWork
from app.events import (
    ChatMessageView,
    HandQueue,
    ParticipantView,
    PeopleCount,
    PersonRef,
    QuestionView,
    QueueEntry,
    ResourceView,
    SpeakerView,
)
from app.formats.definition import Right
from app.models import ChatKind, ChatMessage, FloorTurn, Hand, Meeting, Participant, Question, Role
from app.rules import hand_queue
from app.services import formats, roles


def person(p: Participant) -> PersonRef:
    return PersonRef(participant_id=p.id, display_name=p.display_name)


def participant(p: Participant) -> ParticipantView:
    return ParticipantView(
        participant_id=p.id,
        display_name=p.display_name,
        organisation=p.organisation,
        role=p.role,
        keynote=p.keynote,
        online=p.online,
        has_spoken=p.spoken_count > 0,
        format_role=p.format_role,
    )


PARTICIPANT_FIELDS = ("participant_id", "display_name", "organisation", "role", "keynote", "online", "has_spoken", "format_role")
assert PARTICIPANT_FIELDS == tuple(ParticipantView.model_fields)


@dataclass(frozen=True)
class People:
    """A meeting's current members as the snapshot lists them, read at one version."""

    version: int
    everyone: list[ParticipantView]
    # Moderators, keynote speakers and people given a role of the format: who a page names even when it cannot
    # name everyone (docs/protocol.md, "The snapshot's meeting").
    named: list[ParticipantView]
    online: int


# The people of each recently connected-to meeting, with the version they were read at.
_PEOPLE: OrderedDict[str, People] = OrderedDict()
PEOPLE_KEPT = 256


def named(p: ParticipantView) -> bool:
    return p.role == Role.moderator or p.keynote or p.format_role is not None


async def people(uow: UnitOfWork, meeting: Meeting) -> People:
    """Every current member, for the snapshot. Read as plain columns and kept per meeting version: in a join
    storm a thousand snapshots of a thousand people were the cost of joining, and between two changes of the
    meeting every snapshot holds the same list.

    Only presence changes without a new version (announced by the timer, app/services/participants.py), so a
    kept list may show someone as away who has just come, or the other way round; every such change is
    pending and reaches the page as `presence.changed`, with a newer version, at the timer's next tick.
    """
    kept = _PEOPLE.get(meeting.id)
    if kept is not None and kept.version == meeting.version:
        _PEOPLE.move_to_end(meeting.id)
        return kept
    rows = (
        await uow.session.exec(
            select(  # type: ignore[call-overload]
                Participant.id, Participant.display_name, Participant.organisation, Participant.role,
                Participant.keynote, Participant.online, Participant.spoken_count, Participant.format_role,
            )
            .where(Participant.meeting_id == meeting.id, Participant.removed_at == None)  # noqa: E711
            .order_by(col(Participant.joined_at))
        )
    ).all()
    everyone = [ParticipantView.model_validate(dict(zip(PARTICIPANT_FIELDS, (*row[:6], row[6] > 0, row[7]), strict=True))) for row in rows]
    kept = People(meeting.version, everyone, [p for p in everyone if named(p)], sum(p.online for p in everyone))
    _PEOPLE[meeting.id] = kept
    _PEOPLE.move_to_end(meeting.id)
    while len(_PEOPLE) > PEOPLE_KEPT:
        _PEOPLE.popitem(last=False)
    return kept


async def people_count(uow: UnitOfWork, meeting: Meeting) -> PeopleCount:
    """How many current members the meeting has and how many are online, as of this transaction."""
    online = case((col(Participant.online), 1), else_=0)
    statement = select(func.count(), func.coalesce(func.sum(online), 0)).where(
        Participant.meeting_id == meeting.id, Participant.removed_at == None  # noqa: E711
    )
    total, present = (await uow.session.exec(statement)).one()
    return PeopleCount(total=total, online=present)


@dataclass(frozen=True)
class _Waiting(hand_queue.QueuedHand):
    """A raised hand with what its queue entry shows."""

    display_name: str = ""
    note: str | None = None
    raised_at: datetime | None = None
    online: bool = True


async def _ordered(uow: UnitOfWork, meeting: Meeting) -> tuple[hand_queue.HandRule, list[_Waiting], list[hand_queue.PlaceReason | None]]:
    """The raised hands in queue order with their reasons."""
    rule, waiting, last = await _waiting(uow, meeting)
    ordered = hand_queue.order(waiting, rule=rule, last_organisation=last)
    return rule, ordered, hand_queue.reasons(ordered, rule=rule)


async def _waiting(uow: UnitOfWork, meeting: Meeting) -> tuple[hand_queue.HandRule, list[_Waiting], str | None]:
    """The raised hands, the meeting's rule and the organisation that spoke last, read as plain columns (a burst
    of raises reads the queue once per group; loading ORM objects for it made that the cost of a raise)."""
    rows = (
        await uow.session.exec(
            select(  # type: ignore[call-overload]
                Participant.id, Hand.seq, Participant.spoken_count, Participant.online, Participant.offline_since,
                Participant.spoken_seconds, Participant.organisation, Participant.display_name, Hand.note, Hand.raised_at,
                Participant.role, Participant.format_role,
            )
            .join(Participant, col(Participant.id) == Hand.participant_id)
            .where(Hand.meeting_id == meeting.id)
        )
    ).all()
    definition = formats.of_meeting(meeting)
    # Whether a role is queued, once per role rather than once per hand.
    queued_roles = {
        (base, format_role): roles.holds(definition, base=base, format_role=format_role, right=Right.queued) for *_, base, format_role in rows
    }
    queued = [
        _Waiting(
            participant_id=pid, seq=seq, has_spoken=spoken > 0, offline_since=offline if not online else None, spoken_seconds=seconds,
            organisation=organisation, not_queued=not queued_roles[base, format_role],
            display_name=name, note=note, raised_at=raised, online=online,
        )
        for pid, seq, spoken, online, offline, seconds, organisation, name, note, raised, base, format_role in rows
    ]
    rule = hand_queue.HandRule(meeting.hand_rule)
    last = await _last_organisation(uow, meeting) if rule == hand_queue.HandRule.other_organisation and queued else None
    return rule, queued, last


def _entry(w: _Waiting, reason: hand_queue.PlaceReason | None) -> QueueEntry:
    assert w.raised_at is not None
    return QueueEntry(
        participant_id=w.participant_id,
        display_name=w.display_name,
        note=w.note,
        raised_at=w.raised_at,
        has_spoken=w.has_spoken,
        away=not w.online,
        reason=reason,
    )


async def queue(uow: UnitOfWork, meeting: Meeting) -> HandQueue:
    rule, ordered, reasons = await _ordered(uow, meeting)
    return HandQueue(rule=rule, entries=[_entry(w, reason) for w, reason in zip(ordered, reasons, strict=True)])


async def queue_places(uow: UnitOfWork, meeting: Meeting, raised: list[str]) -> list[tuple[QueueEntry, int]]:
    """For hands just raised, in the order they were raised: each one's entry and its index in the queue as it
    stood right after it was raised, before the later ones (what its `hand.raised` carries). The queue is read
    once; each earlier queue is the rule's order of fewer hands (the rule orders any set of hands alike)."""
    rule, waiting, last = await _waiting(uow, meeting)
    places: list[tuple[QueueEntry, int]] = []
    for index, participant_id in enumerate(raised):
        later = set(raised[index + 1 :])
        ordered = hand_queue.order([w for w in waiting if w.participant_id not in later], rule=rule, last_organisation=last)
        position = next(i for i, w in enumerate(ordered) if w.participant_id == participant_id)
        places.append((_entry(ordered[position], hand_queue.reasons(ordered, rule=rule)[position]), position))
    return places


async def _last_organisation(uow: UnitOfWork, meeting: Meeting) -> str | None:
    """The organisation of whoever has the floor, or else of whoever had it last."""
    speaker_id = meeting.speaker_id
    if speaker_id is None:
        latest = select(FloorTurn.participant_id).where(FloorTurn.meeting_id == meeting.id).order_by(col(FloorTurn.started_at).desc()).limit(1)
        speaker_id = (await uow.session.exec(latest)).first()
    if speaker_id is None:
        return None
    person = await uow.session.get(Participant, speaker_id)
    return person.organisation if person else None


async def speaker(uow: UnitOfWork, meeting: Meeting) -> SpeakerView | None:
    if meeting.speaker_id is None or meeting.speaking_since is None:
        return None
    p = await uow.session.get(Participant, meeting.speaker_id)
    if p is None:
        return None
    return SpeakerView(participant_id=p.id, display_name=p.display_name, since=meeting.speaking_since)


async def names(uow: UnitOfWork, ids: set[str]) -> dict[str, Participant]:
    if not ids:
        return {}
    rows = (await uow.session.exec(select(Participant).where(col(Participant.id).in_(ids)))).all()
    return {p.id: p for p in rows}


def question(q: Question, author: Participant | None) -> QuestionView:
    return QuestionView(
        id=q.id,
        text=q.text,
        status=q.status,
        keynote=q.keynote,
        circulated=q.circulated_at is not None,
        anonymous=q.anonymous,
        author=person(author) if author is not None and not q.anonymous else None,
        upvotes=q.upvotes,
        position=q.position,
        created_at=q.created_at,
        answered_at=q.answered_at,
        promoted_from=q.promoted_from,
    )


async def questions(uow: UnitOfWork, rows: Sequence[Question]) -> list[QuestionView]:
    authors = await names(uow, {q.author_id for q in rows if q.author_id})
    return [question(q, authors.get(q.author_id) if q.author_id else None) for q in rows]


def chat_message(m: ChatMessage, author: Participant) -> ChatMessageView:
    return ChatMessageView(
        id=m.id,
        seq=m.seq,
        room_id=m.room_id,
        author=person(author),
        kind=m.kind,
        text=m.text,
        url=m.url,
        title=m.title,
        created_at=m.created_at,
    )


async def chat_messages(uow: UnitOfWork, rows: Sequence[ChatMessage]) -> list[ChatMessageView]:
    authors = await names(uow, {m.participant_id for m in rows})
    return [chat_message(m, authors[m.participant_id]) for m in rows]


def resource(m: ChatMessage, author: Participant) -> ResourceView:
    assert m.kind == ChatKind.resource and m.url
    return ResourceView(
        message_id=m.id,
        url=m.url,
        title=m.title or m.url,
        text=m.text,
        author=person(author),
        created_at=m.created_at,
    )
