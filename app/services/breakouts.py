"""Breakouts and thinking breaks: starting one, its view, the moderator's commands, and its end.

A breakout runs on a server-held deadline (app/services/breakout_timers.py) and, with rooms, holds its
rooms and their members (app/services/breakout_rooms.py). Every end (the moderator's, the deadline's,
the meeting's) goes through `close`.
"""

from collections.abc import Sequence

from sqlmodel import select

from app import ids, rooms
from app.db import UnitOfWork
from app.effects import CloseRooms
from app.errors import Conflict, Forbidden, InvalidInput, MeetingNotLive
from app.events import BreakoutBroadcastSent, BreakoutEnded, BreakoutStarted, BreakoutView
from app.models import Assignment, Breakout, BreakoutEndReason, BreakoutKind, Meeting, MeetingStatus, Participant, Role
from app.rules import breakout_timing, room_assignment
from app.services import breakout_rooms, chat, participants, views
from app.services.breakout_rooms import RoomSpec

MAX_DURATION_S = 3 * 3600
MAX_ROOMS = room_assignment.MAX_ROOMS
DEFAULT_WARNING_S = 60


class BreakoutActive(Conflict):
    code, message = "breakout_active", "A breakout or thinking break is already running."


class NoBreakout(Conflict):
    code, message = "no_breakout", "No breakout or thinking break is running."


class NotChoosing(Conflict):
    code, message = "rooms_assigned", "In this breakout the moderator assigns the rooms."


def check_duration(seconds: int, *, limit: int, what: str) -> None:
    if seconds <= 0:
        raise InvalidInput(f"The {what} must be at least one second.")
    if seconds > limit:
        raise InvalidInput(f"The {what} may be at most {limit} seconds.")


async def active(uow: UnitOfWork, meeting_id: str) -> Breakout | None:
    statement = select(Breakout).where(Breakout.meeting_id == meeting_id, Breakout.ended_at == None)  # noqa: E711
    return (await uow.session.exec(statement)).first()


async def require_active(uow: UnitOfWork, meeting: Meeting) -> Breakout:
    breakout = await active(uow, meeting.id)
    if breakout is None:
        raise NoBreakout()
    return breakout


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
        rooms=await breakout_rooms.room_views(uow, breakout) if breakout.kind == BreakoutKind.rooms else [],
    )


async def snapshot_views(uow: UnitOfWork, *, meeting: Meeting, viewers: Sequence[Participant]) -> dict[str, dict | None]:
    """The running breakout as each of these people sees it: their room, and the chats of the rooms they may read
    (each room's chat read once)."""
    breakout = await active(uow, meeting.id)
    if breakout is None:
        return {viewer.id: None for viewer in viewers}
    shown = (await view(uow, breakout)).model_dump(mode="json")
    members = await breakout_rooms.members_of(uow, breakout)
    chats: dict[str, dict] = {}
    seen: dict[str, dict | None] = {}
    for viewer in viewers:
        my_room = members.get(viewer.id)
        readable = [r["id"] for r in shown["rooms"]] if viewer.role == Role.moderator else ([my_room] if my_room else [])
        for room_id in readable:
            if room_id not in chats:
                messages, more = await chat.history(uow, meeting=meeting, room_id=room_id, before=None, limit=chat.HISTORY_IN_SNAPSHOT)
                chats[room_id] = {"messages": [m.model_dump(mode="json") for m in messages], "has_more": more}
        seen[viewer.id] = {**shown, "my_room_id": my_room, "chats": {room_id: chats[room_id] for room_id in readable}}
    return seen


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
        await breakout_rooms.open_rooms(uow, meeting, breakout, assignment, count, room_specs)
    await uow.session.flush()
    version = await uow.bump(meeting.id)
    uow.record(BreakoutStarted(breakout=await view(uow, breakout)), to=rooms.meeting(meeting.id), version=version)
    await breakout_rooms.move_sockets(uow, {p: (None, r) for p, r in (await breakout_rooms.members_of(uow, breakout)).items()})
    return breakout


async def end(uow: UnitOfWork, *, meeting: Meeting) -> None:
    await close(uow, meeting, await require_active(uow, meeting), BreakoutEndReason.ended_by_moderator)


async def end_with_meeting(uow: UnitOfWork, *, meeting: Meeting) -> None:
    """The meeting ends: a breakout or thinking break still running ends with it, everyone back at once."""
    breakout = await active(uow, meeting.id)
    if breakout is not None:
        await close(uow, meeting, breakout, BreakoutEndReason.ended_by_moderator)


async def close(uow: UnitOfWork, meeting: Meeting, breakout: Breakout, reason: BreakoutEndReason) -> None:
    breakout.ended_at = uow.now
    breakout.end_reason = reason
    await uow.change(meeting.id, BreakoutEnded(breakout_id=breakout.id, reason=reason), to=rooms.meeting(meeting.id))
    room_rows = await breakout_rooms.rooms_of(uow, breakout)
    if room_rows:
        uow.effect(CloseRooms(tuple(rooms.breakout(r.id) for r in room_rows)))


async def broadcast(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, text: str) -> None:
    breakout = await require_active(uow, meeting)
    if breakout.kind != BreakoutKind.rooms:
        raise Conflict("A thinking break has no rooms to broadcast to.", code="no_rooms")
    event = BreakoutBroadcastSent(breakout_id=breakout.id, text=text, author=views.person(actor))
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))


async def choose(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, room_id: str) -> None:
    """A participant picks their room, when the moderator let people choose."""
    breakout = await require_active(uow, meeting)
    if breakout.kind != BreakoutKind.rooms:
        raise Conflict("A thinking break has no rooms.", code="no_rooms")
    if actor.role == Role.moderator:
        raise Forbidden("Moderators can look into any room without joining one.")
    if breakout.assignment != Assignment.choose:
        raise NotChoosing()
    await breakout_rooms.place(uow, meeting, breakout, actor, room_id)


async def assign(uow: UnitOfWork, *, meeting: Meeting, participant_id: str, room_id: str | None) -> None:
    """A moderator moves someone to another room, or back to the main room (None)."""
    breakout = await require_active(uow, meeting)
    if breakout.kind != BreakoutKind.rooms:
        raise Conflict("A thinking break has no rooms.", code="no_rooms")
    person = await participants.get_member(uow, meeting, participant_id)
    if person.role == Role.moderator:
        raise InvalidInput("Moderators are not assigned to rooms; they can look into any room.")
    await breakout_rooms.place(uow, meeting, breakout, person, room_id)
