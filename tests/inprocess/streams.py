"""What two meetings played alike show, made comparable: people's ids as their names, the meeting's id, versions
counted from a start, other ids blanked."""

import re
from typing import Any

from tests.harness import MeetingHandle, Person

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalised(value: Any, meeting: MeetingHandle, people: dict[str, Person], start: int) -> str:
    text = repr(value)
    for person in [meeting.moderator, *people.values()]:
        text = text.replace(person.id, person.name)
    text = text.replace(meeting.id, "MEETING")
    text = re.sub(r"'version': (\d+)", lambda m: f"'version': {int(m.group(1)) - start}", text)
    return UUID.sub("<id>", text)
