"""The wire in one JSON Schema: every event, the snapshot, every command, the ack and every error code.

The Python models are the definition (app/events.py, app/services/snapshot.py, the command payloads
registered in app/realtime/commands.py's REGISTRY, app/errors.py's ErrorCode); `python -m app wire-schema`
prints this schema and frontend/tools/wire-types.mjs turns it into frontend/src/shared/wire.ts. `make lint`
fails when the committed TypeScript no longer matches (docs/adr/0011-the-wire-is-defined-once.md).
"""

import json
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, TypeAdapter, create_model
from pydantic.json_schema import GenerateJsonSchema

from app.clock import Timestamp
from app.errors import ErrorCode
from app.events import Event, all_event_types
from app.realtime import handlers  # noqa: F401  (registers every command)
from app.realtime.commands import REGISTRY, Payload
from app.services.snapshot import Snapshot, never_null


def type_name(wire_type: str) -> str:
    """`question.set_current` → `QuestionSetCurrent`: the TypeScript name of a command."""
    return "".join(word.capitalize() for part in wire_type.split(".") for word in part.split("_"))


# Events -----------------------------------------------------------------------------------------


class EventEnvelope(BaseModel):
    """`event` as the server emits it: the meeting version, the type, the event's own fields, the time."""

    model_config = ConfigDict(extra="forbid")

    version: int
    type: str
    data: Event
    at: Timestamp


def _event_envelope(name: str, event: type[Event]) -> type[EventEnvelope]:
    # Types made at run time, one per event class: typed as Any for mypy.
    wire_type: Any = Literal[name]
    return create_model(f"{event.__name__}Event", __base__=EventEnvelope, __doc__=f"The `{name}` event.", type=(wire_type, ...), data=(event, ...))


EVENT_ENVELOPES: dict[str, type[EventEnvelope]] = {name: _event_envelope(name, cls) for name, cls in all_event_types().items()}
_any_event: Any = Annotated[Union[tuple(EVENT_ENVELOPES.values())], Field(discriminator="type")]  # noqa: UP007


class ServerEvent(RootModel[_any_event]):
    """Any `event` the server emits, told apart by its `type`."""


server_events: TypeAdapter[Any] = TypeAdapter(ServerEvent)


# Commands ---------------------------------------------------------------------------------------


class CommandEnvelope(BaseModel):
    """`command` as a client sends it (app/realtime/commands.py's Envelope, with its data typed)."""

    model_config = ConfigDict(extra="forbid")

    type: str
    data: Payload
    command_id: str | None = Field(default=None, min_length=1, max_length=64)


def _command_envelope(name: str, payload: type[Payload]) -> type[CommandEnvelope]:
    wire_type: Any = Literal[name]
    # A copy of the payload class named after the command: several commands share one payload class
    # (e.g. `Empty`), and each command's data should have a name of its own in TypeScript.
    data: Any = create_model(f"{type_name(name)}Data", __base__=payload, __doc__=payload.__doc__)
    return create_model(
        f"{type_name(name)}Command", __base__=CommandEnvelope, __doc__=f"The `{name}` command.", type=(wire_type, ...), data=(data, ...)
    )


COMMAND_ENVELOPES: dict[str, type[CommandEnvelope]] = {name: _command_envelope(name, REGISTRY[name].payload) for name in sorted(REGISTRY)}
_any_command: Any = Annotated[Union[tuple(COMMAND_ENVELOPES.values())], Field(discriminator="type")]  # noqa: UP007


class ClientCommand(RootModel[_any_command]):
    """Any `command` a client may send, told apart by its `type`."""


# Acks -------------------------------------------------------------------------------------------


class ErrorBody(BaseModel):
    """The error of a failed command or request, the same on the socket and on HTTP (`{"error": …}`)."""

    code: ErrorCode
    message: str


class AckOk(BaseModel):
    ok: Literal[True]
    version: int
    result: dict[str, Any] | None = Field(default=None, exclude_if=lambda value: value is None, json_schema_extra=never_null)


class AckFailed(BaseModel):
    ok: Literal[False]
    error: ErrorBody


class Ack(RootModel[AckOk | AckFailed]):
    """What every `command` is answered with (app/realtime/dispatch.py)."""


# The schema -------------------------------------------------------------------------------------


class Wire(BaseModel):
    """Not sent anywhere: the root that names every wire type, so that one schema holds them all."""

    snapshot: Snapshot
    event: ServerEvent
    command: ClientCommand
    ack: Ack
    error_code: ErrorCode


class WireSchema(GenerateJsonSchema):
    """Titles only on named types: a title on every field would become a TypeScript alias of its own."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def schema() -> dict[str, Any]:
    return Wire.model_json_schema(mode="serialization", schema_generator=WireSchema)


def main() -> None:
    print(json.dumps(schema(), indent=2, ensure_ascii=False))
