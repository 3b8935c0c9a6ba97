"""People: joining with the invite code, token authentication, presence, keynote marks, removal."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from app import ids, rooms
from app.db import UnitOfWork
from app.effects import Disconnect
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized
from app.events import (
    BannedView,
    ParticipantBanLifted,
    ParticipantBanned,
    ParticipantJoined,
    ParticipantRemoved,
    ParticipantUpdated,
    PresenceChange,
    PresenceChanged,
)
from app.formats.definition import Base
from app.models import Connection, Hand, Meeting, MeetingStatus, Participant, Role
from app.rules import names
from app.services import consent, formats, role_links, roster, views


def check_name(display_name: str, *, moderator: bool = False) -> str:
    try:
        return names.check_display_name(display_name, moderator=moderator)
    except names.NameRefused as exc:
        raise InvalidInput(f"display_name: {exc}") from None


def check_organisation(organisation: str | None) -> str | None:
    if organisation is None:
        return None
    try:
        return names.clean_text(organisation, what="An organisation") or None
    except names.NameRefused as exc:
        raise InvalidInput(f"organisation: {exc}") from None


class Banned(Forbidden):
    code = "banned"
    message = "You were removed from this meeting. A moderator can let you back in."


async def join(
    uow: UnitOfWork,
    *,
    join_code: str,
    display_name: str,
    organisation: str | None,
    device_hash: str | None = None,
    role_code: str | None = None,
    role_key: bytes | None = None,
) -> tuple[Participant, str]:
    """Joining with the invite code; with a role link's code (checked with `role_key`), in that role of the format."""
    organisation = check_organisation(organisation)
    meeting = (await uow.session.exec(select(Meeting).where(Meeting.join_code == join_code))).first()
    if meeting is None or meeting.erased_at is not None:
        raise NotFound("No meeting has this invite code.")
    role = None
    if role_code is not None:
        if role_key is None:
            raise role_links.RoleLinkInvalid()
        role = role_links.verify(role_key, meeting_id=meeting.id, code=role_code, definition=formats.of_meeting(meeting))
    moderator = role is not None and role.base == Base.moderator
    display_name = check_name(display_name, moderator=moderator)
    if meeting.status == MeetingStatus.ended:
        raise Conflict("The meeting has ended.", code="meeting_ended")
    await _check_not_banned(uow, meeting, display_name=display_name, device_hash=device_hash)
    token = ids.new_token()
    person = Participant(
        id=ids.new_id(),
        meeting_id=meeting.id,
        role=Role.moderator if moderator else Role.participant,
        format_role=role.id if role is not None else None,
        # A role link of a keynote role makes a keynote speaker (app/services/roles.py `give`).
        keynote=role is not None and role.keynote,
        display_name=display_name,
        organisation=organisation,
        token_hash=ids.hash_token(token),
        joined_at=uow.now,
        device_hash=device_hash,
    )
    uow.session.add(person)
    await uow.session.flush()
    await uow.change(meeting.id, ParticipantJoined(participant=views.participant(person), people=await views.people_count(uow, meeting)), to=rooms.meeting(meeting.id))
    return person, token


def same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


async def _check_not_banned(uow: UnitOfWork, meeting: Meeting, *, display_name: str, device_hash: str | None) -> None:
    """A removal bans the person's device (the cookie they joined with) and their name in this meeting,
    until a moderator lifts it. A new browser with another name gets in: that is what a ban by device can do."""
    banned = (await uow.session.exec(select(Participant).where(Participant.meeting_id == meeting.id, col(Participant.banned).is_(True)))).all()
    for person in banned:
        if (device_hash is not None and person.device_hash == device_hash) or same_name(person.display_name, display_name):
            raise Banned()


async def lift_ban(uow: UnitOfWork, *, meeting: Meeting, participant_id: str) -> None:
    person = await uow.session.get(Participant, participant_id)
    if person is None or person.meeting_id != meeting.id or not person.banned:
        raise NotFound("Nobody removed from this meeting has this id.")
    person.banned = False
    await uow.change(meeting.id, ParticipantBanLifted(participant_id=person.id), to=rooms.moderators(meeting.id))


