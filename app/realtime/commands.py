"""The command registry: each command's type, payload schema, who may send it, and its handler.

A command declares what the dispatcher needs to know about it:
- `moderator_only`: only a moderator may send it;
- `gate`: a late joiner must first answer the recording question (docs/consent.md); the consent commands
  themselves are how one answers, so they pass the gate;
- `remember`: its answer is stored for `command_id` replay. A stored answer is a row tying a person to a
  moment, so commands whose answer could reveal a vote (`consent.vote`, `consent.withdraw`) are not remembered;
- `right`, `takes_part`, `observer`, `agreement`: what the person's role of the format must allow
  (app/services/roles.py `Access`): the right the command needs, whether an `only_roles` stage makes others wait
  for it, whether an observer may send it, whether it waits for the format's agreement to be acknowledged;
- `group`: a handler for a run of the same command from many people, applied in one transaction (a ballot's
  burst of votes). The dispatcher checks each sender as for one command, then gives the group handler the
  run per meeting; what it leaves (None) goes through `handler`, one by one, in order.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from app.config import Settings
from app.db import UnitOfWork
from app.errors import DomainError
from app.formats.definition import Right
from app.inputs import Input
from app.models import Meeting, Participant
from app.services.roles import Access


class Payload(Input):
    """A command's data: unknown fields are refused, strings are trimmed (app/inputs.py)."""


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
class Done:
    """One command of a group, applied: its ack's result and version."""

    result: dict[str, Any] | None
    version: int


# For each (sender, payload) of one meeting's run, in order: done, refused (nothing stored for it), or None for
# `handler` to apply alone.
GroupHandler = Callable[[UnitOfWork, Meeting, list[tuple[Participant, Any]]], Awaitable[list[Done | DomainError | None]]]


@dataclass(frozen=True)
class Command:
    name: str
    payload: type[Payload]
    handler: Handler
    moderator_only: bool
    gate: bool
    remember: bool
    access: Access
    group: GroupHandler | None = None


REGISTRY: dict[str, Command] = {}


def command(
    type: str,
    payload: type[Payload],
    *,
    moderator_only: bool = False,
    gate: bool = True,
    remember: bool = True,
    right: Right | tuple[Right, ...] = (),
    takes_part: bool = False,
    observer: bool = False,
    agreement: bool | None = None,
    group: GroupHandler | None = None,
) -> Callable[[Handler], Handler]:
    # Commands that pass the late joiners' gate (the consent commands) pass the agreement's too, unless told.
    rights = (right,) if isinstance(right, Right) else right
    access = Access(rights=rights, takes_part=takes_part, observer=observer, agreement=gate if agreement is None else agreement)

    def register(handler: Handler) -> Handler:
        if type in REGISTRY:
            raise RuntimeError(f"command {type} registered twice")
        REGISTRY[type] = Command(type, payload, handler, moderator_only=moderator_only, gate=gate, remember=remember, access=access, group=group)
        return handler

    return register
