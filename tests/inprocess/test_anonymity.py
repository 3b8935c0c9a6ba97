"""Anonymous questions cannot be tied to their author by timing, order or flags.

The join page sends its question right after joining; were an anonymous one handed to the moderators at
once, it would arrive next to its author's arrival. It is held back for a random delay (drawn within the
settings' range and stored) and released by the timer, without the author's keynote flag.
"""

from sqlmodel import select

from app import clock
from app.models import Question
from tests.harness import Harness, Person


async def questions_seen(h: Harness, person: Person) -> list[dict]:
    """The questions in a snapshot taken now."""
    return (await h.snapshot(person))["meeting"]["questions"]


async def test_an_anonymous_question_sent_on_joining_does_not_follow_the_arrival(h: Harness) -> None:
    low, high = h.settings.anonymous_question_delay_min_seconds, h.settings.anonymous_question_delay_max_seconds
    assert 0 < low < high
    meeting, people = await h.meeting("anna", "bo")
    room = h.socket(meeting.moderator)
    room.clear()
    # Cai is the meeting's only keynote professional: a keynote flag on the question would name her.
    cai = await h.join(meeting, "cai")
    await h.ok(meeting.moderator, "participant.set_keynote", participant_id=cai.id, keynote=True)
    await h.connect(cai)
    ack = await h.ok(cai, "question.submit", text="What if the parent is the one we worry about?", anonymous=True)
    # No question id in the answer: answers are remembered for command replay with the person's id.
    assert ack["result"] == {"question_id": None}
    submitted_at = h.now

    await h.tick()
    assert {"participant_id": cai.id, "online": True} in room.of("participant.presence_changed")[-1]["data"]["changes"]
    assert room.of("question.submitted") == []
    # Nothing of it anywhere before its release: not in a fresh snapshot, not to anyone.
    assert await questions_seen(h, meeting.moderator) == []
    stored = await h.read(lambda uow: uow.session.exec(select(Question)))
    [held] = stored.all()
    assert held.author_id is None and held.keynote is False
    assert held.release_at is not None and low <= (held.release_at - submitted_at).total_seconds() <= high

    # Time passes tick by tick: the question appears once, at its stored release time, never before.
    while not room.of("question.submitted"):
        assert h.now < held.release_at
        await h.pass_time(0.5)
    assert h.now >= held.release_at
    assert (h.now - submitted_at).total_seconds() >= low
    [event] = room.of("question.submitted")
    question = event["data"]["question"]
    assert question["anonymous"] is True and question["author"] is None and question["keynote"] is False
    # Its time is the release time: the submission time is not kept.
    assert question["created_at"] == clock.iso(h.now)
    assert "cai" not in repr(event) and cai.id not in repr(event)
    assert [q["id"] for q in await questions_seen(h, meeting.moderator)] == [question["id"]]


async def test_a_named_question_keeps_its_authors_keynote_flag_and_comes_at_once(h: Harness) -> None:
    meeting, people = await h.meeting("anna")
    await h.ok(meeting.moderator, "participant.set_keynote", participant_id=people["anna"].id, keynote=True)
    room = h.socket(meeting.moderator)
    ack = await h.ok(people["anna"], "question.submit", text="How do we prepare the child?")
    [event] = room.of("question.submitted")
    assert event["data"]["question"]["id"] == ack["result"]["question_id"]
    assert event["data"]["question"]["keynote"] is True and event["data"]["question"]["author"]["participant_id"] == people["anna"].id


async def test_anonymous_questions_take_their_place_in_the_order_when_released(h: Harness) -> None:
    meeting, people = await h.meeting("anna", "bo")
    await h.ok(people["anna"], "question.submit", text="Anonymous, first", anonymous=True)
    named = (await h.ok(people["bo"], "question.submit", text="Named, second"))["result"]["question_id"]
    await h.pass_time(h.settings.anonymous_question_delay_max_seconds + 1)
    questions = await questions_seen(h, meeting.moderator)
    # Its place follows its release, not its submission: the order does not tell when it was written.
    assert [q["text"] for q in questions] == ["Named, second", "Anonymous, first"]
    assert questions[0]["id"] == named