async def banned_list(uow: UnitOfWork, meeting: Meeting) -> list[BannedView]:
    rows = (await uow.session.exec(select(Participant).where(Participant.meeting_id == meeting.id, col(Participant.banned).is_(True)).order_by(col(Participant.removed_at)))).all()
    return [BannedView(participant_id=p.id, display_name=p.display_name, removed_at=p.removed_at) for p in rows]


async def announce_erased(uow: UnitOfWork, *, meeting: Meeting, person: Participant, sids: tuple[str, ...]) -> None:
    """A person erased their data: the room drops them as for a removal, and their sockets close."""
    await uow.session.flush()
    event = ParticipantRemoved(
        participant_id=person.id, queue=await views.queue(uow, meeting), speaker=await views.speaker(uow, meeting), people=await views.people_count(uow, meeting)
    )
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))
    await consent.presence_changed(uow, meeting_id=meeting.id, participant_id=person.id, online=False)
    uow.effect(Disconnect(person.id, sids))


async def authenticate(uow: UnitOfWork, token: str | None) -> Participant:
    """The person holding this token; removed people and unknown tokens are refused alike."""
    [person] = await authenticate_all(uow, [token])
    if person is None:
        raise Unauthorized()
    return person


async def authenticate_all(uow: UnitOfWork, tokens: Sequence[str | None]) -> list[Participant | None]:
    """The person holding each token, or None (unknown, malformed or removed), in one statement: a join storm's
    sockets are let in in groups (app/realtime/welcome.py)."""
    digests = [ids.hash_token(t) if t and isinstance(t, str) and len(t) <= 200 else None for t in tokens]
    wanted = {d for d in digests if d is not None}
    found = (await uow.session.exec(select(Participant).where(col(Participant.token_hash).in_(wanted)))).all() if wanted else []
    by_hash = {p.token_hash: p for p in found}
    people: list[Participant | None] = []
    for digest in digests:
        person = by_hash.get(digest) if digest is not None else None
        # The lookup is by hash; compare again in constant time so timing tells nothing about near misses.
        if person is None or digest is None or not ids.same_secret(person.token_hash, digest) or person.removed_at is not None:
            people.append(None)
        else:
            people.append(person)
    return people


async def get_member(uow: UnitOfWork, meeting: Meeting, participant_id: str) -> Participant:
    """A current member of this meeting; anyone else, from any meeting, is simply not found."""
    person = await uow.session.get(Participant, participant_id)
    if person is None or person.meeting_id != meeting.id or person.removed_at is not None:
        raise NotFound("No such participant in this meeting.")
    return person


# Lock order, on PostgreSQL: the meeting row first, then the rows of its people, as every command does
# (the dispatcher locks the meeting before the handler runs). Presence changes follow it too, or two
# processes could deadlock.


@dataclass(frozen=True)
class Arrival:
    """A socket that connected with a token of this person: `token_hash` is that token's, checked again under the
    meeting's lock (a console link made again since then locked the old token out, and its sockets must go)."""

    sid: str
    participant_id: str
    meeting_id: str
    token_hash: str


async def connected(uow: UnitOfWork, *, person: Participant, sid: str, node_id: str) -> None:
    await connect_all(uow, [Arrival(sid, person.id, person.meeting_id, person.token_hash)], node_id=node_id)


async def connect_all(uow: UnitOfWork, arrivals: Sequence[Arrival], *, node_id: str) -> list[Participant | None]:
    """Records these sockets in one transaction (a join storm's arrivals come in groups, app/realtime/welcome.py):
    for each, the person now online, or None when the socket may not stay (removed, or its token replaced)."""
    meeting_ids = sorted({a.meeting_id for a in arrivals})
    for meeting_id in meeting_ids:
        await uow.lock_meeting(meeting_id)
    # Read under the meetings' locks, and over what the session may hold already, so what is checked below is current.
    statement = select(Participant).where(col(Participant.id).in_({a.participant_id for a in arrivals})).execution_options(populate_existing=True)
    people = {p.id: p for p in (await uow.session.exec(statement)).all()}
    # Read before anything is added: each read of a consent row that is not there would write out what was added
    # so far, and in a join storm that was one flush per arrival.
    asked = {meeting_id: await consent.asked(uow, meeting_id=meeting_id) for meeting_id in meeting_ids}
    arrived: list[Participant | None] = []
    for arrival in arrivals:
        person = people.get(arrival.participant_id)
        if person is None or person.removed_at is not None or person.meeting_id != arrival.meeting_id or person.token_hash != arrival.token_hash:
            arrived.append(None)
            continue
        uow.session.add(Connection(sid=arrival.sid, participant_id=person.id, meeting_id=person.meeting_id, node_id=node_id, connected_at=uow.now))
        if not person.online:
            _mark_presence(uow, person, online=True)
            if asked[person.meeting_id]:
                await consent.presence_changed(uow, meeting_id=person.meeting_id, participant_id=person.id, online=True)
        arrived.append(person)
    return arrived


