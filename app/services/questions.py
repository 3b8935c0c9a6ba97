"""The question queue: submitted before or during the meeting, approved, circulated, made current, answered."""

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from app import ids, rooms
from app.db import UnitOfWork
from app.errors import Conflict, InvalidInput, NotFound
from app.events import (
    QuestionAnswered,
    QuestionApproved,
    QuestionChanged,
    QuestionDismissed,
    QuestionKeynoteMarked,
    QuestionMadeCurrent,
    QuestionsCirculated,
    QuestionsReordered,
    QuestionSubmitted,
    QuestionUpvoted,
)
from app.models import ChatKind, ChatMessage, Meeting, Participant, Question, QuestionStatus, QuestionUpvote
from app.services import formats, meetings, views

PUBLIC = (QuestionStatus.approved, QuestionStatus.answered)
QUESTION_MAX_LENGTH = 1000


class QuestionNotApproved(Conflict):
    code, message = "question_not_approved", "Only an approved question can be used here."


class AlreadyPromoted(Conflict):
    code, message = "already_promoted", "This chat question is already in the question queue."


class NotAChatQuestion(Conflict):
    code, message = "not_a_chat_question", "Only a chat message of the kind question can go into the question queue."


class AlreadyUpvoted(Conflict):
    code, message = "already_upvoted", "You have already upvoted this question."


def is_public(question: Question) -> bool:
    return question.status in PUBLIC


def visible_to(question: Question, viewer: Participant) -> bool:
    """Moderators see every question; others see approved ones and their own named ones."""
    return viewer.role == "moderator" or is_public(question) or question.author_id == viewer.id


async def get(uow: UnitOfWork, meeting: Meeting, question_id: str) -> Question:
    question = await uow.session.get(Question, question_id)
    if question is None or question.meeting_id != meeting.id or question.release_at is not None:
        raise NotFound("No such question in this meeting.")
    return question


async def _announce(uow: UnitOfWork, meeting: Meeting, question: Question, event_type: type[QuestionChanged], *, was_public: bool) -> None:
    """Send the question as it now is to everyone who could see it before or can see it now."""
    author = await uow.session.get(Participant, question.author_id) if question.author_id else None
    event = event_type(question=views.question(question, author))
    if was_public or is_public(question):
        audience = [rooms.meeting(meeting.id)]
    else:
        audience = [rooms.moderators(meeting.id)] + ([rooms.person(question.author_id)] if question.author_id else [])
    await uow.change(meeting.id, event, to=audience)


async def submit(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, text: str, anonymous: bool, anonymous_delay_seconds: float) -> Question:
    """A named question reaches the moderators at once. An anonymous one is stored without its author and
    without the author's keynote flag, and held back for `anonymous_delay_seconds` (random, drawn by the
    caller): `release_due` hands it to the moderators then, at the end of the order as it stands then."""
    meetings.check_not_ended(meeting)
    await formats.check_questions_open(uow, meeting)
    question = Question(
        id=ids.new_id(),
        meeting_id=meeting.id,
        author_id=None if anonymous else actor.id,
        anonymous=anonymous,
        text=text,
        keynote=False if anonymous else actor.keynote,
        created_at=uow.now,
    )
    if anonymous:
        question.release_at = uow.now + timedelta(seconds=anonymous_delay_seconds)
        uow.session.add(question)
        return question
    question.position = await _next_position(uow, meeting.id)
    uow.session.add(question)
    await uow.session.flush()
    await _announce(uow, meeting, question, QuestionSubmitted, was_public=False)
    return question


async def _next_position(uow: UnitOfWork, meeting_id: str) -> int:
    last = (await uow.session.exec(select(func.max(Question.position)).where(Question.meeting_id == meeting_id, col(Question.release_at).is_(None)))).one()
    return (last or 0) + 1


def held_back_due(now: datetime) -> list[SelectOfScalar[Question]]:
    """What `release_due` looks for: anonymous questions whose release time has come."""
    return [select(Question).where(col(Question.release_at).is_not(None), col(Question.release_at) <= now)]


