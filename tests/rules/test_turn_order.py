"""The turn order rule on its own: who takes a turn in each stage, in which order, with which question."""

import random

from hypothesis import given
from hypothesis import strategies as st

from app.rules.turn_order import AskedQuestion, Person, StoredTurn, TurnStage, order, plan, question_for

IDS = [f"p{i}" for i in range(12)]


@st.composite
def meetings(draw: st.DrawFn) -> tuple[list[Person], list[AskedQuestion]]:
    """People in join order, and questions (some by people no longer eligible: moderators, people who left)."""
    joined = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=10))
    people = [Person(p, draw(st.booleans())) for p in joined]
    count = draw(st.integers(0, 15))
    positions = draw(st.lists(st.integers(1, 1000), unique=True, min_size=count, max_size=count))
    questions = [
        AskedQuestion(f"q{position}", draw(st.sampled_from(IDS)), position, draw(st.booleans())) for position in positions
    ]
    return people, draw(st.permutations(questions))


def first_position(questions: list[AskedQuestion], person: str, *, keynote_only: bool = False) -> int | None:
    mine = [q.position for q in questions if q.author_id == person and (q.keynote or not keynote_only)]
    return min(mine, default=None)


def keynote_speakers(people: list[Person], questions: list[AskedQuestion]) -> set[str]:
    return {p.participant_id for p in people if p.keynote or first_position(questions, p.participant_id, keynote_only=True) is not None}


@given(meetings())
def test_in_rounds_everyone_takes_one_turn(meeting: tuple[list[Person], list[AskedQuestion]]) -> None:
    people, questions = meeting
    assert sorted(order(people, questions, stage=TurnStage.rounds)) == sorted(p.participant_id for p in people)


@given(meetings(), st.sampled_from([TurnStage.rounds, TurnStage.concluding_tour]))
def test_people_with_a_question_go_first_by_their_first_question_then_the_others_by_joining(
    meeting: tuple[list[Person], list[AskedQuestion]], stage: TurnStage
) -> None:
    people, questions = meeting
    result = order(people, questions, stage=stage)
    firsts = [first_position(questions, p) for p in result]
    with_question = [f for f in firsts if f is not None]
    assert firsts[: len(with_question)] == with_question == sorted(with_question)
    joined = [p.participant_id for p in people]
    without = [p for p, f in zip(result, firsts, strict=True) if f is None]
    assert without == [p for p in joined if p in without]


@given(meetings())
def test_the_keynotes_are_the_keynote_speakers_those_with_a_keynote_question_first(
    meeting: tuple[list[Person], list[AskedQuestion]],
) -> None:
    people, questions = meeting
    result = order(people, questions, stage=TurnStage.keynotes)
    assert len(result) == len(set(result))
    assert set(result) == keynote_speakers(people, questions)
    firsts = [first_position(questions, p, keynote_only=True) for p in result]
    with_keynote = [f for f in firsts if f is not None]
    assert firsts[: len(with_keynote)] == with_keynote == sorted(with_keynote)
    marked_only = [p for p, f in zip(result, firsts, strict=True) if f is None]
    assert marked_only == [p.participant_id for p in people if p.participant_id in marked_only]


@given(meetings())
def test_the_concluding_tour_is_everyone_but_the_keynote_speakers(meeting: tuple[list[Person], list[AskedQuestion]]) -> None:
    people, questions = meeting
    keynotes = set(order(people, questions, stage=TurnStage.keynotes))
    tour = order(people, questions, stage=TurnStage.concluding_tour)
    assert not keynotes & set(tour)
    assert keynotes | set(tour) == {p.participant_id for p in people}


@given(meetings(), st.sampled_from(list(TurnStage)), st.randoms())
def test_the_order_does_not_depend_on_how_the_questions_were_loaded(
    meeting: tuple[list[Person], list[AskedQuestion]], stage: TurnStage, rnd: random.Random
) -> None:
    people, questions = meeting
    shuffled = list(questions)
    rnd.shuffle(shuffled)
    assert order(people, shuffled, stage=stage) == order(people, questions, stage=stage)


def test_a_story_of_ask_the_audience() -> None:
    # Ada joined first, then Ben (keynote speaker, no question yet), Cleo, Dan; Dan's keynote question is
    # second in the list, Cleo's ordinary question first.
    people = [Person("ada", False), Person("ben", True), Person("cleo", False), Person("dan", False)]
    questions = [AskedQuestion("q1", "cleo", 1, False), AskedQuestion("q2", "dan", 2, True)]
    assert order(people, questions, stage=TurnStage.keynotes) == ["dan", "ben"]
    assert order(people, questions, stage=TurnStage.concluding_tour) == ["cleo", "ada"]
    assert order(people, questions, stage=TurnStage.rounds) == ["cleo", "dan", "ada", "ben"]


@st.composite
def own_questions(draw: st.DrawFn) -> list[AskedQuestion]:
    positions = draw(st.lists(st.integers(1, 100), unique=True, max_size=6))
    return [AskedQuestion(f"q{p}", "me", p, draw(st.booleans())) for p in positions]


@given(own_questions(), st.sampled_from(list(TurnStage)))
def test_the_question_of_a_turn_is_the_first_one_a_keynote_one_in_the_keynotes(questions: list[AskedQuestion], stage: TurnStage) -> None:
    chosen = question_for(questions, stage=stage)
    if not questions:
        assert chosen is None
        return
    assert chosen in questions
    candidates = [q for q in questions if q.keynote] if stage == TurnStage.keynotes and any(q.keynote for q in questions) else questions
    assert chosen.position == min(q.position for q in candidates)


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[StoredTurn], list[str], set[str]]:
    stored_ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=8))
    stored = [StoredTurn(p, draw(st.booleans())) for p in stored_ids]
    gone = set(draw(st.lists(st.sampled_from(IDS), unique=True, max_size=4)))
    # The eligible are still in the meeting, in their default order.
    eligible = [p for p in draw(st.permutations(IDS)) if p not in gone][: draw(st.integers(0, 12))]
    return stored, eligible, gone


@given(plans())
def test_the_stored_order_stands_late_joiners_follow_and_who_left_before_their_turn_drops_out(
    case: tuple[list[StoredTurn], list[str], set[str]],
) -> None:
    stored, eligible, gone = case
    placed = plan(stored, eligible, gone=gone)
    people = [p for p, _ in placed]
    assert len(people) == len(set(people))
    kept = [(p, i) for p, i in placed if i is not None]
    assert [i for _, i in kept] == sorted(i for _, i in kept)
    assert all(stored[i].participant_id == p for p, i in kept)
    assert {p for p, _ in kept} == {t.participant_id for t in stored if not (t.participant_id in gone and t.pending)}
    new = [p for p, i in placed if i is None]
    assert people == [p for p, _ in kept] + new  # new places only at the end
    assert new == [p for p in eligible if p not in {t.participant_id for t in stored}]