async def disconnected(uow: UnitOfWork, *, sid: str) -> None:
    connection = await uow.session.get(Connection, sid)
    if connection is None:
        return
    await uow.lock_meeting(connection.meeting_id)
    await uow.session.delete(connection)
    await uow.session.flush()
    person = await uow.session.get(Participant, connection.participant_id)
    if person is None or person.removed_at is not None:
        return
    if await _open_connections(uow, person.id) == 0:
        await _set_presence(uow, person, online=False)


async def forget_node_connections(uow: UnitOfWork, *, node_id: str) -> None:
    """At start-up and at a clean shutdown: the sockets this process holds are gone (or about to be)."""
    stale = (await uow.session.exec(select(Connection).where(Connection.node_id == node_id))).all()
    for meeting_id in sorted({c.meeting_id for c in stale}):
        await uow.lock_meeting(meeting_id)
    await uow.session.exec(delete(Connection).where(col(Connection.node_id) == node_id))
    for person_id in sorted({c.participant_id for c in stale}):
        person = await uow.session.get(Participant, person_id)
        if person and person.online and await _open_connections(uow, person_id) == 0:
            await _set_presence(uow, person, online=False)


async def _open_connections(uow: UnitOfWork, participant_id: str) -> int:
    statement = select(func.count()).select_from(Connection).where(Connection.participant_id == participant_id)
    return (await uow.session.exec(statement)).one()


async def _set_presence(uow: UnitOfWork, person: Participant, *, online: bool) -> None:
    """Presence changes at once in the database (ballots and the grace period count on it); it is announced
    by the timer, one event per meeting per tick, so that hundreds of people joining at nine o'clock cost
    a handful of broadcasts rather than one per arrival to everyone already there."""
    _mark_presence(uow, person, online=online)
    await consent.presence_changed(uow, meeting_id=person.meeting_id, participant_id=person.id, online=online)


def _mark_presence(uow: UnitOfWork, person: Participant, *, online: bool) -> None:
    person.online = online
    person.offline_since = None if online else uow.now
    person.presence_pending = True


def presence_waiting(_now: datetime) -> list[SelectOfScalar[str]]:
    """What `announce_presence` looks for: the meetings with comings and goings not yet announced."""
    return [select(Participant.meeting_id).where(Participant.presence_pending == True)]  # noqa: E712


async def announce_presence(uow: UnitOfWork) -> None:
    """Timer: tell each meeting who came and went since the last tick."""
    waiting = (await uow.session.exec(presence_waiting(uow.now)[0].distinct())).all()
    for meeting_id in sorted(waiting):
        meeting = await uow.lock_meeting(meeting_id)
        people = (await uow.session.exec(select(Participant).where(Participant.meeting_id == meeting_id, Participant.presence_pending == True))).all()  # noqa: E712
        if not people:
            continue  # another process announced them meanwhile
        for person in people:
            person.presence_pending = False
        await uow.session.flush()
        changes = [PresenceChange(participant_id=p.id, online=p.online) for p in people if p.removed_at is None]
        if changes:
            # A meeting of a series also says which roster entries are at the table now (app/services/roster.py).
            present = await roster.presence(uow, meeting=meeting)
            await roster.note_presence(uow, meeting=meeting, roster=present)
            event = PresenceChanged(changes=changes, queue=await views.queue(uow, meeting), roster=present, people=await views.people_count(uow, meeting))
            await uow.change(meeting_id, event, to=rooms.meeting(meeting_id))


