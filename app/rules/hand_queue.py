"""The raise-hand queue rule: who is next under the rule the group chose, why, and when a disconnected
person loses their place.

The rules and what they promise (tests/rules/test_hand_queue.py checks each by simulation):
- `first_come`: by the time the hand went up. Nobody raised later goes ahead.
- `fairness`: those who have not spoken yet go first, then by time. A hand is overtaken only by people
  who have never spoken: at most N-1 of them in a meeting of N, once each.
- `least_time`: least total speaking time first, then by time. Someone overtakes a waiting hand only while
  they have spoken less than its owner: before a hand is reached the others speak at most
  (N-1) × (its owner's total + the longest single turn), however often they raise again.
- `other_organisation`: by time, except that the next speaker is not from the organisation of the one
  before while someone from another organisation waits. A hand raised later goes ahead of a waiting hand
  only directly after a speaker of that hand's own organisation, and never twice in a row: at most
  2(N-1)+1 others get the floor before it.

Whatever the rule, a person whose role is not queued (a network group conference's focal person, the centre
of the meeting) does not wait in line: their raised hand comes first, by time among such people, and the rule
orders everyone else behind them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar


class HandRule(StrEnum):
    first_come = "first_come"
    fairness = "fairness"
    least_time = "least_time"
    other_organisation = "other_organisation"


class PlaceReason(StrEnum):
    """Why someone is ahead of a person who raised their hand before them."""

    first_time = "first_time"
    spoken_least = "spoken_least"
    other_organisation = "other_organisation"
    # Their role is not queued (the person the meeting is about): they do not wait in line.
    not_queued = "not_queued"


@dataclass(frozen=True)
class QueuedHand:
    participant_id: str
    # Strictly increasing in the order hands were raised.
    seq: int
    has_spoken: bool
    offline_since: datetime | None = None
    spoken_seconds: float = 0.0
    organisation: str | None = None
    # The person's role is not queued: the hand goes ahead of the rule.
    not_queued: bool = False


H = TypeVar("H", bound=QueuedHand)


def same_organisation(a: str | None, b: str | None) -> bool:
    """Organisations are compared as people type them, ignoring case and spaces; none given is nobody's."""
    if not a or not b or not a.strip() or not b.strip():
        return False
    return a.strip().casefold() == b.strip().casefold()


def order(hands: Iterable[H], *, rule: HandRule, last_organisation: str | None = None) -> list[H]:
    """The queue under `rule`; `last_organisation` is the organisation of whoever spoke last."""
    every = sorted(hands, key=lambda h: h.seq)
    first = [h for h in every if h.not_queued]
    return first + _by_rule([h for h in every if not h.not_queued], rule=rule, last_organisation=last_organisation)


def _by_rule(by_time: list[H], *, rule: HandRule, last_organisation: str | None) -> list[H]:
    if rule == HandRule.fairness:
        return sorted(by_time, key=lambda h: h.has_spoken)
    if rule == HandRule.least_time:
        return sorted(by_time, key=lambda h: h.spoken_seconds)
    if rule == HandRule.other_organisation:
        ordered: list[H] = []
        previous = last_organisation
        while by_time:
            chosen = next((h for h in by_time if not same_organisation(h.organisation, previous)), by_time[0])
            by_time.remove(chosen)
            ordered.append(chosen)
            previous = chosen.organisation
        return ordered
    return by_time


def reasons(ordered: Sequence[QueuedHand], *, rule: HandRule) -> list[PlaceReason | None]:
    """For each place in an ordered queue: why the person is ahead of someone who raised a hand before
    them, or None when their place is simply their turn in time."""
    # One pass from the back: the smallest seq behind each place (a queue of a thousand stays linear).
    earliest_behind: list[float] = [float("inf")] * len(ordered)
    for index in range(len(ordered) - 2, -1, -1):
        earliest_behind[index] = min(earliest_behind[index + 1], ordered[index + 1].seq)
    found: list[PlaceReason | None] = []
    for index, hand in enumerate(ordered):
        overtook = earliest_behind[index] < hand.seq
        if overtook and hand.not_queued:
            found.append(PlaceReason.not_queued)
        elif not overtook or rule == HandRule.first_come:
            found.append(None)
        elif rule == HandRule.fairness or (rule == HandRule.least_time and not hand.has_spoken):
            found.append(PlaceReason.first_time)
        elif rule == HandRule.least_time:
            found.append(PlaceReason.spoken_least)
        else:
            found.append(PlaceReason.other_organisation)
    return found


def next_in_line(hands: Iterable[H], *, rule: HandRule, last_organisation: str | None = None) -> H | None:
    ordered = order(hands, rule=rule, last_organisation=last_organisation)
    return ordered[0] if ordered else None


def position(hands: Sequence[QueuedHand], participant_id: str, *, rule: HandRule, last_organisation: str | None = None) -> int | None:
    """1-based place in the queue, or None without a raised hand."""
    for index, hand in enumerate(order(hands, rule=rule, last_organisation=last_organisation), start=1):
        if hand.participant_id == participant_id:
            return index
    return None


def grace_expired(hand: QueuedHand, *, now: datetime, grace_seconds: int) -> bool:
    """A hand is kept while its owner is connected, and for the grace period after they drop off."""
    if hand.offline_since is None:
        return False
    return now - hand.offline_since >= timedelta(seconds=grace_seconds)
