"""0–10 scaling: the spread everyone sees once a scale is revealed, and when it may be revealed.

A scale's answers are secret: nobody learns who gave which number. With one or two answers the spread itself
would give people away (the other person knows their own), so a reveal needs at least `MIN_TO_REVEAL` answers.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

LOWEST, HIGHEST = 0, 10
MIN_TO_REVEAL = 3


@dataclass(frozen=True)
class Spread:
    # How many gave each value, index 0 to 10.
    counts: tuple[int, ...]
    median: float
    answered: int


def in_range(value: int) -> bool:
    return LOWEST <= value <= HIGHEST


def may_reveal(answered: int) -> bool:
    return answered >= MIN_TO_REVEAL


def spread(values: Sequence[int]) -> Spread:
    """The count per value and the median of the answers (at least one)."""
    if not values:
        raise ValueError("no answers to spread")
    if not all(in_range(v) for v in values):
        raise ValueError("answers are 0 to 10")
    counts = [0] * (HIGHEST - LOWEST + 1)
    for value in values:
        counts[value - LOWEST] += 1
    return Spread(tuple(counts), float(median(values)), len(values))
