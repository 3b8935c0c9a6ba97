"""Breakout rooms and thinking breaks: a server-held timer, rooms with their own chat, warning and return.

The deadline is a row in the database. The timer loop (`tick`) warns once and closes once, each in
the transaction that records it, so a restart carries on with the same deadline and one that comes
back after it closes the rooms at once.
"""

import random
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import col, select

from app import i18n, ids, rooms
from app.db import UnitOfWork
from app.errors import Conflict, Forbidden, InvalidInput, MeetingNotLive, NotFound
from app.events import (
    BreakoutBroadcastSent,
    BreakoutEnded,
    BreakoutExtended,
    BreakoutMemberMoved,
    BreakoutRoomView,
    BreakoutStarted,
    BreakoutView,
    BreakoutWarned,
)
from app.models import (
    Assignment,
    Breakout,
    BreakoutEndReason,
    BreakoutKind,
    BreakoutMember,
    BreakoutRoom,
    Connection,
    Meeting,
    MeetingStatus,
    Participant,
    Role,
)
from app.rules import breakout_timing, room_assignment
from app.services import chat, participants, views

MAX_DURATION_S = 3 * 3600
MAX_EXTENSION_S = 3600
MAX_ROOMS = room_assignment.MAX_ROOMS
DEFAULT_WARNING_S = 60


class BreakoutActive(Conflict):
    code, message = "breakout_active", "A breakout or thinking break is already running."


class NoBreakout(Conflict):
    code, message = "no_breakout", "No breakout or thinking break is running."


class NotChoosing(Conflict):
    code, message = "rooms_assigned", "In this breakout the moderator assigns the rooms."


# A room as the moderator asked for it (the edge builds these from the command).
RoomSpec = room_assignment.RoomRequest


@dataclass(frozen=True)
class SocketMove:
    sid: str
    leave: str | None
    enter: str | None


@dataclass(frozen=True)
class MoveSockets:
    """After commit: move these live sockets between Socket.IO rooms (on whichever process holds them)."""

    moves: tuple[SocketMove, ...]


@dataclass(frozen=True)
class CloseRooms:
    """After commit: empty these Socket.IO rooms on every process."""

    rooms: tuple[str, ...]


def _timer(breakout: Breakout) -> breakout_timing.Timer:
    return breakout_timing.Timer(breakout.deadline, breakout.warn_at, breakout.warned_at)


def _set_timer(breakout: Breakout, timer: breakout_timing.Timer) -> None:
    breakout.deadline, breakout.warn_at, breakout.warned_at = timer.deadline, timer.warn_at, timer.warned_at


def check_duration(seconds: int, *, limit: int, what: str) -> None:
    if seconds <= 0:
        raise InvalidInput(f"The {what} must be at least one second.")
    if seconds > limit:
        raise InvalidInput(f"The {what} may be at most {limit} seconds.")


async def active(uow: UnitOfWork, meeting_id: str) -> Breakout | None:
    statement = select(Breakout).where(Breakout.meeting_id == meeting_id, Breakout.ended_at == None)  # noqa: E711
    return (await uow.session.exec(statement)).first()


async def _rooms_of(uow: UnitOfWork, breakout: Breakout) -> list[BreakoutRoom]:
    statement = select(BreakoutRoom).where(BreakoutRoom.breakout_id == breakout.id).order_by(col(BreakoutRoom.position))
    return list((await uow.session.exec(statement)).all())


async def _members_of(uow: UnitOfWork, breakout: Breakout) -> dict[str, str]:
    """participant id → room id."""
    rows = (await uow.session.exec(select(BreakoutMember).where(BreakoutMember.breakout_id == breakout.id))).all()
    return {m.participant_id: m.room_id for m in rows}


async def _room_views(uow: UnitOfWork, breakout: Breakout) -> list[BreakoutRoomView]:
    room_rows = await _rooms_of(uow, breakout)
    members = await _members_of(uow, breakout)
    people = await views.names(uow, set(members))
    by_room: dict[str, list[Participant]] = {r.id: [] for r in room_rows}
    for person_id, room_id in members.items():
        if person_id in people and people[person_id].removed_at is None:
            by_room[room_id].append(people[person_id])
    return [
        BreakoutRoomView(id=r.id, name=r.name, members=[views.person(p) for p in sorted(by_room[r.id], key=lambda p: p.display_name.casefold())])
        for r in room_rows
    ]


