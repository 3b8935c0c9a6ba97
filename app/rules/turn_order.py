"""The turn order of a turn-taking stage: who takes a turn, in which order, and with which question.

Keynotes (Ask the audience) are the keynote speakers: those marked as such and those who wrote a keynote
question, the latter first in the order of their first keynote question. The concluding tour is everyone
else. Rounds (Tour de table) are everyone. Outside the keynotes, people with a question go first, in the
order of their first question; the others keep the order in which they joined.

Once a stage has been entered its order is stored; late joiners are added at the end (`plan`).
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class TurnStage(StrEnum):
    keynotes = "keynotes"
    concluding_tour = "concluding_tour"
    rounds = "rounds"


@dataclass(frozen=True)
class Person:
    """A participant (not a moderator) still in the meeting."""

    participant_id: str
    # Marked by the moderator as a keynote speaker.
    keynote: bool


@dataclass(frozen=True)
class AskedQuestion:
    """A question someone wrote that is still in play (not dismissed)."""

    question_id: str
    author_id: str
    # The question's place in the meeting's question list: lower comes first.
    position: int
    keynote: bool


@dataclass(frozen=True)
class StoredTurn:
    participant_id: str
    # Not yet taken or passed.
    pending: bool


def _first(questions: Iterable[AskedQuestion], *, keynote_only: bool) -> dict[str, int]:
    """author → position of their first question (of their first keynote question with keynote_only)."""
    first: dict[str, int] = {}
    for q in questions:
        if keynote_only and not q.keynote:
            continue
        if q.author_id not in first or q.position < first[q.author_id]:
            first[q.author_id] = q.position
    return first


def order(people: Sequence[Person], questions: Iterable[AskedQuestion], *, stage: TurnStage) -> list[str]:
    """The default order of a stage, as participant ids. `people` are in the order in which they joined."""
    questions = list(questions)
    first_keynote = _first(questions, keynote_only=True)
    if stage == TurnStage.keynotes:
        speakers = [p for p in people if p.keynote or p.participant_id in first_keynote]
        # sorted() is stable: marked speakers without a keynote question keep their join order, after the others.
        speakers.sort(key=lambda p: (p.participant_id not in first_keynote, first_keynote.get(p.participant_id, 0)))
        return [p.participant_id for p in speakers]
    if stage == TurnStage.concluding_tour:
        people = [p for p in people if not p.keynote and p.participant_id not in first_keynote]
    first_question = _first(questions, keynote_only=False)
    ordered = sorted(people, key=lambda p: (p.participant_id not in first_question, first_question.get(p.participant_id, 0)))
    return [p.participant_id for p in ordered]


def question_for(questions: Iterable[AskedQuestion], *, stage: TurnStage) -> AskedQuestion | None:
    """Of one person's open questions, the one that comes to the table with their turn.

    In the keynotes their keynote question is preferred; otherwise, and among equals, the first in the list.
    """
    prefer_keynote = stage == TurnStage.keynotes
    return min(questions, key=lambda q: (prefer_keynote and not q.keynote, q.position), default=None)


def plan(stored: Sequence[StoredTurn], eligible: Sequence[str], *, gone: Collection[str]) -> list[tuple[str, int | None]]:
    """The turn order as it stands: (participant id, index of their stored turn or None for a new place).

    The stored turns keep their order; a person who left the meeting before their turn drops out (one
    whose turn was taken or passed stays, as history). Eligible people without a stored turn (late
    joiners) follow in the default order.
    """
    placed: list[tuple[str, int | None]] = [
        (turn.participant_id, index) for index, turn in enumerate(stored) if not (turn.participant_id in gone and turn.pending)
    ]
    listed = {turn.participant_id for turn in stored}
    placed.extend((person, None) for person in eligible if person not in listed and person not in gone)
    return placed
