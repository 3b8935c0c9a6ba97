"""Who goes to which breakout room when a breakout starts.

Three ways: the moderator names the rooms and fills them (manual); the server deals the participants
into a number of rooms at random, so that the rooms differ in size by one at most (random); or the rooms
start empty and each participant picks one (choose). Moderators are in no room; they look into any.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

MAX_ROOMS = 50


class Mode(StrEnum):
    manual = "manual"
    random = "random"
    choose = "choose"


class InvalidRooms(ValueError):
    """The request cannot be carried out; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class RoomRequest:
    """A room as the moderator asked for it: an optional name and, in manual assignment, its people."""

    name: str | None
    participant_ids: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class RoomPlan:
    mode: Mode
    # One entry per room, in order; None for a room the moderator did not name.
    names: list[str | None]
    # participant id → index of their room in `names`.
    placed: dict[str, int]


def deal(people: Sequence[str], *, rooms: int, seed: int) -> dict[str, int]:
    """Shuffle the people (the same way for the same seed) and deal them round the rooms like cards."""
    shuffled = list(people)
    random.Random(seed).shuffle(shuffled)
    return {person: index % rooms for index, person in enumerate(shuffled)}


def plan(*, mode: Mode | None, count: int | None, rooms: Sequence[RoomRequest] | None, eligible: Sequence[str], seed: int) -> RoomPlan:
    """The rooms and who is in which. `eligible` are the participants a random assignment deals out.

    Without a mode, rooms that name their people mean manual assignment, otherwise random.
    """
    mode = mode or (Mode.manual if rooms else Mode.random)
    placed: dict[str, int] = {}
    if mode == Mode.manual:
        if not rooms:
            raise InvalidRooms("Name the rooms and who goes where (rooms), or choose random or choose assignment.")
        if count is not None and count != len(rooms):
            raise InvalidRooms("count and the number of rooms differ.")
        for index, room in enumerate(rooms):
            for person in room.participant_ids:
                if person in placed:
                    raise InvalidRooms("A person is assigned to two rooms.")
                placed[person] = index
        names = [room.name for room in rooms]
    else:
        if rooms and any(room.participant_ids for room in rooms):
            raise InvalidRooms(f"With {mode} assignment the rooms are named but not filled.")
        size = count or (len(rooms) if rooms else 0)
        if not size:
            raise InvalidRooms("Say how many rooms (count).")
        names = [room.name for room in rooms] if rooms else [None] * size
        if rooms and count is not None and count != len(rooms):
            raise InvalidRooms("count and the number of rooms differ.")
    if not 1 <= len(names) <= MAX_ROOMS:
        raise InvalidRooms(f"A breakout has between 1 and {MAX_ROOMS} rooms.")
    if mode == Mode.random:
        placed = deal(eligible, rooms=len(names), seed=seed)
    return RoomPlan(mode, names, placed)
