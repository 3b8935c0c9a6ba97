"""The raise-hand queue rule: who is next, and when a disconnected person loses their place."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar


@dataclass(frozen=True)
class QueuedHand:
    participant_id: str
    # Strictly increasing in the order hands were raised.
    seq: int
    has_spoken: bool
    offline_since: datetime | None = None


H = TypeVar("H", bound=QueuedHand)


def order(hands: Iterable[H], *, fairness: bool) -> list[H]:
    """First come, first served; with fairness, people who have not yet spoken go ahead of those who have."""
    if fairness:
        return sorted(hands, key=lambda h: (h.has_spoken, h.seq))
    return sorted(hands, key=lambda h: h.seq)


def next_in_line(hands: Iterable[H], *, fairness: bool) -> H | None:
    ordered = order(hands, fairness=fairness)
    return ordered[0] if ordered else None


def position(hands: Sequence[QueuedHand], participant_id: str, *, fairness: bool) -> int | None:
    """1-based place in the queue, or None without a raised hand."""
    for index, hand in enumerate(order(hands, fairness=fairness), start=1):
        if hand.participant_id == participant_id:
            return index
    return None


def grace_expired(hand: QueuedHand, *, now: datetime, grace_seconds: int) -> bool:
    """A hand is kept while its owner is connected, and for the grace period after they drop off."""
    if hand.offline_since is None:
        return False
    return now - hand.offline_since >= timedelta(seconds=grace_seconds)
