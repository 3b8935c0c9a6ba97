"""The command registry: each command's type, payload schema, who may send it, and its handler."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from app.config import Settings
from app.db import UnitOfWork
from app.models import Meeting, Participant


class Payload(BaseModel):
    """A command's data: unknown fields are refused, strings are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str = Field(min_length=1, max_length=64)
    data: dict[str, Any] = Field(default_factory=dict)
    command_id: str | None = Field(default=None, min_length=1, max_length=64)


@dataclass(frozen=True)
class Context:
    meeting: Meeting
    actor: Participant
    settings: Settings


Handler = Callable[[UnitOfWork, Context, Any], Awaitable[dict[str, Any] | None]]


@dataclass(frozen=True)
class Command:
    name: str
    payload: type[Payload]
    handler: Handler
    moderator_only: bool


REGISTRY: dict[str, Command] = {}


def command(type: str, payload: type[Payload], *, moderator_only: bool = False) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        if type in REGISTRY:
            raise RuntimeError(f"command {type} registered twice")
        REGISTRY[type] = Command(type, payload, handler, moderator_only)
        return handler

    return register
