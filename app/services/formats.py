"""The format a meeting runs: the definition kept with the meeting, else the built-in of that id."""

from functools import lru_cache

from app.formats import catalogue
from app.formats.definition import FormatDef
from app.models import Meeting


def of_meeting(meeting: Meeting) -> FormatDef:
    if meeting.format_definition is not None:
        return _parsed(meeting.format_definition)
    return catalogue.builtin()[meeting.format]


@lru_cache(maxsize=256)
def _parsed(document: str) -> FormatDef:
    # A definition is immutable once kept with a meeting: parse each distinct one once.
    return FormatDef.model_validate_json(document)
