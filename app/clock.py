"""Time in one place: aware UTC datetimes in code and database, ISO 8601 with Z on the wire.

Every "now" in the app comes from `now()`, which asks the module's `source`. The server leaves it on
the wall clock; the in-process test harness (tests/harness.py) puts a clock it moves by hand in its
place, so that grace periods, warnings and deadlines are tested exactly and without waiting.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Annotated

from pydantic import PlainSerializer


def wall() -> datetime:
    return datetime.now(UTC)


source: Callable[[], datetime] = wall
"""Where `now()` reads the time; replaced only by `use()`."""


def now() -> datetime:
    return source()


@contextmanager
def use(replacement: Callable[[], datetime]) -> Iterator[None]:
    """Read the time from `replacement` inside the block (tests), then from whatever was there before."""
    global source
    previous, source = source, replacement
    try:
        yield
    finally:
        source = previous


def as_utc(value: datetime) -> datetime:
    """A time from outside: without an offset it is taken as UTC."""
    return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


def iso(value: datetime) -> str:
    return as_utc(value).replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


Timestamp = Annotated[datetime, PlainSerializer(iso, return_type=str)]
