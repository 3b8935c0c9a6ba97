"""Capture boards as rules: the order of cards in columns, merging, dot voting, the map's overlaps and gaps,
and who still has to sign a plan. Pure: no I/O, no clock (tests/rules/test_boards.py holds the properties).

Decisions written down here (docs/protocol.md, "Boards", repeats them for clients):
- A column's order is a list of card ids; a card moved to position p lands at index min(p, len) of its new
  column, everything else keeps its relative order.
- Merging joins the texts (the kept card's first), sums the dots person by person, and the kept card stays
  where it is. A merged person's dots may exceed `per_card` on the kept card: the group merged, nobody
  voted twice, and their total (the budget) does not change.
- Dot voting: a person's dots on a board total at most `budget`, and at most `per_card` on one card.
- The map: its first column holds services (a card there is its author's organisation offering something
  under a theme); its other columns name needs. A theme offered by two or more organisations is an
  overlap; by exactly one, single; by none (only needs name it, or cards without an organisation) a gap.
- The plan: everyone present whose role has `sign_plan` (moderators facilitate and are not asked)
  still has to sign until they have.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

Order = Mapping[str, Sequence[str]]


def move(order: Order, card_id: str, *, to_column: str, position: int) -> dict[str, list[str]]:
    """The columns' orders after moving `card_id` to `position` (0 = top) of `to_column`."""
    if position < 0:
        raise ValueError("a position is 0 or more")
    result = {column: [c for c in cards if c != card_id] for column, cards in order.items()}
    if not any(card_id in cards for cards in order.values()):
        raise ValueError(f"card {card_id!r} is in no column")
    target = result.setdefault(to_column, [])
    target.insert(min(position, len(target)), card_id)
    return result


def changed_positions(before: Order, after: Order) -> list[tuple[str, str, int]]:
    """(card, column, position) for every card whose column or position differs between two orders."""
    old = {card: (column, index) for column, cards in before.items() for index, card in enumerate(cards)}
    return [
        (card, column, index)
        for column, cards in after.items()
        for index, card in enumerate(cards)
        if old.get(card) != (column, index)
    ]


def joined_text(kept: str, merged: str) -> str:
    """The kept card's text, then the merged one's, as two paragraphs (one kept when they are the same)."""
    kept, merged = kept.strip(), merged.strip()
    if not merged or merged == kept:
        return kept
    return f"{kept}\n\n{merged}"


def merged_dots(kept: Mapping[str, int], merged: Mapping[str, int]) -> dict[str, int]:
    """Dots per person on the kept card after a merge: each person's dots on both, added."""
    total = Counter(kept)
    total.update(merged)
    return {person: dots for person, dots in total.items() if dots > 0}


class VoteRefusal(StrEnum):
    budget_spent = "budget_spent"
    card_limit = "card_limit"


def check_vote(*, on_board: int, on_card: int, budget: int, per_card: int) -> VoteRefusal | None:
    """Whether one more dot may be placed by someone with `on_board` dots on the board, `on_card` on this card."""
    if on_board >= budget:
        return VoteRefusal.budget_spent
    if on_card >= per_card:
        return VoteRefusal.card_limit
    return None


def remaining(*, budget: int, placed: Iterable[int]) -> int:
    return max(0, budget - sum(placed))


class Coverage(StrEnum):
    overlap = "overlap"
    single = "single"
    gap = "gap"


@dataclass(frozen=True)
class MapCard:
    theme: str | None
    # The organisation of the card's author (none: anonymous, or an author without one).
    organisation: str | None
    # In the map's first column (a service offered), not a need.
    offered: bool = True


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    organisations: tuple[str, ...]
    coverage: Coverage


def theme_key(theme: str) -> str:
    """Themes are compared as people read them: case and surrounding spaces do not make another theme."""
    return " ".join(theme.split()).casefold()


def organisation_key(organisation: str) -> str:
    return " ".join(organisation.split()).casefold()


def coverage(cards: Iterable[MapCard]) -> list[ThemeRow]:
    """Each theme on the board (as first written), the organisations covering it, and its coverage, by theme."""
    names: dict[str, str] = {}
    orgs: dict[str, dict[str, str]] = {}
    for card in cards:
        if card.theme is None or not card.theme.strip():
            continue
        key = theme_key(card.theme)
        names.setdefault(key, " ".join(card.theme.split()))
        covering = orgs.setdefault(key, {})
        if card.offered and card.organisation and card.organisation.strip():
            covering.setdefault(organisation_key(card.organisation), " ".join(card.organisation.split()))
    rows = []
    for key in sorted(names, key=lambda k: (k, names[k])):
        providers = tuple(sorted(orgs[key].values(), key=str.casefold))
        kind = Coverage.overlap if len(providers) >= 2 else Coverage.single if providers else Coverage.gap
        rows.append(ThemeRow(names[key], providers, kind))
    return rows


def still_to_sign(expected: Iterable[str], signed: Iterable[str]) -> list[str]:
    """Who is expected to sign and has not, in the order given."""
    done = set(signed)
    return [person for person in expected if person not in done]
