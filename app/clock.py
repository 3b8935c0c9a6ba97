"""Time in one place: aware UTC datetimes in code and database, ISO 8601 with Z on the wire."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import PlainSerializer


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """A time from outside: without an offset it is taken as UTC."""
    return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


def iso(value: datetime) -> str:
    return as_utc(value).replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


Timestamp = Annotated[datetime, PlainSerializer(iso, return_type=str)]
