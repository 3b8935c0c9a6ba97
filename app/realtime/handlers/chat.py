"""chat.* commands."""

from typing import Any

from pydantic import Field

from app.db import UnitOfWork
from app.formats.definition import Right
from app.models import ChatKind
from app.realtime.commands import Context, Payload, command
from app.services import chat


class Send(Payload):
    text: str = Field(min_length=1, max_length=2000)
    kind: ChatKind = ChatKind.message
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=200)
    room: str | None = Field(default=None, max_length=64)


class Hide(Payload):
    message_id: str = Field(min_length=1, max_length=64)


@command("chat.send", Send, right=Right.chat, takes_part=True)
async def send(uow: UnitOfWork, ctx: Context, data: Send) -> dict[str, Any]:
    message = await chat.send(
        uow,
        meeting=ctx.meeting,
        actor=ctx.actor,
        text=data.text,
        kind=data.kind,
        url=data.url,
        title=data.title,
        room_id=data.room,
        rate_count=ctx.settings.chat_rate_count,
        rate_window_seconds=ctx.settings.chat_rate_window_seconds,
    )
    return {"message_id": message.id}


@command("chat.hide", Hide, moderator_only=True)
async def hide(uow: UnitOfWork, ctx: Context, data: Hide) -> None:
    await chat.hide(uow, meeting=ctx.meeting, actor=ctx.actor, message_id=data.message_id)
