"""The chat: messages with kinds, moderation, history pages and the resources it collected."""

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select

from app import i18n, ids, markdown, rooms
from app.db import UnitOfWork
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, RateLimited
from app.events import ChatHidden, ChatMessageView, ChatSent, ResourceView
from app.models import Breakout, BreakoutMember, BreakoutRoom, ChatKind, ChatMessage, Meeting, Participant, Role
from app.rules import urls
from app.services import meetings, views

HISTORY_IN_SNAPSHOT = 100


def check_url(url: str) -> str:
    try:
        return urls.normalise_http_url(url)
    except urls.BadUrl as exc:
        raise InvalidInput(str(exc)) from None


def audience(meeting_id: str, room_id: str | None) -> list[str]:
    if room_id is None:
        return [rooms.meeting(meeting_id)]
    return [rooms.breakout(room_id), rooms.moderators(meeting_id)]


async def check_room(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, room_id: str | None) -> None:
    """The main room is everyone's; a breakout room's chat is its members' and the moderators', while the breakout runs."""
    if room_id is None:
        return
    found = (
        await uow.session.exec(
            select(BreakoutRoom, Breakout)
            .join(Breakout, col(Breakout.id) == BreakoutRoom.breakout_id)
            .where(BreakoutRoom.id == room_id, BreakoutRoom.meeting_id == meeting.id)
        )
    ).first()
    if found is None:
        raise NotFound("No such room.")
    room, breakout = found
    if breakout.ended_at is not None:
        raise Conflict("The breakout has ended; everyone is back in the main room.", code="breakout_ended")
    if actor.role == Role.moderator:
        return
    member = await uow.session.get(BreakoutMember, (breakout.id, actor.id))
    if member is None or member.room_id != room.id:
        raise Forbidden("You are not in this room.")


async def send(
    uow: UnitOfWork,
    *,
    meeting: Meeting,
    actor: Participant,
    text: str,
    kind: ChatKind,
    url: str | None,
    title: str | None,
    room_id: str | None,
    rate_count: int,
    rate_window_seconds: float,
) -> ChatMessage:
    meetings.check_not_ended(meeting)
    await check_room(uow, meeting=meeting, actor=actor, room_id=room_id)
    if kind == ChatKind.resource:
        if not url:
            raise InvalidInput("A resource needs a link (url).")
        url = check_url(url)
        title = (title or "").strip() or url
    elif url is not None or title is not None:
        raise InvalidInput("Only a resource carries a link and a title.")
    since = uow.now - timedelta(seconds=rate_window_seconds)
    recent = (
        await uow.session.exec(
            select(func.count()).select_from(ChatMessage).where(ChatMessage.participant_id == actor.id, ChatMessage.created_at > since)
        )
    ).one()
    if recent >= rate_count:
        raise RateLimited("You are sending messages too quickly; wait a few seconds.")
    version = await uow.bump(meeting.id)
    message = ChatMessage(
        id=ids.new_id(),
        meeting_id=meeting.id,
        room_id=room_id,
        participant_id=actor.id,
        kind=kind,
        text=text,
        url=url,
        title=title,
        created_at=uow.now,
        seq=version,
    )
    uow.session.add(message)
    uow.record(ChatSent(message=views.chat_message(message, actor)), to=audience(meeting.id, room_id), version=version)
    return message


async def hide(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, message_id: str) -> None:
    message = await uow.session.get(ChatMessage, message_id)
    if message is None or message.meeting_id != meeting.id:
        raise NotFound("No such message in this meeting.")
    if message.hidden_at is not None:
        raise Conflict("The message is already hidden.", code="already_hidden")
    # Kept for the audit, never shown again.
    message.hidden_at = uow.now
    message.hidden_by = actor.id
    await uow.change(meeting.id, ChatHidden(message_id=message.id, room_id=message.room_id), to=audience(meeting.id, message.room_id))


async def history(
    uow: UnitOfWork, *, meeting: Meeting, room_id: str | None, before: int | None, limit: int
) -> tuple[list[ChatMessageView], bool]:
    """The newest `limit` visible messages older than `before` (a message's seq), oldest first, and whether more exist."""
    statement = select(ChatMessage).where(
        ChatMessage.meeting_id == meeting.id, ChatMessage.room_id == room_id, ChatMessage.hidden_at == None  # noqa: E711
    )
    if before is not None:
        statement = statement.where(ChatMessage.seq < before)
    rows = list((await uow.session.exec(statement.order_by(col(ChatMessage.seq).desc()).limit(limit + 1))).all())
    has_more = len(rows) > limit
    rows = rows[:limit]
    rows.reverse()
    return await views.chat_messages(uow, rows), has_more


async def resources(uow: UnitOfWork, *, meeting: Meeting, include_rooms: bool = False) -> list[ResourceView]:
    """The main room's resources; with include_rooms also those shared in breakout rooms (for the moderator's summary)."""
    statement = (
        select(ChatMessage)
        .where(ChatMessage.meeting_id == meeting.id, ChatMessage.kind == ChatKind.resource, ChatMessage.hidden_at == None)  # noqa: E711
        .order_by(col(ChatMessage.seq))
    )
    if not include_rooms:
        # A room's chat is for its members: its links must not reach everyone through the resource list.
        statement = statement.where(ChatMessage.room_id == None)  # noqa: E711
    rows = (await uow.session.exec(statement)).all()
    authors = await views.names(uow, {m.participant_id for m in rows})
    return [views.resource(m, authors[m.participant_id]) for m in rows]


def resources_markdown(meeting: Meeting, items: list[ResourceView]) -> str:
    lines = [f"# {i18n.text(meeting.language, 'resources.title', title=markdown.text(meeting.title))}", ""]
    if not items:
        lines.append(i18n.text(meeting.language, "resources.none"))
    for item in items:
        line = f"- {markdown.link(item.title, item.url)}, {i18n.text(meeting.language, 'resources.shared_by', name=markdown.text(item.author.display_name))}"
        if item.text.strip():
            line += f": {markdown.text(item.text)}"
        lines.append(line)
    return "\n".join(lines) + "\n"
