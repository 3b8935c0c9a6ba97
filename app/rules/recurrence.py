"""When a series meets: an RFC 5545 recurrence rule, expanded in the series' local wall-clock time.

The rule is read and expanded by python-dateutil's `rrule` on *naive local* times (14:00 stays 14:00), and
each occurrence is then placed in the series' time zone (IANA, via zoneinfo) and turned into a UTC instant.
So a fortnightly 14:00 Europe/Copenhagen meeting is at 12:00 UTC in summer and 13:00 UTC in winter: the
daylight-saving change moves the instant, never the local time people put in their calendars.

Two edge cases follow PEP 495 (fold=0), as calendar programs do:
- a local time that does not exist that day (the hour skipped in spring) is moved forward by the gap
  (02:30 becomes 03:30 summer time);
- a local time that happens twice (the hour repeated in autumn) is the first of the two.

Pure: no database, no clock. Only python-dateutil and the standard library.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rrulestr

# A series meets at most daily: finer frequencies (HOURLY, MINUTELY, SECONDLY) are refused.
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_RULE_LENGTH = 300
# How far ahead a rule is searched for its next occurrences (a rule that never recurs within it is refused).
HORIZON = timedelta(days=3 * 366)
PARTS = re.compile(r"^[A-Z]+=[A-Z0-9,+\-]+(;[A-Z]+=[A-Z0-9,+\-]+)*$")
# What the rule text may set: the schedule's start is the series' own, not part of the rule.
ALLOWED_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "BYWEEKNO", "BYYEARDAY", "WKST"}


class RuleRefused(ValueError):
    """The rule, time zone or start cannot make a schedule; the message says why, for people."""


@dataclass(frozen=True)
class Schedule:
    # The rule as stored and as written into calendar files: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU".
    rule: str
    # The first meeting's local wall-clock date and time (naive: it is in `zone`).
    start: datetime
    zone: str


def zone_of(name: str) -> ZoneInfo:
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        raise RuleRefused(f"{name!r} is not a time zone; give an IANA name such as Europe/Copenhagen.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleRefused(f"{name!r} is not a time zone; give an IANA name such as Europe/Copenhagen.") from None


def normalise_rule(text: str) -> str:
    """The rule's parts, upper-cased, without an "RRULE:" prefix or spaces."""
    rule = "".join(text.split()).upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:"):]
    return rule


def _parse(rule: str, start: datetime) -> rrule:
    if not rule or len(rule) > MAX_RULE_LENGTH or not PARTS.match(rule):
        raise RuleRefused("The recurrence rule must look like FREQ=WEEKLY;INTERVAL=2;BYDAY=TU (RFC 5545).")
    names = [part.split("=", 1)[0] for part in rule.split(";")]
    unknown = sorted(set(names) - ALLOWED_PARTS)
    if unknown:
        raise RuleRefused(f"The recurrence rule may not set {', '.join(unknown)}; the series gives its start time.")
    if len(set(names)) != len(names):
        raise RuleRefused("The recurrence rule names a part twice.")
    if "FREQ" not in names:
        raise RuleRefused("The recurrence rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY).")
    frequency = next(part.split("=", 1)[1] for part in rule.split(";") if part.startswith("FREQ="))
    if "UNTIL" in names and "COUNT" in names:
        raise RuleRefused("The recurrence rule may give UNTIL or COUNT, not both.")
    until = next((part.split("=", 1)[1] for part in rule.split(";") if part.startswith("UNTIL=")), None)
    if until is not None and not re.fullmatch(r"\d{8}(T\d{6}Z?)?", until):
        raise RuleRefused("UNTIL must be a date (20271231) or a time (20271231T235959Z).")
    # dateutil compares UNTIL with the (naive, local) start: give it a naive UNTIL too.
    plain = ";".join(part.rstrip("Z") if part.startswith("UNTIL=") else part for part in rule.split(";"))
    try:
        parsed = rrulestr(plain, dtstart=start)
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise RuleRefused(f"The recurrence rule is not valid: {exc}.") from None
    if not isinstance(parsed, rrule) or frequency not in FREQUENCIES:
        raise RuleRefused("A series meets at most once a day: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.")
    return parsed


def check(rule_text: str, *, start: datetime, zone: str) -> Schedule:
    """A valid schedule, or RuleRefused: a known time zone, a rule of whole days or more, and a first
    occurrence within three years of the start."""
    zone_of(zone)
    if start.tzinfo is not None:
        raise RuleRefused("The start is a local date and time without an offset; the time zone is given apart.")
    start = start.replace(second=0, microsecond=0)
    rule = normalise_rule(rule_text)
    parsed = _parse(rule, start)
    if not parsed.between(start, start + HORIZON, inc=True, count=1):
        raise RuleRefused("The recurrence rule gives no meeting within three years of the start.")
    return Schedule(rule=rule, start=start, zone=zone)


def to_utc(local: datetime, zone: str) -> datetime:
    """A naive local wall-clock time in `zone` as a UTC instant (fold=0: see the module's note)."""
    return local.replace(tzinfo=zone_of(zone), fold=0).astimezone(UTC)


def to_local(instant: datetime, zone: str) -> datetime:
    """A UTC instant as the naive wall-clock time in `zone`."""
    return instant.astimezone(zone_of(zone)).replace(tzinfo=None)


def occurrences(schedule: Schedule, *, after: datetime, count: int) -> list[datetime]:
    """The next `count` occurrences strictly after the instant `after` (aware), as UTC instants, oldest first.

    Searched up to three years past `after` (and past the start): a rule that ends (COUNT, UNTIL) gives fewer."""
    if after.tzinfo is None:
        raise ValueError("after must be an aware datetime")
    if count <= 0:
        return []
    parsed = _parse(schedule.rule, schedule.start)
    # Start one day early in local time: a DST shift cannot make us miss an occurrence near `after`.
    local_after = max(to_local(after, schedule.zone) - timedelta(days=1), schedule.start - timedelta(days=1))
    found: list[datetime] = []
    for local in parsed.xafter(local_after, count=None, inc=False):
        if local > local_after + timedelta(days=1) + HORIZON:
            break
        instant = to_utc(local, schedule.zone)
        if instant > after:
            found.append(instant)
            if len(found) == count:
                break
    return found


def next_after(schedule: Schedule, *, after: datetime) -> datetime | None:
    found = occurrences(schedule, after=after, count=1)
    return found[0] if found else None
