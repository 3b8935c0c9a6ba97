"""The raise-hand queue and the floor."""

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from app import ids, rooms
from app.db import UnitOfWork
from app.errors import Conflict, DomainError, Forbidden, MeetingNotLive
from app.events import FloorEnded, FloorGiven, HandLowered, HandRaised, HandsCleared, SpeakerView
from app.models import Hand, Meeting, MeetingStatus, Participant, Role
from app.rules import hand_queue
from app.services import formats, participants, summary, views


class HandAlreadyRaised(Conflict):
    code, message = "hand_already_raised", "Your hand is already raised."


class NoHandRaised(Conflict):
    code, message = "no_hand_raised", "There is no raised hand to lower."


class QueueEmpty(Conflict):
    code, message = "queue_empty", "Nobody is waiting to speak."


class NobodySpeaking(Conflict):
    code, message = "nobody_speaking", "Nobody has the floor."


def check_live(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.live:
        raise MeetingNotLive("Hands open when the meeting is live." if meeting.status == MeetingStatus.scheduled else "The meeting has ended.")


async def _hand_of(uow: UnitOfWork, meeting: Meeting, participant_id: str) -> Hand | None:
    statement = select(Hand).where(Hand.meeting_id == meeting.id, Hand.participant_id == participant_id)
    return (await uow.session.exec(statement)).first()


async def raise_hand(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, note: str | None) -> None:
    [outcome] = await raise_hands(uow, meeting=meeting, raising=[(actor.id, note)])
    if isinstance(outcome, DomainError):
        raise outcome


async def raise_hands(uow: UnitOfWork, *, meeting: Meeting, raising: list[tuple[str, str | None]]) -> list[int | DomainError]:
    """Hands raised in the order given, with their notes: for each, its version or the refusal (nothing stored
    for it). A burst comes here as one run (app/realtime/dispatch.py groups it): the queue is read once for
    all of it, and each `hand.raised` carries the place its hand had right after it was raised."""
    try:
        check_live(meeting)
        await formats.check_floor_open(uow, meeting)
    except DomainError as refusal:
        return [refusal] * len(raising)
    everyone = {participant_id for participant_id, _ in raising}
    up = set(
        (await uow.session.exec(select(Hand.participant_id).where(Hand.meeting_id == meeting.id, col(Hand.participant_id).in_(everyone)))).all()
    )
    outcomes: list[int | DomainError] = []
    accepted: list[tuple[int, str, str | None]] = []
    for index, (participant_id, note) in enumerate(raising):
        if participant_id in up:
            outcomes.append(HandAlreadyRaised())
            continue
        up.add(participant_id)
        outcomes.append(0)
        accepted.append((index, participant_id, note))
    if not accepted:
        return outcomes
    last = await uow.bump(meeting.id, by=len(accepted))
    versions = range(last - len(accepted) + 1, last + 1)
    for version, (_, participant_id, note) in zip(versions, accepted, strict=True):
        uow.session.add(Hand(id=ids.new_id(), meeting_id=meeting.id, participant_id=participant_id, note=note or None, raised_at=uow.now, seq=version))
    await uow.session.flush()
    places = await views.queue_places(uow, meeting, [participant_id for _, participant_id, _ in accepted])
    for version, (index, participant_id, _), (entry, position) in zip(versions, accepted, places, strict=True):
        uow.record(HandRaised(participant_id=participant_id, entry=entry, position=position), to=rooms.meeting(meeting.id), version=version)
        outcomes[index] = version
    return outcomes


async def lower_hand(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, participant_id: str | None) -> None:
    """Anyone lowers their own hand; a moderator may lower anyone's."""
    target = participant_id or actor.id
    if target != actor.id and actor.role != Role.moderator:
        raise Forbidden("Only a moderator can lower someone else's hand.")
    hand = await _hand_of(uow, meeting, target)
    if hand is None:
        raise NoHandRaised()
    await uow.session.delete(hand)
    await uow.session.flush()
    reason = "lowered" if target == actor.id else "lowered_by_moderator"
    event = HandLowered(participant_id=target, reason=reason)
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))