async def view(uow: UnitOfWork, breakout: Breakout) -> BreakoutView:
    return BreakoutView(
        id=breakout.id,
        kind=breakout.kind,
        assignment=breakout.assignment,
        prompt=breakout.prompt,
        started_at=breakout.started_at,
        deadline=breakout.deadline,
        warn_at=breakout.warn_at,
        warned=breakout.warned_at is not None,
        rooms=await _room_views(uow, breakout) if breakout.kind == BreakoutKind.rooms else [],
    )


async def snapshot_view(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant) -> dict | None:
    """The running breakout as this person sees it: their room, and the chats of the rooms they may read."""
    breakout = await active(uow, meeting.id)
    if breakout is None:
        return None
    state = (await view(uow, breakout)).model_dump(mode="json")
    members = await _members_of(uow, breakout)
    my_room = members.get(viewer.id)
    state["my_room_id"] = my_room
    readable = [r["id"] for r in state["rooms"]] if viewer.role == Role.moderator else ([my_room] if my_room else [])
    chats = {}
    for room_id in readable:
        messages, more = await chat.history(uow, meeting=meeting, room_id=room_id, before=None, limit=chat.HISTORY_IN_SNAPSHOT)
        chats[room_id] = {"messages": [m.model_dump(mode="json") for m in messages], "has_more": more}
    state["chats"] = chats
    return state


async def room_of(uow: UnitOfWork, person: Participant) -> str | None:
    """The Socket.IO room of this person's current breakout room, decided from the database (so it survives reconnects)."""
    statement = (
        select(BreakoutMember.room_id)
        .join(Breakout, col(Breakout.id) == BreakoutMember.breakout_id)
        .where(BreakoutMember.participant_id == person.id, Breakout.ended_at == None)  # noqa: E711
    )
    room_id = (await uow.session.exec(statement)).first()
    return rooms.breakout(room_id) if room_id else None


async def _sids(uow: UnitOfWork, participant_ids: set[str]) -> dict[str, list[str]]:
    if not participant_ids:
        return {}
    rows = (await uow.session.exec(select(Connection).where(col(Connection.participant_id).in_(participant_ids)))).all()
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row.participant_id, []).append(row.sid)
    return found


async def _eligible(uow: UnitOfWork, meeting: Meeting) -> list[str]:
    """The participants a random assignment deals into rooms, in the order they joined."""
    statement = (
        select(Participant.id)
        .where(Participant.meeting_id == meeting.id, Participant.role == Role.participant, Participant.removed_at == None)  # noqa: E711
        .order_by(col(Participant.joined_at))
    )
    return list((await uow.session.exec(statement)).all())


async def start(
    uow: UnitOfWork,
    *,
    meeting: Meeting,
    kind: BreakoutKind,
    duration_s: int,
    assignment: Assignment | None,
    count: int | None,
    room_specs: list[RoomSpec] | None,
    prompt: str | None,
    warn_before_s: int = DEFAULT_WARNING_S,
) -> Breakout:
    if meeting.status != MeetingStatus.live:
        raise MeetingNotLive("Breakouts start when the meeting is live.")
    check_duration(duration_s, limit=MAX_DURATION_S, what="duration")
    if await active(uow, meeting.id) is not None:
        raise BreakoutActive()
    timer = breakout_timing.schedule(start=uow.now, duration_s=duration_s, warn_before_s=warn_before_s)
    breakout = Breakout(
        id=ids.new_id(), meeting_id=meeting.id, kind=kind, prompt=prompt or None, started_at=uow.now, deadline=timer.deadline, warn_at=timer.warn_at
    )
    if kind == BreakoutKind.thinking:
        if room_specs or count:
            raise InvalidInput("A thinking break has no rooms.")
        uow.session.add(breakout)
    else:
        await _open_rooms(uow, meeting, breakout, assignment, count, room_specs)
    await uow.session.flush()
    version = await uow.bump(meeting.id)
    uow.record(BreakoutStarted(breakout=await view(uow, breakout)), to=rooms.meeting(meeting.id), version=version)
    await _move_sockets(uow, {p: (None, r) for p, r in (await _members_of(uow, breakout)).items()})
    return breakout


