"""The room assignment rule on its own: everyone in exactly one room, even rooms, the moderator's choice kept."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.room_assignment import MAX_ROOMS, InvalidRooms, Mode, RoomRequest, deal, plan

people_lists = st.lists(st.uuids().map(str), unique=True, max_size=120)
room_counts = st.integers(1, MAX_ROOMS)
seeds = st.integers(0, 2**64 - 1)


@given(people_lists, room_counts, seeds)
def test_random_puts_every_participant_in_exactly_one_room(people: list[str], rooms: int, seed: int) -> None:
    placed = plan(mode=Mode.random, count=rooms, rooms=None, eligible=people, seed=seed).placed
    assert sorted(placed) == sorted(people)
    assert all(0 <= index < rooms for index in placed.values())


@given(people_lists, room_counts, seeds)
def test_random_rooms_differ_in_size_by_one_at_most(people: list[str], rooms: int, seed: int) -> None:
    sizes = Counter(deal(people, rooms=rooms, seed=seed).values())
    every = [sizes.get(index, 0) for index in range(rooms)]
    assert max(every) - min(every) <= 1


@given(people_lists, room_counts, seeds)
def test_the_same_seed_deals_the_same_rooms(people: list[str], rooms: int, seed: int) -> None:
    assert deal(people, rooms=rooms, seed=seed) == deal(list(people), rooms=rooms, seed=seed)


def test_different_seeds_deal_differently() -> None:
    people = [f"p{i}" for i in range(20)]
    deals = {tuple(sorted(deal(people, rooms=4, seed=seed).items())) for seed in range(20)}
    assert len(deals) > 1


@given(st.lists(st.lists(st.uuids().map(str), unique=True, max_size=8), min_size=1, max_size=MAX_ROOMS), st.data())
def test_manual_keeps_the_moderators_rooms_as_given(members: list[list[str]], data: st.DataObject) -> None:
    everyone = [p for room in members for p in room]
    if len(everyone) != len(set(everyone)):
        with pytest.raises(InvalidRooms, match="two rooms"):
            plan(mode=Mode.manual, count=None, rooms=[RoomRequest(None, m) for m in members], eligible=[], seed=0)
        return
    names = data.draw(st.lists(st.none() | st.text(max_size=10), min_size=len(members), max_size=len(members)))
    result = plan(mode=None, count=None, rooms=[RoomRequest(n, m) for n, m in zip(names, members, strict=True)], eligible=["someone"], seed=0)
    assert result.mode == Mode.manual
    assert result.names == names
    assert result.placed == {p: index for index, room in enumerate(members) for p in room}


@given(st.integers(1, MAX_ROOMS), people_lists)
def test_choose_opens_empty_rooms(rooms: int, people: list[str]) -> None:
    result = plan(mode=Mode.choose, count=rooms, rooms=None, eligible=people, seed=0)
    assert result.names == [None] * rooms
    assert result.placed == {}


@pytest.mark.parametrize(
    ("mode", "count", "rooms", "message"),
    [
        (Mode.manual, None, None, "Name the rooms"),
        (Mode.manual, 3, [RoomRequest("A", ["x"])], "count and the number of rooms differ"),
        (Mode.random, None, [RoomRequest("A", ["x"])], "named but not filled"),
        (Mode.random, None, None, "how many rooms"),
        (Mode.choose, 2, [RoomRequest("A")], "count and the number of rooms differ"),
        (Mode.random, MAX_ROOMS + 1, None, f"between 1 and {MAX_ROOMS}"),
        (None, None, [RoomRequest(None)] * (MAX_ROOMS + 1), f"between 1 and {MAX_ROOMS}"),
    ],
)
def test_a_request_that_cannot_be_carried_out_is_refused(
    mode: Mode | None, count: int | None, rooms: list[RoomRequest] | None, message: str
) -> None:
    with pytest.raises(InvalidRooms, match=message):
        plan(mode=mode, count=count, rooms=rooms, eligible=["x"], seed=0)


def test_without_a_mode_rooms_mean_manual_and_a_count_means_random() -> None:
    named = plan(mode=None, count=None, rooms=[RoomRequest("North"), RoomRequest("South", ["c"])], eligible=["a", "b", "c"], seed=1)
    assert (named.mode, named.names, named.placed) == (Mode.manual, ["North", "South"], {"c": 1})
    counted = plan(mode=None, count=2, rooms=None, eligible=["a", "b", "c"], seed=1)
    assert counted.mode == Mode.random
    assert sorted(Counter(counted.placed.values()).values()) == [1, 2]
