"""The built-in form templates, read once from the JSON files in templates/ (one file per template, named by its id)."""

import math
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from app.formats.catalogue import json_files
from app.forms.definition import Template

# The forms a learning conversation brings with it (app/services/forms.py opens them at its end).
FEEDBACK = "learning_feedback"
FOLLOW_UP = "learning_follow_up"


@cache
def templates() -> dict[str, Template]:
    return json_files("app.forms", "templates", Template.model_validate_json, kind="form template")


@dataclass(frozen=True)
class AfterEnd:
    """A form a format opens when one of its meetings ends: which template, and how long after the end."""

    template: str
    opens_after: timedelta


# The forms a format brings with it when its meeting ends (the seeds' own: 003's feedback within 2 days and the
# lead worker's 8-week follow-up). Keyed by format id; a format not named here opens nothing by itself.
AFTER_END: dict[str, tuple[AfterEnd, ...]] = {
    "learning_conversation": (AfterEnd(FEEDBACK, timedelta(0)), AfterEnd(FOLLOW_UP, timedelta(weeks=8))),
}


# After the last form's deadline the moderator and the organiser still read and collate its answers for a while.
READING_DAYS = 14


def days_kept_after_end(format_id: str) -> int:
    """The fewest days a meeting of this format must keep its personal data after it ends: the forms it opens at
    its end must still find their people (the lead worker's follow-up 8 weeks on), and their answers be read."""
    windows = [planned.opens_after + timedelta(days=templates()[planned.template].days_open) for planned in AFTER_END.get(format_id, ())]
    if not windows:
        return 1
    return math.ceil(max(windows) / timedelta(days=1)) + READING_DAYS