async def give_floor(uow: UnitOfWork, *, meeting: Meeting, participant_id: str | None) -> None:
    """To the named person, or to the next in line under the meeting's rule. Their hand goes down."""
    check_live(meeting)
    if participant_id is None:
        queue = await views.queue(uow, meeting)
        if not queue.entries:
            raise QueueEmpty()
        participant_id = queue.entries[0].participant_id
    speaker = await participants.get_member(uow, meeting, participant_id)
    await _end_turn(uow, meeting)
    await uow.session.exec(delete(Hand).where(col(Hand.meeting_id) == meeting.id, col(Hand.participant_id) == speaker.id))
    speaker.spoken_count += 1
    meeting.speaker_id = speaker.id
    meeting.speaking_since = uow.now
    await summary.floor_started(uow, meeting=meeting, participant_id=speaker.id)
    await uow.session.flush()
    event = FloorGiven(
        speaker=SpeakerView(participant_id=speaker.id, display_name=speaker.display_name, since=uow.now),
        queue=await views.queue(uow, meeting),
    )
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))


async def finish_speaking(uow: UnitOfWork, *, meeting: Meeting, actor: Participant) -> None:
    """The speaker ends their own turn, or a moderator ends it."""
    if meeting.speaker_id is None:
        raise NobodySpeaking()
    if actor.role != Role.moderator and actor.id != meeting.speaker_id:
        raise Forbidden("Only the speaker or a moderator can end the turn.")
    await _end_turn(uow, meeting)


async def _end_turn(uow: UnitOfWork, meeting: Meeting) -> None:
    if meeting.speaker_id is None or meeting.speaking_since is None:
        return
    spoke = (uow.now - meeting.speaking_since).total_seconds()
    event = FloorEnded(participant_id=meeting.speaker_id, spoke_seconds=round(spoke, 3))
    speaker = await uow.session.get(Participant, meeting.speaker_id)
    if speaker is not None:
        speaker.spoken_seconds += spoke
    meeting.speaker_id = None
    meeting.speaking_since = None
    await summary.floor_ended(uow, meeting=meeting)
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))


async def end_floor(uow: UnitOfWork, *, meeting: Meeting) -> None:
    """The meeting ends: whoever has the floor stops, their time is kept, and the queue empties."""
    await _end_turn(uow, meeting)
    waiting = (await uow.session.exec(select(Hand.id).where(Hand.meeting_id == meeting.id))).first()
    if waiting is not None:
        await clear(uow, meeting=meeting)


async def clear(uow: UnitOfWork, *, meeting: Meeting) -> None:
    await uow.session.exec(delete(Hand).where(col(Hand.meeting_id) == meeting.id))
    await uow.session.flush()
    await uow.change(meeting.id, HandsCleared(queue=await views.queue(uow, meeting)), to=rooms.meeting(meeting.id))


def hands_of_absent(_now: datetime) -> list[SelectOfScalar[str]]:
    """What `expire_hands_of_absent` looks for: meetings with a hand up of someone disconnected (the grace period
    is the rule's to judge)."""
    return [
        select(Hand.meeting_id)
        .join(Participant, col(Participant.id) == Hand.participant_id)
        .where(Participant.online == False, Participant.offline_since != None)  # noqa: E711, E712
    ]


async def expire_hands_of_absent(uow: UnitOfWork) -> None:
    """Timer: hands of people disconnected for longer than their meeting's grace period go down."""
    candidates = (await uow.session.exec(hands_of_absent(uow.now)[0].distinct())).all()
    # The meeting first, then its rows, in one order: the lock order of every command (see participants.py).
    for meeting_id in sorted(candidates):
        meeting = await uow.lock_meeting(meeting_id)
        rows = (
            await uow.session.exec(
                select(Hand, Participant)
                .join(Participant, col(Participant.id) == Hand.participant_id)
                .where(Hand.meeting_id == meeting_id, Participant.online == False, Participant.offline_since != None)  # noqa: E711, E712
            )
        ).all()
        for hand, person in rows:
            queued = hand_queue.QueuedHand(person.id, hand.seq, person.spoken_count > 0, person.offline_since)
            if not hand_queue.grace_expired(queued, now=uow.now, grace_seconds=meeting.hand_grace_seconds):
                continue
            await uow.session.delete(hand)
            await uow.session.flush()
            event = HandLowered(participant_id=person.id, reason="grace_expired")
            await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))
