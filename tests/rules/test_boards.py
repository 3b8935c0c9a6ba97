"""The boards' rules on their own: moves, merges, dot voting, the map's coverage, who still has to sign."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from app.rules.boards import (
    Coverage,
    MapCard,
    VoteRefusal,
    changed_positions,
    check_vote,
    coverage,
    joined_text,
    merged_dots,
    move,
    remaining,
    still_to_sign,
    theme_key,
)

COLUMNS = ["a", "b", "c"]


@st.composite
def boards(draw: st.DrawFn) -> dict[str, list[str]]:
    cards = draw(st.lists(st.integers(0, 99), unique=True, min_size=1, max_size=15))
    order: dict[str, list[str]] = {c: [] for c in COLUMNS}
    for card in cards:
        order[draw(st.sampled_from(COLUMNS))].append(f"c{card}")
    return order


@st.composite
def a_move(draw: st.DrawFn) -> tuple[dict[str, list[str]], str, str, int]:
    order = draw(boards())
    card = draw(st.sampled_from([c for cards in order.values() for c in cards]))
    return order, card, draw(st.sampled_from(COLUMNS)), draw(st.integers(0, 20))


@given(a_move())
def test_a_move_keeps_every_card_once_and_puts_the_card_where_asked(case: tuple[dict[str, list[str]], str, str, int]) -> None:
    order, card, column, position = case
    after = move(order, card, to_column=column, position=position)
    assert Counter(c for cards in after.values() for c in cards) == Counter(c for cards in order.values() for c in cards)
    others = len(order[column]) - (1 if card in order[column] else 0)
    assert after[column].index(card) == min(position, others)


@given(a_move())
def test_a_move_keeps_the_relative_order_of_every_other_card(case: tuple[dict[str, list[str]], str, str, int]) -> None:
    order, card, column, position = case
    after = move(order, card, to_column=column, position=position)
    for name in COLUMNS:
        assert [c for c in after[name] if c != card] == [c for c in order[name] if c != card]


@given(a_move())
def test_changed_positions_are_exactly_the_cards_whose_place_differs(case: tuple[dict[str, list[str]], str, str, int]) -> None:
    order, card, column, position = case
    after = move(order, card, to_column=column, position=position)
    changed = changed_positions(order, after)
    replayed = {c: (col, i) for col, cards in order.items() for i, c in enumerate(cards)}
    for c, col, i in changed:
        replayed[c] = (col, i)
    assert replayed == {c: (col, i) for col, cards in after.items() for i, c in enumerate(cards)}
    if not changed:
        assert after == order


def test_moving_a_card_down_by_one_and_to_another_column() -> None:
    order = {"a": ["x", "y", "z"], "b": ["w"]}
    assert move(order, "x", to_column="a", position=1) == {"a": ["y", "x", "z"], "b": ["w"]}
    assert move(order, "y", to_column="b", position=0) == {"a": ["x", "z"], "b": ["y", "w"]}
    assert move(order, "y", to_column="b", position=99) == {"a": ["x", "z"], "b": ["w", "y"]}


dots = st.dictionaries(st.sampled_from(["p1", "p2", "p3", "p4"]), st.integers(1, 5), max_size=4)


@given(dots, dots)
def test_a_merge_adds_everyones_dots_and_loses_none(kept: dict[str, int], merged: dict[str, int]) -> None:
    total = merged_dots(kept, merged)
    assert sum(total.values()) == sum(kept.values()) + sum(merged.values())
    assert set(total) == set(kept) | set(merged)
    for person in total:
        assert total[person] == kept.get(person, 0) + merged.get(person, 0)


@given(st.text(max_size=50), st.text(max_size=50))
def test_a_merged_text_holds_both_texts_the_kept_one_first(kept: str, merged: str) -> None:
    text = joined_text(kept, merged)
    assert text.startswith(kept.strip())
    assert merged.strip() in text


@st.composite
def ballots(draw: st.DrawFn) -> tuple[int, int, list[tuple[bool, int]]]:
    budget, per_card = draw(st.integers(1, 6)), draw(st.integers(1, 4))
    actions = draw(st.lists(st.tuples(st.booleans(), st.integers(0, 4)), max_size=40))
    return budget, per_card, actions


@given(ballots())
def test_dot_voting_never_exceeds_the_budget_or_the_per_card_limit(ballot: tuple[int, int, list[tuple[bool, int]]]) -> None:
    """A person places and takes back dots on five cards in any order: the rule keeps both limits."""
    budget, per_card, actions = ballot
    mine = [0] * 5
    for place, card in actions:
        if place:
            refusal = check_vote(on_board=sum(mine), on_card=mine[card], budget=budget, per_card=per_card)
            if refusal is None:
                mine[card] += 1
            else:
                assert (refusal == VoteRefusal.budget_spent) == (sum(mine) >= budget)
                assert refusal == VoteRefusal.budget_spent or mine[card] >= per_card
        elif mine[card]:
            mine[card] -= 1
        assert sum(mine) <= budget and max(mine) <= per_card
        assert remaining(budget=budget, placed=mine) == budget - sum(mine)


orgs = st.sampled_from(["Red Cross", "red cross ", "City Council", "Refugee Council", None])
themes = st.sampled_from(["Housing", "housing", " Legal advice", "Legal  advice", "Health", None])


@given(st.lists(st.builds(MapCard, themes, orgs, st.booleans()), max_size=20))
def test_the_map_marks_overlap_single_and_gap_by_the_organisations_covering_each_theme(cards: list[MapCard]) -> None:
    rows = coverage(cards)
    assert len({theme_key(r.theme) for r in rows}) == len(rows)
    assert {theme_key(r.theme) for r in rows} == {theme_key(c.theme) for c in cards if c.theme and c.theme.strip()}
    for row in rows:
        covering = {
            " ".join(c.organisation.split()).casefold()
            for c in cards
            if c.theme and theme_key(c.theme) == theme_key(row.theme) and c.organisation and c.offered
        }
        assert len(row.organisations) == len(covering)
        expected = Coverage.overlap if len(covering) >= 2 else Coverage.single if covering else Coverage.gap
        assert row.coverage == expected


def test_a_theme_named_only_by_a_need_without_an_organisation_is_a_gap() -> None:
    rows = coverage([
        MapCard("Housing", "Red Cross"), MapCard("housing", "City Council"), MapCard("Legal advice", None), MapCard("Health", "Red Cross"),
        # A need written by an organisation does not make it a provider.
        MapCard("Interpreting", "Red Cross", offered=False),
    ])
    assert [(r.theme, r.coverage) for r in rows] == [
        ("Health", Coverage.single), ("Housing", Coverage.overlap), ("Interpreting", Coverage.gap), ("Legal advice", Coverage.gap)
    ]


@given(st.lists(st.sampled_from("abcdef"), unique=True), st.lists(st.sampled_from("abcdefgh"), unique=True))
def test_still_to_sign_is_everyone_asked_who_has_not_signed_in_order(expected: list[str], signed: list[str]) -> None:
    left = still_to_sign(expected, signed)
    assert left == [p for p in expected if p not in signed]
