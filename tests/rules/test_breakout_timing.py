"""The breakout timing rule on its own: the warning comes once, never early, never after the deadline; the
rooms close once, at the first tick at or after the deadline, also when the timer comes late or the
moderator extends."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules.breakout_timing import Due, Timer, could_be_due, due, extend, schedule, seconds_left, warned

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
durations = st.integers(1, 3 * 3600)
warnings = st.integers(0, 3600)


@dataclass
class Run:
    """What everyone saw: the warnings (time, seconds left) and the close."""

    warnings: list[tuple[datetime, float]]
    closed_at: datetime | None
    timer: Timer
    # What happened, in order: "warn" and "extend".
    log: list[str]


def run(timer: Timer, steps: list[tuple[int, int]]) -> Run:
    """Tick at the given offsets (ms after the start, increasing); before a tick the moderator may extend."""
    seen = Run([], None, timer, [])
    for offset_ms, extension_s in steps:
        now = T0 + timedelta(milliseconds=offset_ms)
        if seen.closed_at is not None:
            break
        if extension_s:
            seen.timer = extend(seen.timer, seconds=extension_s, now=now)
            seen.log.append("extend")
        action = due(seen.timer, now=now)
        if action == Due.close:
            seen.closed_at = now
        elif action == Due.warn:
            seen.warnings.append((now, seconds_left(seen.timer, now=now)))
            seen.timer = warned(seen.timer, now=now)
            seen.log.append("warn")
    return seen


@given(durations, warnings)
def test_a_warning_is_scheduled_before_the_deadline_and_only_when_the_break_is_longer(duration: int, warn_before: int) -> None:
    timer = schedule(start=T0, duration_s=duration, warn_before_s=warn_before)
    assert timer.deadline == T0 + timedelta(seconds=duration)
    if 0 < warn_before < duration:
        assert timer.warn_at == timer.deadline - timedelta(seconds=warn_before)
        assert T0 < timer.warn_at < timer.deadline
    else:
        assert timer.warn_at is None


@given(durations, warnings, st.data())
def test_without_extensions_the_warning_comes_once_never_early_never_after_the_deadline(
    duration: int, warn_before: int, data: st.DataObject
) -> None:
    # Ticks anywhere from the start to a little after the deadline, some of them close together.
    offsets = sorted(data.draw(st.lists(st.integers(0, (duration + 5) * 1000), max_size=40)))
    timer = schedule(start=T0, duration_s=duration, warn_before_s=warn_before)
    seen = run(timer, [(o, 0) for o in offsets])
    assert len(seen.warnings) <= 1
    for at, left in seen.warnings:
        assert timer.warn_at is not None and timer.warn_at <= at < timer.deadline
        assert 0 < left <= warn_before
    # The warning goes out at the first tick in its window, if there is one.
    in_window = [T0 + timedelta(milliseconds=o) for o in offsets]
    in_window = [t for t in in_window if timer.warn_at is not None and timer.warn_at <= t < timer.deadline]
    assert [at for at, _ in seen.warnings] == in_window[:1]
    # The rooms close at the first tick at or after the deadline, however late it comes.
    late = [T0 + timedelta(milliseconds=o) for o in offsets if T0 + timedelta(milliseconds=o) >= timer.deadline]
    assert seen.closed_at == (late[0] if late else None)


@given(durations, warnings, st.lists(st.tuples(st.integers(0, 4 * 3600 * 1000), st.sampled_from([0, 0, 0, 30, 60, 600])), max_size=40))
def test_with_extensions_each_warning_comes_before_the_deadline_then_in_force_and_never_twice_for_one_end(
    duration: int, warn_before: int, steps: list[tuple[int, int]]
) -> None:
    steps = sorted(steps)
    seen = run(schedule(start=T0, duration_s=duration, warn_before_s=warn_before), steps)
    for at, left in seen.warnings:
        assert 0 < left <= warn_before
    # Two warnings only with an extension between them that moved the end past the first warning's window.
    assert "warn,warn" not in ",".join(seen.log)
    if seen.closed_at is not None:
        assert seen.closed_at >= seen.timer.deadline
        assert all(at < seen.closed_at for at, _ in seen.warnings)


@given(durations, warnings, st.integers(0, 4 * 3600 * 1000), st.booleans())
def test_the_coarse_query_never_misses_what_is_due(duration: int, warn_before: int, offset_ms: int, was_warned: bool) -> None:
    timer = schedule(start=T0, duration_s=duration, warn_before_s=warn_before)
    now = T0 + timedelta(milliseconds=offset_ms)
    if was_warned and timer.warn_at is not None:
        timer = warned(timer, now=timer.warn_at)
    if due(timer, now=now) is not None:
        assert could_be_due(timer, now=now)


def test_a_restart_after_the_deadline_closes_without_a_late_warning() -> None:
    timer = schedule(start=T0, duration_s=600, warn_before_s=60)
    assert due(timer, now=T0 + timedelta(seconds=539)) is None
    assert due(timer, now=T0 + timedelta(seconds=540)) == Due.warn
    assert due(timer, now=T0 + timedelta(seconds=3600)) == Due.close


def test_an_extension_after_the_warning_warns_again_before_the_new_end() -> None:
    timer = warned(schedule(start=T0, duration_s=600, warn_before_s=60), now=T0 + timedelta(seconds=545))
    later = extend(timer, seconds=300, now=T0 + timedelta(seconds=550))
    assert later.deadline == T0 + timedelta(seconds=900)
    assert later.warned_at is None
    assert due(later, now=T0 + timedelta(seconds=839)) is None
    assert due(later, now=T0 + timedelta(seconds=840)) == Due.warn
    # A short extension that leaves the new warning time already past keeps the warning already given.
    short = extend(timer, seconds=10, now=T0 + timedelta(seconds=555))
    assert short.warned_at == timer.warned_at
    assert due(short, now=T0 + timedelta(seconds=556)) is None
