"""The queue rule on its own: stable order, fairness, next in line, the grace period."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.rules.hand_queue import QueuedHand, grace_expired, next_in_line, order, position

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@st.composite
def queues(draw: st.DrawFn) -> list[QueuedHand]:
    people = draw(st.lists(st.uuids().map(str), unique=True, max_size=30))
    seqs = draw(st.lists(st.integers(0, 10_000), unique=True, min_size=len(people), max_size=len(people)))
    spoken = draw(st.lists(st.booleans(), min_size=len(people), max_size=len(people)))
    return [QueuedHand(p, s, h) for p, s, h in zip(people, seqs, spoken, strict=True)]


@given(queues(), st.booleans())
def test_the_queue_holds_every_raised_hand_once(hands: list[QueuedHand], fairness: bool) -> None:
    ordered = order(hands, fairness=fairness)
    assert sorted(h.participant_id for h in ordered) == sorted(h.participant_id for h in hands)


@given(queues())
def test_first_come_first_served_without_fairness(hands: list[QueuedHand]) -> None:
    assert [h.seq for h in order(hands, fairness=False)] == sorted(h.seq for h in hands)


@given(queues())
def test_with_fairness_nobody_who_spoke_goes_before_someone_who_has_not(hands: list[QueuedHand]) -> None:
    ordered = order(hands, fairness=True)
    spoken_flags = [h.has_spoken for h in ordered]
    assert spoken_flags == sorted(spoken_flags)  # all False first, then all True
    for group in (False, True):
        seqs = [h.seq for h in ordered if h.has_spoken is group]
        assert seqs == sorted(seqs)  # first come, first served within each group


@given(queues(), st.booleans(), st.data())
def test_order_is_stable_when_someone_else_raises_a_later_hand(hands: list[QueuedHand], fairness: bool, data: st.DataObject) -> None:
    before = [h.participant_id for h in order(hands, fairness=fairness)]
    latest = max((h.seq for h in hands), default=0) + 1
    newcomer = QueuedHand("newcomer", latest, data.draw(st.booleans()))
    after = [h.participant_id for h in order([*hands, newcomer], fairness=fairness)]
    assert [p for p in after if p != "newcomer"] == before


@given(queues(), st.booleans())
def test_next_in_line_is_first_in_the_queue(hands: list[QueuedHand], fairness: bool) -> None:
    first = next_in_line(hands, fairness=fairness)
    if not hands:
        assert first is None
    else:
        assert first is not None and position(hands, first.participant_id, fairness=fairness) == 1


def test_fairness_example_from_a_session() -> None:
    anna = QueuedHand("anna", 10, has_spoken=True)
    bo = QueuedHand("bo", 5, has_spoken=False)
    carla = QueuedHand("carla", 12, has_spoken=False)
    assert [h.participant_id for h in order([anna, bo, carla], fairness=True)] == ["bo", "carla", "anna"]
    assert [h.participant_id for h in order([anna, bo, carla], fairness=False)] == ["bo", "anna", "carla"]


@given(st.integers(0, 600), st.integers(0, 1200))
def test_a_hand_is_kept_exactly_for_the_grace_period(grace: int, seconds_away: int) -> None:
    hand = QueuedHand("p", 1, False, offline_since=T0)
    assert grace_expired(hand, now=T0 + timedelta(seconds=seconds_away), grace_seconds=grace) == (seconds_away >= grace)


def test_a_connected_person_never_loses_their_place() -> None:
    assert not grace_expired(QueuedHand("p", 1, False, offline_since=None), now=T0 + timedelta(days=1), grace_seconds=0)