async def set_keynote(uow: UnitOfWork, *, meeting: Meeting, participant_id: str, keynote: bool) -> None:
    person = await get_member(uow, meeting, participant_id)
    person.keynote = keynote
    await uow.change(meeting.id, ParticipantUpdated(participant=views.participant(person)), to=rooms.meeting(meeting.id))


async def remove(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, participant_id: str) -> None:
    person = await get_member(uow, meeting, participant_id)
    if person.role == Role.moderator:
        raise Forbidden("A moderator cannot be removed.")
    person.removed_at = uow.now
    person.banned = True  # until a moderator lets them back in (participant.lift_ban)
    person.online = False
    sids = (await uow.session.exec(select(Connection.sid).where(Connection.participant_id == person.id))).all()
    await uow.session.exec(delete(Hand).where(col(Hand.participant_id) == person.id))
    await uow.session.exec(delete(Connection).where(col(Connection.participant_id) == person.id))
    if meeting.speaker_id == person.id:
        meeting.speaker_id = None
        meeting.speaking_since = None
    await uow.session.flush()
    event = ParticipantRemoved(
        participant_id=person.id, queue=await views.queue(uow, meeting), speaker=await views.speaker(uow, meeting), people=await views.people_count(uow, meeting)
    )
    version = await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))
    banned = BannedView(participant_id=person.id, display_name=person.display_name, removed_at=person.removed_at)
    uow.record(ParticipantBanned(banned=banned), to=rooms.moderators(meeting.id), version=version)
    await consent.presence_changed(uow, meeting_id=meeting.id, participant_id=person.id, online=False)
    uow.effect(Disconnect(person.id, tuple(sids)))


async def load(uow: UnitOfWork, participant_ids: set[str]) -> list[Participant]:
    """Reads these people in one statement, so that `get_actor` for each of a group of them finds them in the
    session. The session holds what it loaded only weakly: the caller keeps the list while it needs them."""
    if not participant_ids:
        return []
    return list((await uow.session.exec(select(Participant).where(col(Participant.id).in_(participant_ids)))).all())


async def load_locking(uow: UnitOfWork, participant_ids: set[str]) -> list[tuple[Participant, Meeting]]:
    """`load`, with each person's meeting, locked as `uow.lock_meeting` locks it, in the same statement: the first
    round trip of a command's transaction does both. The people are locked too, so that a change to them made
    while this waited for the meeting is seen (`UnitOfWork.locking`). The meetings are locked in the order of their
    ids, so that two groups of commands in different processes cannot wait for each other."""
    if not participant_ids:
        return []
    statement = (
        select(Participant, Meeting)
        .join(Meeting, col(Meeting.id) == col(Participant.meeting_id))
        .where(col(Participant.id).in_(participant_ids))
        .order_by(col(Meeting.id))
    )
    return [(person, meeting) for person, meeting in (await uow.session.exec(uow.locking(statement, Participant))).all()]


async def actor_in_locked_meeting(uow: UnitOfWork, participant_id: str) -> tuple[Participant, Meeting]:
    """`get_actor` and `uow.lock_meeting` in one round trip (`load_locking`)."""
    for person, meeting in await load_locking(uow, {participant_id}):
        if person.removed_at is None:
            return person, meeting
    raise Unauthorized("You are no longer part of this meeting.")


async def get_actor(uow: UnitOfWork, participant_id: str) -> Participant:
    """The person behind an open socket, checked again on every command: removal takes effect at once."""
    person = await uow.session.get(Participant, participant_id)
    if person is None or person.removed_at is not None:
        raise Unauthorized("You are no longer part of this meeting.")
    return person


async def add_moderator(uow: UnitOfWork, *, meeting_id: str, display_name: str) -> tuple[Participant, str]:
    display_name = check_name(display_name, moderator=True)
    meeting = await uow.lock_meeting(meeting_id)
    token = ids.new_token()
    person = Participant(
        id=ids.new_id(), meeting_id=meeting.id, role=Role.moderator, display_name=display_name, token_hash=ids.hash_token(token), joined_at=uow.now
    )
    uow.session.add(person)
    await uow.session.flush()
    await uow.change(meeting.id, ParticipantJoined(participant=views.participant(person), people=await views.people_count(uow, meeting)), to=rooms.meeting(meeting.id))
    return person, token