async def _open_rooms(
    uow: UnitOfWork, meeting: Meeting, breakout: Breakout, assignment: Assignment | None, count: int | None, room_specs: list[RoomSpec] | None
) -> None:
    try:
        room_plan = room_assignment.plan(
            mode=room_assignment.Mode(assignment) if assignment else None,
            count=count,
            rooms=room_specs,
            eligible=await _eligible(uow, meeting),
            # A fresh seed for every breakout: nobody can predict or steer who ends up together.
            seed=random.SystemRandom().getrandbits(64),
        )
    except room_assignment.InvalidRooms as error:
        raise InvalidInput(str(error)) from None
    if room_plan.mode == room_assignment.Mode.manual:
        for person_id in room_plan.placed:
            person = await participants.get_member(uow, meeting, person_id)
            if person.role == Role.moderator:
                raise InvalidInput("Moderators are not assigned to rooms; they can look into any room.")
    breakout.assignment = Assignment(room_plan.mode)
    uow.session.add(breakout)
    room_rows = []
    for index, name in enumerate(room_plan.names):
        room = BreakoutRoom(
            id=ids.new_id(), breakout_id=breakout.id, meeting_id=meeting.id, name=(name or "").strip() or i18n.text(meeting.language, "breakout.room", n=index + 1), position=index + 1
        )
        room_rows.append(room)
        uow.session.add(room)
    await uow.session.flush()
    for person_id, index in room_plan.placed.items():
        uow.session.add(BreakoutMember(breakout_id=breakout.id, participant_id=person_id, room_id=room_rows[index].id))


async def _move_sockets(uow: UnitOfWork, changes: dict[str, tuple[str | None, str | None]]) -> None:
    """changes: participant id → (room left, room entered), as breakout room ids."""
    sids = await _sids(uow, set(changes))
    moves = []
    for person_id, (left, entered) in changes.items():
        for sid in sids.get(person_id, []):
            moves.append(SocketMove(sid, rooms.breakout(left) if left else None, rooms.breakout(entered) if entered else None))
    if moves:
        uow.after_commit(MoveSockets(tuple(moves)))


async def _require_active(uow: UnitOfWork, meeting: Meeting) -> Breakout:
    breakout = await active(uow, meeting.id)
    if breakout is None:
        raise NoBreakout()
    return breakout


async def extend(uow: UnitOfWork, *, meeting: Meeting, seconds: int) -> Breakout:
    check_duration(seconds, limit=MAX_EXTENSION_S, what="extension")
    breakout = await _require_active(uow, meeting)
    if (breakout.deadline - breakout.started_at).total_seconds() + seconds > MAX_DURATION_S:
        raise InvalidInput(f"A breakout lasts at most {MAX_DURATION_S} seconds.")
    _set_timer(breakout, breakout_timing.extend(_timer(breakout), seconds=seconds, now=uow.now))
    await uow.change(
        meeting.id, BreakoutExtended(breakout_id=breakout.id, deadline=breakout.deadline, warn_at=breakout.warn_at), to=rooms.meeting(meeting.id)
    )
    return breakout


async def end(uow: UnitOfWork, *, meeting: Meeting) -> None:
    await _close(uow, meeting, await _require_active(uow, meeting), BreakoutEndReason.ended_by_moderator)


async def _close(uow: UnitOfWork, meeting: Meeting, breakout: Breakout, reason: BreakoutEndReason) -> None:
    breakout.ended_at = uow.now
    breakout.end_reason = reason
    await uow.change(meeting.id, BreakoutEnded(breakout_id=breakout.id, reason=reason), to=rooms.meeting(meeting.id))
    room_rows = await _rooms_of(uow, breakout)
    if room_rows:
        uow.after_commit(CloseRooms(tuple(rooms.breakout(r.id) for r in room_rows)))


async def broadcast(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, text: str) -> None:
    breakout = await _require_active(uow, meeting)
    if breakout.kind != BreakoutKind.rooms:
        raise Conflict("A thinking break has no rooms to broadcast to.", code="no_rooms")
    event = BreakoutBroadcastSent(breakout_id=breakout.id, text=text, author=views.person(actor))
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))


