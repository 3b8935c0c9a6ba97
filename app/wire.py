"""The wire in one place: every event the server emits, as one discriminated union of envelopes.

The Python models are the definition (app/events.py, app/services/snapshot.py); `schema()` describes
them in one JSON Schema.
"""

import json
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, TypeAdapter, create_model
from pydantic.json_schema import GenerateJsonSchema

from app.clock import Timestamp
from app.events import Event, all_event_types
from app.services.snapshot import Snapshot


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


class Wire(BaseModel):
    """Not sent anywhere: the root that names every wire type, so that one schema holds them all."""

    snapshot: Snapshot
    event: ServerEvent


class WireSchema(GenerateJsonSchema):
    """Titles only on named types: a title on every field would become a TypeScript alias of its own."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def schema() -> dict[str, Any]:
    return Wire.model_json_schema(mode="serialization", schema_generator=WireSchema)


def main() -> None:
    print(json.dumps(schema(), indent=2, ensure_ascii=False))