async def release_due(uow: UnitOfWork) -> None:
    """Timer: anonymous questions whose release time has come reach the moderators, as if submitted now."""
    due = (await uow.session.exec(held_back_due(uow.now)[0].order_by(col(Question.release_at)))).all()
    for question in due:
        meeting = await uow.session.get(Meeting, question.meeting_id)
        if meeting is None:
            continue
        question.position = await _next_position(uow, meeting.id)
        question.release_at = None
        question.created_at = uow.now
        await uow.session.flush()
        await _announce(uow, meeting, question, QuestionSubmitted, was_public=False)


async def promote(uow: UnitOfWork, *, meeting: Meeting, message_id: str) -> Question:
    """A question asked in the chat joins the question queue, approved, in its author's name (the chat is never anonymous)."""
    meetings.check_not_ended(meeting)
    message = await uow.session.get(ChatMessage, message_id)
    if message is None or message.meeting_id != meeting.id or message.hidden_at is not None:
        raise NotFound("No such chat message in this meeting.")
    if message.kind != ChatKind.question:
        raise NotAChatQuestion()
    if (await uow.session.exec(select(Question.id).where(Question.promoted_from == message.id))).first() is not None:
        raise AlreadyPromoted()
    if len(message.text) > QUESTION_MAX_LENGTH:
        raise InvalidInput(f"A question may be at most {QUESTION_MAX_LENGTH} characters; this chat message is longer.")
    author = await uow.session.get(Participant, message.participant_id)
    question = Question(
        id=ids.new_id(),
        meeting_id=meeting.id,
        author_id=message.participant_id,
        text=message.text,
        status=QuestionStatus.approved,
        keynote=bool(author and author.keynote),
        position=await _next_position(uow, meeting.id),
        created_at=uow.now,
        promoted_from=message.id,
    )
    uow.session.add(question)
    await uow.session.flush()
    await _announce(uow, meeting, question, QuestionApproved, was_public=True)
    return question


async def approve(uow: UnitOfWork, *, meeting: Meeting, question_id: str) -> None:
    question = await get(uow, meeting, question_id)
    if question.status == QuestionStatus.approved:
        raise Conflict("The question is already approved.", code="already_approved")
    was_public = is_public(question)
    question.status = QuestionStatus.approved
    question.answered_at = None
    await _announce(uow, meeting, question, QuestionApproved, was_public=was_public)


async def dismiss(uow: UnitOfWork, *, meeting: Meeting, question_id: str) -> None:
    question = await get(uow, meeting, question_id)
    if question.status == QuestionStatus.dismissed:
        raise Conflict("The question is already dismissed.", code="already_dismissed")
    was_public = is_public(question)
    question.status = QuestionStatus.dismissed
    await _clear_current_if(uow, meeting, question)
    await _announce(uow, meeting, question, QuestionDismissed, was_public=was_public)


async def mark_answered(uow: UnitOfWork, *, meeting: Meeting, question_id: str) -> None:
    question = await get(uow, meeting, question_id)
    if question.status != QuestionStatus.approved:
        raise QuestionNotApproved()
    question.status = QuestionStatus.answered
    question.answered_at = uow.now
    await _clear_current_if(uow, meeting, question)
    await _announce(uow, meeting, question, QuestionAnswered, was_public=True)


async def mark_keynote(uow: UnitOfWork, *, meeting: Meeting, question_id: str, keynote: bool) -> None:
    question = await get(uow, meeting, question_id)
    question.keynote = keynote
    await _announce(uow, meeting, question, QuestionKeynoteMarked, was_public=is_public(question))


async def circulate(uow: UnitOfWork, *, meeting: Meeting, question_ids: list[str] | None) -> list[Question]:
    """Send keynote questions ahead: approved, shown to everyone with the invite link before the meeting."""
    if question_ids is None:
        statement = select(Question).where(
            Question.meeting_id == meeting.id, Question.keynote == True, Question.status != QuestionStatus.dismissed, col(Question.release_at).is_(None)  # noqa: E712
        )
        chosen = list((await uow.session.exec(statement)).all())
    else:
        chosen = [await get(uow, meeting, qid) for qid in question_ids]
    if not chosen:
        raise Conflict("There are no keynote questions to circulate.", code="nothing_to_circulate")
    for question in chosen:
        if question.status == QuestionStatus.dismissed:
            raise Conflict("A dismissed question cannot be circulated.", code="question_dismissed")
        question.keynote = True
        question.circulated_at = question.circulated_at or uow.now
        if question.status == QuestionStatus.submitted:
            question.status = QuestionStatus.approved
    await uow.session.flush()
    event = QuestionsCirculated(questions=await views.questions(uow, sorted(chosen, key=lambda q: q.position)))
    await uow.change(meeting.id, event, to=rooms.meeting(meeting.id))
    return chosen


