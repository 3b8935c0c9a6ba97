"""The queue rules on their own: stable order, each rule's order and reasons, no rule starves a raised hand,
next in line, the grace period."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.hand_queue import HandRule, PlaceReason, QueuedHand, grace_expired, next_in_line, order, position, reasons, same_organisation

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def rule_of(fairness: bool) -> HandRule:
    return HandRule.fairness if fairness else HandRule.first_come


@st.composite
def queues(draw: st.DrawFn) -> list[QueuedHand]:
    people = draw(st.lists(st.uuids().map(str), unique=True, max_size=30))
    seqs = draw(st.lists(st.integers(0, 10_000), unique=True, min_size=len(people), max_size=len(people)))
    spoken = draw(st.lists(st.booleans(), min_size=len(people), max_size=len(people)))
    return [QueuedHand(p, s, h) for p, s, h in zip(people, seqs, spoken, strict=True)]


@given(queues(), st.booleans())
def test_the_queue_holds_every_raised_hand_once(hands: list[QueuedHand], fairness: bool) -> None:
    ordered = order(hands, rule=rule_of(fairness))
    assert sorted(h.participant_id for h in ordered) == sorted(h.participant_id for h in hands)


@given(queues())
def test_first_come_first_served_without_fairness(hands: list[QueuedHand]) -> None:
    assert [h.seq for h in order(hands, rule=HandRule.first_come)] == sorted(h.seq for h in hands)


@given(queues())
def test_with_fairness_nobody_who_spoke_goes_before_someone_who_has_not(hands: list[QueuedHand]) -> None:
    ordered = order(hands, rule=HandRule.fairness)
    spoken_flags = [h.has_spoken for h in ordered]
    assert spoken_flags == sorted(spoken_flags)  # all False first, then all True
    for group in (False, True):
        seqs = [h.seq for h in ordered if h.has_spoken is group]
        assert seqs == sorted(seqs)  # first come, first served within each group


@given(queues(), st.booleans(), st.data())
def test_order_is_stable_when_someone_else_raises_a_later_hand(hands: list[QueuedHand], fairness: bool, data: st.DataObject) -> None:
    before = [h.participant_id for h in order(hands, rule=rule_of(fairness))]
    latest = max((h.seq for h in hands), default=0) + 1
    newcomer = QueuedHand("newcomer", latest, data.draw(st.booleans()))
    after = [h.participant_id for h in order([*hands, newcomer], rule=rule_of(fairness))]
    assert [p for p in after if p != "newcomer"] == before


@given(queues(), st.booleans())
def test_next_in_line_is_first_in_the_queue(hands: list[QueuedHand], fairness: bool) -> None:
    first = next_in_line(hands, rule=rule_of(fairness))
    if not hands:
        assert first is None
    else:
        assert first is not None and position(hands, first.participant_id, rule=rule_of(fairness)) == 1


def test_fairness_example_from_a_session() -> None:
    anna = QueuedHand("anna", 10, has_spoken=True)
    bo = QueuedHand("bo", 5, has_spoken=False)
    carla = QueuedHand("carla", 12, has_spoken=False)
    assert [h.participant_id for h in order([anna, bo, carla], rule=HandRule.fairness)] == ["bo", "carla", "anna"]
    assert [h.participant_id for h in order([anna, bo, carla], rule=HandRule.first_come)] == ["bo", "anna", "carla"]


@given(st.integers(0, 600), st.integers(0, 1200))
def test_a_hand_is_kept_exactly_for_the_grace_period(grace: int, seconds_away: int) -> None:
    hand = QueuedHand("p", 1, False, offline_since=T0)
    assert grace_expired(hand, now=T0 + timedelta(seconds=seconds_away), grace_seconds=grace) == (seconds_away >= grace)


def test_a_connected_person_never_loses_their_place() -> None:
    assert not grace_expired(QueuedHand("p", 1, False, offline_since=None), now=T0 + timedelta(days=1), grace_seconds=0)


# The rules the group may choose ---------------------------------------------------------------------

ORGS = ["Barnahus", "barnahus ", "Red Cross", None, ""]


@st.composite
def rich_queues(draw: st.DrawFn) -> list[QueuedHand]:
    hands = draw(queues())
    return [
        QueuedHand(h.participant_id, h.seq, draw(st.booleans()), None, draw(st.integers(0, 600)) * 1.0, draw(st.sampled_from(ORGS)))
        for h in hands
    ]


@given(rich_queues(), st.sampled_from(list(HandRule)), st.sampled_from(ORGS))
def test_every_rule_keeps_every_hand_once_and_names_a_reason_only_for_who_went_ahead(hands: list[QueuedHand], rule: HandRule, last: str | None) -> None:
    ordered = order(hands, rule=rule, last_organisation=last)
    assert sorted(h.participant_id for h in ordered) == sorted(h.participant_id for h in hands)
    for index, (hand, reason) in enumerate(zip(ordered, reasons(ordered, rule=rule), strict=True)):
        went_ahead = any(other.seq < hand.seq for other in ordered[index + 1 :])
        assert (reason is not None) == (went_ahead and rule != HandRule.first_come)


@given(rich_queues())
def test_least_time_puts_who_has_spoken_least_first(hands: list[QueuedHand]) -> None:
    ordered = order(hands, rule=HandRule.least_time)
    assert [h.spoken_seconds for h in ordered] == sorted(h.spoken_seconds for h in hands)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a.spoken_seconds < b.spoken_seconds or a.seq < b.seq


@given(rich_queues(), st.sampled_from(ORGS))
def test_no_two_in_a_row_from_one_organisation_while_another_waits(hands: list[QueuedHand], last: str | None) -> None:
    ordered = order(hands, rule=HandRule.other_organisation, last_organisation=last)
    previous = last
    for index, hand in enumerate(ordered):
        if same_organisation(hand.organisation, previous):
            # Only when everyone still waiting is from that organisation too.
            assert all(same_organisation(h.organisation, previous) for h in ordered[index:])
        previous = hand.organisation


def test_reasons_as_people_read_them() -> None:
    anna = QueuedHand("anna", 1, has_spoken=True, spoken_seconds=300, organisation="Barnahus")
    bo = QueuedHand("bo", 2, has_spoken=True, spoken_seconds=20, organisation="Barnahus")
    cai = QueuedHand("cai", 3, has_spoken=False, spoken_seconds=0, organisation="Red Cross")
    least = order([anna, bo, cai], rule=HandRule.least_time)
    assert [(h.participant_id, r) for h, r in zip(least, reasons(least, rule=HandRule.least_time), strict=True)] == [
        ("cai", PlaceReason.first_time), ("bo", PlaceReason.spoken_least), ("anna", None)
    ]
    other = order([anna, bo, cai], rule=HandRule.other_organisation, last_organisation="barnahus")
    assert [(h.participant_id, r) for h, r in zip(other, reasons(other, rule=HandRule.other_organisation), strict=True)] == [
        ("cai", PlaceReason.other_organisation), ("anna", None), ("bo", None)
    ]


# No rule starves a raised hand -----------------------------------------------------------------------


@st.composite
def meetings(draw: st.DrawFn) -> tuple[int, list[str | None], list[tuple[str, int, float]]]:
    """N people with organisations, and a run of steps: someone raises (if their hand is down) or the next
    speaker gets the floor and speaks for a while (1 s to 10 min)."""
    n = draw(st.integers(2, 7))
    orgs = draw(st.lists(st.sampled_from(["Barnahus", "Red Cross", None]), min_size=n, max_size=n))
    steps = draw(st.lists(st.tuples(st.sampled_from(["raise", "floor"]), st.integers(0, n - 1), st.floats(1, 600)), max_size=40))
    return n, orgs, steps


@settings(max_examples=400)
@given(meetings(), st.sampled_from(list(HandRule)), st.integers(0, 6), st.integers(0, 39))
def test_every_raised_hand_is_reached_within_the_rules_bound(
    meeting: tuple[int, list[str | None], list[tuple[str, int, float]]], rule: HandRule, target: int, raise_at: int
) -> None:
    n, orgs, steps = meeting
    target %= n
    spoken = [0.0] * n
    turns = [0] * n
    raised: dict[int, int] = {}
    seq = 0
    last_org: str | None = None
    longest = 0.0
    waiting_since: int | None = None
    others_given = 0
    others_spoke = 0.0
    target_total_at_raise = 0.0

    def queued() -> list[QueuedHand]:
        return [QueuedHand(str(p), s, turns[p] > 0, None, spoken[p], orgs[p]) for p, s in raised.items()]

    def give(seconds: float) -> bool:
        """The next speaker takes the floor; True when it was the target."""
        nonlocal last_org, longest, others_given, others_spoke
        chosen = next_in_line(queued(), rule=rule, last_organisation=last_org)
        assert chosen is not None
        person = int(chosen.participant_id)
        del raised[person]
        spoken[person] += seconds
        turns[person] += 1
        longest = max(longest, seconds)
        last_org = orgs[person]
        if person == target:
            return True
        if waiting_since is not None:
            others_given += 1
            others_spoke += seconds
        return False

    def raise_hand(person: int) -> None:
        nonlocal seq, waiting_since, target_total_at_raise
        if person in raised:
            return
        seq += 1
        raised[person] = seq
        if person == target:
            waiting_since, target_total_at_raise = seq, spoken[target]

    reached = False
    for index, (action, person, seconds) in enumerate(steps):
        if index == raise_at:
            raise_hand(target)
        if action == "raise":
            raise_hand(person)
        elif raised and give(seconds) and waiting_since is not None:
            reached = True
            break
    # Then nobody raises again: the queue drains, and the target is reached.
    raise_hand(target)
    while not reached:
        reached = give(1.0)
    if rule == HandRule.first_come:
        assert others_given <= n - 1
    elif rule == HandRule.fairness:
        assert others_given <= n - 1
    elif rule == HandRule.other_organisation:
        assert others_given <= 2 * (n - 1) + 1
    else:
        assert others_spoke <= (n - 1) * (target_total_at_raise + longest) + 1e-6


def test_under_other_organisation_someone_raised_later_may_go_ahead_twice_but_never_twice_in_a_row() -> None:
    """Why the bound is 2(N-1)+1 and not N-1: after each speaker of Hanna's organisation, Yusuf from another
    one goes ahead of her; between two of those someone who raised before her spoke."""
    erik = QueuedHand("erik", 1, True, organisation="Barnahus")
    hanna = QueuedHand("hanna", 2, True, organisation="Barnahus")
    yusuf = QueuedHand("yusuf", 3, True, organisation="Red Cross")
    assert next_in_line([erik, hanna, yusuf], rule=HandRule.other_organisation, last_organisation="Barnahus") == yusuf
    assert next_in_line([erik, hanna], rule=HandRule.other_organisation, last_organisation="Red Cross") == erik
    yusuf_again = QueuedHand("yusuf", 4, True, organisation="Red Cross")
    assert next_in_line([hanna, yusuf_again], rule=HandRule.other_organisation, last_organisation="Barnahus") == yusuf_again
    assert next_in_line([hanna], rule=HandRule.other_organisation, last_organisation="Red Cross") == hanna


@st.composite
def queues_with_focal_people(draw: st.DrawFn) -> list[QueuedHand]:
    hands = draw(queues())
    flags = draw(st.lists(st.booleans(), min_size=len(hands), max_size=len(hands)))
    return [QueuedHand(h.participant_id, h.seq, h.has_spoken, organisation=h.organisation, not_queued=f) for h, f in zip(hands, flags, strict=True)]


@given(queues_with_focal_people(), st.sampled_from(list(HandRule)))
def test_a_person_who_is_not_queued_never_waits_behind_the_others(hands: list[QueuedHand], rule: HandRule) -> None:
    ordered = order(hands, rule=rule)
    flags = [not h.not_queued for h in ordered]
    assert flags == sorted(flags)  # every not-queued hand first
    assert [h.seq for h in ordered if h.not_queued] == sorted(h.seq for h in hands if h.not_queued)
    # Behind them, the others keep the order the rule gives them on their own.
    others = [h for h in hands if not h.not_queued]
    assert [h.participant_id for h in ordered if not h.not_queued] == [h.participant_id for h in order(others, rule=rule)]
    for hand, reason in zip(ordered, reasons(ordered, rule=rule), strict=True):
        if hand.not_queued:
            assert reason in (None, PlaceReason.not_queued)
        else:
            assert reason != PlaceReason.not_queued
