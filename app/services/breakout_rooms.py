"""Breakout rooms and who is in them: opening the rooms, moving people, and their sockets following.

Membership lives in the database (`breakout_member`); a person's sockets enter and leave the Socket.IO
room of their breakout room after commit (`MoveSockets`), on whichever process holds them, and on every
connect (`room_of`). Who goes where when a breakout starts is the rule in app/rules/room_assignment.py.
"""

import random

from sqlmodel import col, select

from app import i18n, ids, rooms
from app.db import UnitOfWork
from app.effects import MoveSockets, SocketMove
from app.errors import Conflict, InvalidInput, NotFound
from app.events import BreakoutMemberMoved, BreakoutRoomView
from app.models import Assignment, Breakout, BreakoutMember, BreakoutRoom, Connection, Meeting, Participant, Role
from app.rules import room_assignment
from app.services import participants, views

# A room as the moderator asked for it (the edge builds these from the command).
RoomSpec = room_assignment.RoomRequest


async def rooms_of(uow: UnitOfWork, breakout: Breakout) -> list[BreakoutRoom]:
    statement = select(BreakoutRoom).where(BreakoutRoom.breakout_id == breakout.id).order_by(col(BreakoutRoom.position))
    return list((await uow.session.exec(statement)).all())


async def members_of(uow: UnitOfWork, breakout: Breakout) -> dict[str, str]:
    """participant id → room id."""
    rows = (await uow.session.exec(select(BreakoutMember).where(BreakoutMember.breakout_id == breakout.id))).all()
    return {m.participant_id: m.room_id for m in rows}


async def room_views(uow: UnitOfWork, breakout: Breakout) -> list[BreakoutRoomView]:
    room_rows = await rooms_of(uow, breakout)
    members = await members_of(uow, breakout)
    people = await views.names(uow, set(members))
    by_room: dict[str, list[Participant]] = {r.id: [] for r in room_rows}
    for person_id, room_id in members.items():
        if person_id in people and people[person_id].removed_at is None:
            by_room[room_id].append(people[person_id])
    return [
        BreakoutRoomView(id=r.id, name=r.name, members=[views.person(p) for p in sorted(by_room[r.id], key=lambda p: p.display_name.casefold())])
        for r in room_rows
    ]


async def socket_rooms(uow: UnitOfWork, participant_ids: set[str]) -> dict[str, str]:
    """The Socket.IO room of each of these people who is in a breakout room now, decided from the database (so it
    survives reconnects)."""
    if not participant_ids:
        return {}
    statement = (
        select(BreakoutMember.participant_id, BreakoutMember.room_id)
        .join(Breakout, col(Breakout.id) == BreakoutMember.breakout_id)
        .where(col(BreakoutMember.participant_id).in_(participant_ids), Breakout.ended_at == None)  # noqa: E711
    )
    return {participant_id: rooms.breakout(room_id) for participant_id, room_id in (await uow.session.exec(statement)).all()}


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


async def open_rooms(
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


async def move_sockets(uow: UnitOfWork, changes: dict[str, tuple[str | None, str | None]]) -> None:
    """changes: participant id → (room left, room entered), as breakout room ids."""
    sids = await _sids(uow, set(changes))
    moves = []
    for person_id, (left, entered) in changes.items():
        for sid in sids.get(person_id, []):
            moves.append(SocketMove(sid, rooms.breakout(left) if left else None, rooms.breakout(entered) if entered else None))
    if moves:
        uow.effect(MoveSockets(tuple(moves)))


async def place(uow: UnitOfWork, meeting: Meeting, breakout: Breakout, person: Participant, room_id: str | None) -> None:
    """Every move into, between or out of rooms: the membership row, the event, then the sockets after commit."""
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
    event = BreakoutMemberMoved(breakout_id=breakout.id, participant_id=person.id, room_id=room_id, rooms=await room_views(uow, breakout))
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))
    await move_sockets(uow, {person.id: (left, room_id)})
