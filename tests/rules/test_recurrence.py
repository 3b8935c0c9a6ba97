"""A series' schedule: local wall-clock times kept across daylight-saving changes, exact UTC instants."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.rules import recurrence
from app.rules.recurrence import RuleRefused

ZONES = ["Europe/Copenhagen", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


class TestFortnightlyAcrossDaylightSaving:
    def test_copenhagen_at_14_00_before_and_after_the_last_sunday_of_october(self) -> None:
        # Summer time (UTC+2) ends on Sunday 25 October 2026: 14:00 local is 12:00 UTC before, 13:00 UTC after.
        schedule = recurrence.check("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", start=datetime(2026, 10, 13, 14, 0), zone="Europe/Copenhagen")
        found = recurrence.occurrences(schedule, after=utc(2026, 10, 1), count=3)
        assert found == [utc(2026, 10, 13, 12), utc(2026, 10, 27, 13), utc(2026, 11, 10, 13)]
        assert {recurrence.to_local(at, "Europe/Copenhagen").time().isoformat() for at in found} == {"14:00:00"}

    def test_copenhagen_at_14_00_before_and_after_the_last_sunday_of_march(self) -> None:
        # Summer time starts on Sunday 28 March 2027: 13:00 UTC before, 12:00 UTC after.
        schedule = recurrence.check("FREQ=WEEKLY;INTERVAL=2", start=datetime(2027, 3, 16, 14, 0), zone="Europe/Copenhagen")
        assert recurrence.occurrences(schedule, after=utc(2027, 3, 1), count=2) == [utc(2027, 3, 16, 13), utc(2027, 3, 30, 12)]

    def test_london_keeps_its_own_offsets(self) -> None:
        # British Summer Time ends on 25 October 2026 too, one hour behind Copenhagen all along.
        schedule = recurrence.check("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", start=datetime(2026, 10, 13, 14, 0), zone="Europe/London")
        assert recurrence.occurrences(schedule, after=utc(2026, 10, 1), count=2) == [utc(2026, 10, 13, 13), utc(2026, 10, 27, 14)]

    def test_after_is_strict_and_the_next_one_follows(self) -> None:
        schedule = recurrence.check("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", start=datetime(2026, 10, 13, 14, 0), zone="Europe/Copenhagen")
        assert recurrence.next_after(schedule, after=utc(2026, 10, 13, 12)) == utc(2026, 10, 27, 13)
        assert recurrence.next_after(schedule, after=utc(2026, 10, 13, 11, 59)) == utc(2026, 10, 13, 12)

    def test_a_skipped_local_time_moves_forward_by_the_gap_and_a_repeated_one_is_the_first(self) -> None:
        # 02:30 does not exist in Copenhagen on 28 March 2027 (02:00 → 03:00): it is held at 03:30 summer time.
        schedule = recurrence.check("FREQ=DAILY;COUNT=3", start=datetime(2027, 3, 27, 2, 30), zone="Europe/Copenhagen")
        assert recurrence.occurrences(schedule, after=utc(2027, 1, 1), count=5) == [utc(2027, 3, 27, 1, 30), utc(2027, 3, 28, 1, 30), utc(2027, 3, 29, 0, 30)]
        # 02:30 happens twice on 25 October 2026: the first, still summer time (00:30 UTC).
        schedule = recurrence.check("FREQ=DAILY;COUNT=1", start=datetime(2026, 10, 25, 2, 30), zone="Europe/Copenhagen")
        assert recurrence.occurrences(schedule, after=utc(2026, 1, 1), count=5) == [utc(2026, 10, 25, 0, 30)]

    def test_a_monthly_rule_from_the_31st_skips_the_months_without_one(self) -> None:
        schedule = recurrence.check("FREQ=MONTHLY", start=datetime(2027, 1, 31, 14, 0), zone="Europe/London")
        found = recurrence.occurrences(schedule, after=utc(2027, 1, 1), count=3)
        assert [at.date().isoformat() for at in found] == ["2027-01-31", "2027-03-31", "2027-05-31"]

    def test_count_and_until_end_the_series(self) -> None:
        schedule = recurrence.check("FREQ=WEEKLY;UNTIL=20270401T000000Z", start=datetime(2027, 3, 16, 14, 0), zone="Europe/London")
        assert len(recurrence.occurrences(schedule, after=utc(2027, 1, 1), count=10)) == 3


class TestRefused:
    @pytest.mark.parametrize(
        "rule",
        [
            "",
            "every second tuesday",
            "FREQ=HOURLY",
            "FREQ=MINUTELY;INTERVAL=5",
            "FREQ=WEEKLY;DTSTART=20260101T000000",
            "FREQ=WEEKLY;FREQ=DAILY",
            "INTERVAL=2",
            "FREQ=WEEKLY;COUNT=2;UNTIL=20270101",
            "FREQ=WEEKLY;BYDAY=XX",
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
            "FREQ=WEEKLY;UNTIL=20200101",
            "FREQ=WEEKLY;" + "BYDAY=TU;" * 60,
        ],
    )
    def test_bad_rules(self, rule: str) -> None:
        with pytest.raises(RuleRefused):
            recurrence.check(rule, start=datetime(2026, 10, 13, 14, 0), zone="Europe/Copenhagen")

    @pytest.mark.parametrize("zone", ["", "Mars/Olympus", "../etc/passwd", "/etc/localtime", "Europe/Copenhagen/x"])
    def test_bad_zones(self, zone: str) -> None:
        with pytest.raises(RuleRefused):
            recurrence.check("FREQ=WEEKLY", start=datetime(2026, 10, 13, 14, 0), zone=zone)

    def test_a_start_with_an_offset(self) -> None:
        with pytest.raises(RuleRefused):
            recurrence.check("FREQ=WEEKLY", start=datetime(2026, 10, 13, 14, 0, tzinfo=UTC), zone="Europe/London")


rules = st.builds(
    lambda freq, interval, day: f"FREQ={freq};INTERVAL={interval}" + (f";BYDAY={day}" if freq == "WEEKLY" and day else ""),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]),
    st.integers(1, 4),
    st.sampled_from([None, "MO", "TU", "WE", "TH", "FR", "MO,TH"]),
)
starts = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31)).map(
    # Meetings start between 08:00 and 20:59, on the minute: never inside a daylight-saving gap; on a day every
    # month has (a monthly rule from the 31st skips the shorter months, RFC 5545, and may give fewer in the horizon).
    lambda d: d.replace(day=min(d.day, 28), hour=8 + d.hour % 13, second=0, microsecond=0)
)


@given(rule=rules, start=starts, zone=st.sampled_from(ZONES), skip_days=st.integers(0, 800), count=st.integers(1, 12))
@example(rule="FREQ=MONTHLY;INTERVAL=4", start=datetime(2024, 1, 1, 8, 0), zone="Europe/Copenhagen", skip_days=0, count=11)
def test_every_occurrence_is_at_the_starts_local_time_in_order_and_after_the_instant_asked(
    rule: str, start: datetime, zone: str, skip_days: int, count: int
) -> None:
    schedule = recurrence.check(rule, start=start, zone=zone)
    after = recurrence.to_utc(start, zone) + timedelta(days=skip_days, minutes=-1)
    found = recurrence.occurrences(schedule, after=after, count=count)
    # None of these rules ends, but the search looks three years ahead: every fourth month gives 9 or 10 in that
    # time (as the window falls), so fewer than asked may come, never fewer than the three years surely hold.
    months = int(rule.split("INTERVAL=")[1].split(";")[0]) if rule.startswith("FREQ=MONTHLY") else 0
    assert (min(count, 36 // months) if months else count) <= len(found) <= count
    assert all(at > after for at in found)
    assert found == sorted(set(found))
    for at in found:
        local = recurrence.to_local(at, zone)
        assert local.time() == start.time()
        assert recurrence.to_utc(local, zone) == at
        assert at.tzinfo is not None and at.utcoffset() == timedelta(0)


@given(rule=rules, start=starts, zone=st.sampled_from(ZONES), count=st.integers(2, 8))
def test_asking_from_an_occurrence_gives_the_rest_of_the_same_list(rule: str, start: datetime, zone: str, count: int) -> None:
    schedule = recurrence.check(rule, start=start, zone=zone)
    first = recurrence.to_utc(start, zone) - timedelta(seconds=1)
    whole = recurrence.occurrences(schedule, after=first, count=count)
    assert recurrence.occurrences(schedule, after=whole[0], count=count - 1) == whole[1:]


@given(start=starts, zone=st.sampled_from(ZONES), interval=st.integers(1, 3))
def test_weekly_occurrences_are_whole_weeks_apart_in_local_dates(start: datetime, zone: str, interval: int) -> None:
    schedule = recurrence.check(f"FREQ=WEEKLY;INTERVAL={interval}", start=start, zone=zone)
    found = recurrence.occurrences(schedule, after=recurrence.to_utc(start, zone) - timedelta(seconds=1), count=6)
    dates = [recurrence.to_local(at, zone).date() for at in found]
    assert dates[0] == start.date()
    assert all((b - a).days == 7 * interval for a, b in zip(dates, dates[1:], strict=False))