async def reorder(uow: UnitOfWork, *, meeting: Meeting, order: list[str]) -> None:
    """Put the listed questions first, in this order; the rest keep their relative order after them."""
    if len(set(order)) != len(order):
        raise InvalidInput("A question appears twice in the order.")
    rows = (await uow.session.exec(released(meeting.id).order_by(col(Question.position)))).all()
    by_id = {q.id: q for q in rows}
    unknown = [qid for qid in order if qid not in by_id]
    if unknown:
        raise NotFound("No such question in this meeting.")
    listed = set(order)
    ordered = [by_id[qid] for qid in order] + [q for q in rows if q.id not in listed]
    for position, question in enumerate(ordered, start=1):
        question.position = position
    await uow.change(meeting.id, QuestionsReordered(order=[q.id for q in ordered]), to=rooms.meeting(meeting.id))


async def set_current(uow: UnitOfWork, *, meeting: Meeting, question_id: str | None) -> None:
    if question_id is not None:
        question = await get(uow, meeting, question_id)
        if question.status != QuestionStatus.approved:
            raise QuestionNotApproved()
    meeting.current_question_id = question_id
    await uow.change(meeting.id, QuestionMadeCurrent(question_id=question_id), to=rooms.meeting(meeting.id))


async def _clear_current_if(uow: UnitOfWork, meeting: Meeting, question: Question) -> None:
    if meeting.current_question_id == question.id:
        meeting.current_question_id = None
        await uow.change(meeting.id, QuestionMadeCurrent(question_id=None), to=rooms.meeting(meeting.id))


async def upvote(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, question_id: str) -> None:
    question = await get(uow, meeting, question_id)
    if question.status != QuestionStatus.approved:
        raise QuestionNotApproved()
    if await uow.session.get(QuestionUpvote, (question.id, actor.id)) is not None:
        raise AlreadyUpvoted()
    uow.session.add(QuestionUpvote(question_id=question.id, participant_id=actor.id))
    question.upvotes += 1
    await uow.change(meeting.id, QuestionUpvoted(question_id=question.id, upvotes=question.upvotes), to=rooms.meeting(meeting.id))


async def in_order(uow: UnitOfWork, *, meeting: Meeting) -> list[Question]:
    """Every released question in the moderator's order; each viewer sees those `visible_to` them."""
    return list((await uow.session.exec(released(meeting.id).order_by(col(Question.position)))).all())


def released(meeting_id: str) -> SelectOfScalar[Question]:
    """The meeting's questions that exist for anyone yet (anonymous ones still held back do not)."""
    return select(Question).where(Question.meeting_id == meeting_id, col(Question.release_at).is_(None))


async def upvotes_of(uow: UnitOfWork, *, meeting: Meeting, participant_ids: set[str]) -> dict[str, list[str]]:
    """The questions each of these people upvoted, in one statement."""
    statement = (
        select(QuestionUpvote.participant_id, QuestionUpvote.question_id)
        .join(Question, col(Question.id) == QuestionUpvote.question_id)
        .where(Question.meeting_id == meeting.id, col(QuestionUpvote.participant_id).in_(participant_ids))
        .order_by(col(Question.position))
    )
    upvoted: dict[str, list[str]] = {p: [] for p in participant_ids}
    for participant_id, question_id in (await uow.session.exec(statement)).all():
        upvoted[participant_id].append(question_id)
    return upvoted


async def circulated(uow: UnitOfWork, *, meeting: Meeting) -> list[Question]:
    statement = (
        select(Question)
        .where(Question.meeting_id == meeting.id, Question.circulated_at != None, Question.status != QuestionStatus.dismissed)  # noqa: E711
        .where(col(Question.release_at).is_(None))
        .order_by(col(Question.position))
    )
    return list((await uow.session.exec(statement)).all())
