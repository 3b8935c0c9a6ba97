"""The invitation's calendar file, read back with icalendar as a calendar program would: one recurring event per
series and person, at 14:00 Copenhagen time with its VTIMEZONE, the series' rule, organiser, attendee and link."""

from datetime import UTC, datetime, timedelta

from dateutil.rrule import rrulestr
from icalendar import Calendar

from app.services import calendar


def invitation(**changes: object) -> calendar.CalendarInvitation:
    fields: dict[str, object] = {
        "uid": "series-s1-c1@roundtable",
        "sequence": 0,
        "title": "Netværksmøde Kolding",
        "description": "Børn i traumatiserede flygtningefamilier",
        "starts_at": datetime(2027, 3, 16, 13, 0, tzinfo=UTC),
        "duration": timedelta(minutes=90),
        "zone": "Europe/Copenhagen",
        "rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "earlier": 0,
        "organizer": calendar.Person("Nanna Kold", "nk@dignity.example"),
        "attendee": calendar.Person("Anna Holm", "anna@kolding.example"),
        "required": True,
        "url": "http://127.0.0.1:8000/join/abcd-efgh-jkmn#invitation=secret",
        "stamp": datetime(2027, 3, 1, 9, 0, tzinfo=UTC),
    }
    fields.update(changes)
    return calendar.CalendarInvitation(**fields)  # type: ignore[arg-type]


def parsed(ics: bytes) -> tuple[Calendar, object]:
    cal = Calendar.from_ical(ics)
    [event] = [c for c in cal.walk() if c.name == "VEVENT"]
    return cal, event


def test_the_file_reads_back_as_one_recurring_event_at_local_time() -> None:
    cal, event = parsed(calendar.invitation_ics(invitation()))
    assert cal["METHOD"] == "REQUEST" and cal["VERSION"] == "2.0"
    assert str(event["UID"]) == "series-s1-c1@roundtable" and event["SEQUENCE"] == 0
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (14, 0, "Europe/Copenhagen")
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert start.astimezone(UTC) == datetime(2027, 3, 16, 13, 0, tzinfo=UTC)
    assert event.decoded("DURATION") == timedelta(minutes=90)
    assert event["RRULE"].to_ical().decode() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert str(event["URL"]) == "http://127.0.0.1:8000/join/abcd-efgh-jkmn#invitation=secret"
    assert str(event["ORGANIZER"]) == "mailto:nk@dignity.example" and event["ORGANIZER"].params["CN"] == "Nanna Kold"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:anna@kolding.example" and attendee.params["ROLE"] == "REQ-PARTICIPANT" and attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert str(event["SUMMARY"]) == "Netværksmøde Kolding"
    # The zone's own definition travels with it: summer time from 28 March 2027.
    [zone] = [c for c in cal.walk() if c.name == "VTIMEZONE"]
    assert str(zone["TZID"]) == "Europe/Copenhagen"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_the_rule_read_back_gives_14_00_local_across_summer_time() -> None:
    _, event = parsed(calendar.invitation_ics(invitation()))
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None))
    local = [d for d in rule[:3]]
    assert [d.isoformat() for d in local] == ["2027-03-16T14:00:00", "2027-03-30T14:00:00", "2027-04-13T14:00:00"]


def test_the_next_meeting_updates_the_same_event_and_a_count_is_what_is_left() -> None:
    _, event = parsed(calendar.invitation_ics(invitation(sequence=2, earlier=2, rule="FREQ=WEEKLY;INTERVAL=2;COUNT=6", starts_at=datetime(2027, 4, 13, 12, 0, tzinfo=UTC))))
    assert str(event["UID"]) == "series-s1-c1@roundtable" and event["SEQUENCE"] == 2
    assert dict(event["RRULE"]) == {"FREQ": ["WEEKLY"], "INTERVAL": [2], "COUNT": [4]}
    assert event.decoded("DTSTART").hour == 14
    # The last meeting of a counted series is a single event.
    _, last = parsed(calendar.invitation_ics(invitation(earlier=5, rule="FREQ=WEEKLY;COUNT=6")))
    assert "RRULE" not in last


def test_people_text_cannot_break_the_file() -> None:
    ics = calendar.invitation_ics(invitation(title="Line\nBREAK:VEVENT", description="END:VCALENDAR\r\nBEGIN:VEVENT", attendee=calendar.Person('A "quoted" name; x', "a@b.example")))
    cal, event = parsed(ics)
    assert len([c for c in cal.walk() if c.name == "VEVENT"]) == 1
    assert str(event["SUMMARY"]) == "Line\nBREAK:VEVENT" and str(event["DESCRIPTION"]).splitlines() == ["END:VCALENDAR", "BEGIN:VEVENT"]
