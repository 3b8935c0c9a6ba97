"""A form's window and the release of anonymous answers, on their own: announced once, reminded once (never after
the deadline, never before the opening), closed once; anonymous answers appear only in batches of three or more."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.forms import catalogue
from app.forms.definition import AnswerRefused, check_answers
from app.rules.form_window import MIN_BATCH, Due, FormState, Window, due, parse_audience, release, state

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@given(
    opens=st.integers(0, 10_000),
    length=st.integers(1, 10_000),
    remind=st.one_of(st.none(), st.integers(1, 9_999)),
    ticks=st.lists(st.integers(0, 30_000), min_size=1, max_size=30),
)
def test_each_action_happens_once_in_its_window(opens: int, length: int, remind: int | None, ticks: list[int]) -> None:
    window = Window(T0 + timedelta(seconds=opens), T0 + timedelta(seconds=opens + length),
                    None if remind is None or remind >= length else T0 + timedelta(seconds=opens + remind))
    done: list[tuple[Due, datetime]] = []
    for offset in sorted(ticks):
        now = T0 + timedelta(seconds=offset)
        for action in due(window, now=now):
            done.append((action, now))
            if action == Due.close:
                window = Window(window.opens_at, window.deadline, window.reminder_at, now, window.opened_notified_at, window.reminded_at)
            elif action == Due.announce:
                window = Window(window.opens_at, window.deadline, window.reminder_at, None, now, window.reminded_at)
            else:
                window = Window(window.opens_at, window.deadline, window.reminder_at, None, window.opened_notified_at, now)
    kinds = [a for a, _ in done]
    assert all(kinds.count(k) <= 1 for k in Due)
    assert window.opens_at is not None
    for action, at in done:
        if action == Due.close:
            assert at >= window.deadline
        else:
            assert window.opens_at <= at < window.deadline
        if action == Due.remind:
            assert window.reminder_at is not None and at >= window.reminder_at
            assert Due.announce in kinds[: kinds.index(Due.remind) + 1]
    if max(ticks) >= opens + length:
        assert Due.close in kinds and state(window, now=T0 + timedelta(seconds=max(ticks))) == FormState.closed


def test_a_draft_has_no_actions_until_it_opens() -> None:
    draft = Window(None, T0 + timedelta(days=2))
    assert state(draft, now=T0) == FormState.draft and due(draft, now=T0) == []
    assert due(draft, now=T0 + timedelta(days=2)) == [Due.close]


@given(arrivals=st.lists(st.booleans(), max_size=40))
def test_anonymous_answers_appear_only_in_batches_of_three_or_more(arrivals: list[bool]) -> None:
    """Each step is an answer arriving (True) or a timer tick (False); at the end the form closes."""
    waiting = released = 0
    batches = []
    for arrives in arrivals:
        if arrives:
            waiting += 1
        elif release(waiting=waiting, released=released, closed=False):
            batches.append(waiting)
            released, waiting = released + waiting, 0
    if release(waiting=waiting, released=released, closed=True):
        batches.append(waiting)
        released, waiting = released + waiting, 0
    assert all(b >= MIN_BATCH for b in batches[:-1])
    if batches:
        assert released >= MIN_BATCH
    assert released in (0, len([a for a in arrivals if a]))


def test_audiences() -> None:
    assert str(parse_audience("everyone")) == "everyone"
    assert str(parse_audience("role:lead_worker")) == "role:lead_worker"
    for bad in ("", "all", "role:", "role:Lead Worker", "person:", "everyone:x"):
        with pytest.raises(ValueError):
            parse_audience(bad)


def test_the_feedback_tool_takes_the_seeds_answers() -> None:
    feedback = catalogue.templates()["learning_feedback"].definition
    answers = {"name": " Anna ", "date": "2026-03-02", "scale": 0, "possibility": "More time."}
    assert check_answers(feedback, answers) == {"name": "Anna", "date": "2026-03-02", "scale": 0, "possibility": "More time."}
    for bad in ({**answers, "scale": 10.0}, {**answers, "name": "Anna\nB"}, {**answers, "name": ""}, {**answers, "ack_you": "\x00"}):
        with pytest.raises(AnswerRefused):
            check_answers(feedback, bad)
