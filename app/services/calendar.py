"""The calendar file of an invitation (RFC 5545, written with `icalendar`).

One recurring event per series and contact person: the UID stays the same for every meeting of the series and the
SEQUENCE grows with the meeting's number, so the invitation to the next meeting updates the event already in the
person's calendar instead of adding a second series beside it. DTSTART is this meeting's local wall-clock time with
its TZID and the zone's VTIMEZONE; the RRULE is the series' own (a COUNT is reduced by the meetings already held,
so the calendar ends where the series ends); URL is the person's own link into this meeting.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vRecur

PRODUCT = "-//Roundtable//Series invitation//EN"


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class CalendarInvitation:
    uid: str
    sequence: int
    title: str
    description: str
    starts_at: datetime  # aware
    duration: timedelta
    zone: str
    rule: str
    # Meetings of the series held before this one (a COUNT in the rule is reduced by them).
    earlier: int
    organizer: Person
    attendee: Person
    required: bool
    url: str
    stamp: datetime  # aware


def _rule_from(rule: str, earlier: int) -> str | None:
    """The rule as of this meeting; None when a COUNT leaves only this one meeting."""
    match = re.search(r"(?:^|;)COUNT=(\d+)", rule)
    if match is None:
        return rule
    left = int(match.group(1)) - earlier
    if left <= 1:
        return None
    return re.sub(r"COUNT=\d+", f"COUNT={left}", rule)


def _address(person: Person, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = person.name
    for key, value in params.items():
        address.params[key] = value
    return address


def invitation_ics(invitation: CalendarInvitation) -> bytes:
    zone = ZoneInfo(invitation.zone)
    local_start = invitation.starts_at.astimezone(zone)
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", invitation.stamp)
    event.add("dtstart", local_start)
    event.add("duration", invitation.duration)
    rule = _rule_from(invitation.rule, invitation.earlier)
    if rule is not None:
        event.add("rrule", vRecur.from_ical(rule))
    event.add("summary", invitation.title)
    if invitation.description:
        event.add("description", invitation.description)
    event.add("url", invitation.url)
    event.add("organizer", _address(invitation.organizer))
    event.add(
        "attendee",
        _address(invitation.attendee, role="REQ-PARTICIPANT" if invitation.required else "OPT-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="FALSE"),
    )
    event.add("status", "CONFIRMED")
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    calendar.add_component(event)
    # The zone's rules around this meeting's years, not since 1970: a small file every calendar program reads.
    calendar.add_missing_timezones(first_date=(local_start - timedelta(days=366)).date(), last_date=(local_start + timedelta(days=5 * 366)).date())
    return calendar.to_ical()
