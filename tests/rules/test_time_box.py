"""The time box of a turn: one warning, a quarter of the box before its end and at most 30 seconds before it;
a box too short for a warning has none; the warning and the end are due by the breakout rule."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules import breakout_timing, time_box

START = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


@given(st.integers(min_value=1, max_value=time_box.MAX_SECONDS))
def test_the_warning_falls_inside_the_box_and_at_most_30_seconds_before_its_end(duration: int) -> None:
    timer = time_box.schedule(start=START, duration_s=duration)
    assert timer.deadline == START + timedelta(seconds=duration)
    if duration < 4:
        assert timer.warn_at is None
        return
    assert timer.warn_at is not None
    before_end = (timer.deadline - timer.warn_at).total_seconds()
    assert START < timer.warn_at < timer.deadline
    assert 1 <= before_end <= 30 and before_end <= duration / 4


@given(st.integers(min_value=4, max_value=time_box.MAX_SECONDS), st.lists(st.floats(min_value=0.01, max_value=120), max_size=40))
def test_ticks_warn_once_then_end_once_never_early(duration: int, gaps: list[float]) -> None:
    timer = time_box.schedule(start=START, duration_s=duration)
    now, acted = START, []
    for gap in [*gaps, duration + 1.0]:
        now += timedelta(seconds=gap)
        due = breakout_timing.due(timer, now=now)
        if due == breakout_timing.Due.warn:
            assert timer.warn_at is not None and timer.warn_at <= now < timer.deadline
            timer = breakout_timing.warned(timer, now=now)
            acted.append(due)
        elif due == breakout_timing.Due.close:
            assert now >= timer.deadline
            acted.append(due)
            break
    assert acted[-1] == breakout_timing.Due.close and acted.count(breakout_timing.Due.warn) <= 1


def test_a_two_minute_question_is_warned_30_seconds_before_its_end() -> None:
    timer = time_box.schedule(start=START, duration_s=120)
    assert timer.warn_at == START + timedelta(seconds=90)
    assert time_box.schedule(start=START, duration_s=20).warn_at == START + timedelta(seconds=15)