async def _place(uow: UnitOfWork, meeting: Meeting, breakout: Breakout, person: Participant, room_id: str | None) -> None:
    if room_id is not None:
        room = await uow.session.get(BreakoutRoom, room_id)
        if room is None or room.breakout_id != breakout.id:
            raise NotFound("No such room in this breakout.")
    member = await uow.session.get(BreakoutMember, (breakout.id, person.id))
    left = member.room_id if member else None
    if left == room_id:
        raise Conflict("The person is already there.", code="already_in_room")
    if member is not None and room_id is None:
        await uow.session.delete(member)
    elif member is not None and room_id is not None:
        member.room_id = room_id
    elif room_id is not None:
        uow.session.add(BreakoutMember(breakout_id=breakout.id, participant_id=person.id, room_id=room_id))
    await uow.session.flush()
    event = BreakoutMemberMoved(breakout_id=breakout.id, participant_id=person.id, room_id=room_id, rooms=await _room_views(uow, breakout))
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))
    await _move_sockets(uow, {person.id: (left, room_id)})


async def choose(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, room_id: str) -> None:
    """A participant picks their room, when the moderator let people choose."""
    breakout = await _require_active(uow, meeting)
    if breakout.kind != BreakoutKind.rooms:
        raise Conflict("A thinking break has no rooms.", code="no_rooms")
    if actor.role == Role.moderator:
        raise Forbidden("Moderators can look into any room without joining one.")
    if breakout.assignment != Assignment.choose:
        raise NotChoosing()
    await _place(uow, meeting, breakout, actor, room_id)


async def assign(uow: UnitOfWork, *, meeting: Meeting, participant_id: str, room_id: str | None) -> None:
    """A moderator moves someone to another room, or back to the main room (None)."""
    breakout = await _require_active(uow, meeting)
    if breakout.kind != BreakoutKind.rooms:
        raise Conflict("A thinking break has no rooms.", code="no_rooms")
    person = await participants.get_member(uow, meeting, participant_id)
    if person.role == Role.moderator:
        raise InvalidInput("Moderators are not assigned to rooms; they can look into any room.")
    await _place(uow, meeting, breakout, person, room_id)


async def tick(uow: UnitOfWork) -> None:
    """Timer: warn once when the warning time has come, close once at the deadline (at once after a late restart)."""
    now = uow.now
    # Coarse: breakout_timing.could_be_due. The rule decides below, before and again after the lock.
    candidates = (
        await uow.session.exec(
            select(Breakout).where(
                Breakout.ended_at == None,  # noqa: E711
                or_(col(Breakout.deadline) <= now, col(Breakout.warn_at) <= now),
            )
        )
    ).all()
    due = [b.id for b in candidates if breakout_timing.due(_timer(b), now=now) is not None]
    # A meeting that ended with a breakout running brings everyone back at once.
    ended = (
        await uow.session.exec(
            select(Breakout.id)
            .join(Meeting, col(Meeting.id) == Breakout.meeting_id)
            .where(Breakout.ended_at == None, Meeting.status == MeetingStatus.ended)  # noqa: E711
        )
    ).all()
    for breakout_id in dict.fromkeys([*ended, *due]):
        breakout = await uow.session.get(Breakout, breakout_id)
        assert breakout is not None
        meeting = await uow.lock_meeting(breakout.meeting_id)
        # Another process may have acted between the query and the lock.
        await uow.session.refresh(breakout)
        if breakout.ended_at is not None:
            continue
        timer = _timer(breakout)
        action = breakout_timing.due(timer, now=now)
        if meeting.status == MeetingStatus.ended:
            await _close(uow, meeting, breakout, BreakoutEndReason.ended_by_moderator)
        elif action == breakout_timing.Due.close:
            await _close(uow, meeting, breakout, BreakoutEndReason.deadline)
        elif action == breakout_timing.Due.warn:
            _set_timer(breakout, breakout_timing.warned(timer, now=now))
            event = BreakoutWarned(breakout_id=breakout.id, deadline=breakout.deadline, seconds_left=breakout_timing.seconds_left(timer, now=now))
            await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))
