"""A format's guided stages, driven by its definition (app/formats/definition.py), and the turn order of its
turn-taking stages.

The moderator stays in charge: any stage of the format can be entered at any time (skipped or revisited).
A stage that promises everyone a turn (`confirm_turns_before_leaving`, Tour de table's rounds) asks the
moderator to confirm before moving on to a later stage while someone has not had one.
"""

from sqlalchemy import func
from sqlmodel import col, select

from app import ids, rooms
from app.db import UnitOfWork
from app.errors import Conflict, Forbidden, InvalidInput, MeetingNotLive, NotFound
from app.events import (
    CurrentStageView,
    StageChanged,
    StageView,
    StepView,
    TimeBoxView,
    TurnFinished,
    TurnPassed,
    TurnStarted,
    TurnsView,
    TurnTimeUp,
    TurnTimeWarned,
    TurnView,
)
from app.formats.definition import Right, StageDef
from app.models import (
    Meeting,
    MeetingStage,
    MeetingStatus,
    Participant,
    Question,
    QuestionStatus,
    Role,
    Turn,
    TurnStatus,
)
from app.rules import time_box, turn_order
from app.rules.time_box import TimeBoxAction
from app.services import formats, meetings, questions, roles

OPEN_QUESTION = (QuestionStatus.submitted, QuestionStatus.approved)


class NoStages(Conflict):
    code, message = "no_stages", "An open meeting has no stages; every tool is available."


class NotTurnStage(Conflict):
    code, message = "not_a_turn_stage", "The current stage has no turn order."


class NoTurnsLeft(Conflict):
    code, message = "no_turns_left", "Everyone has had a turn."


class TurnsRemaining(Conflict):
    code = "turns_remaining"


def steps(meeting: Meeting) -> list[StageDef]:
    return list(formats.of_meeting(meeting).stages)


async def current(uow: UnitOfWork, meeting: Meeting) -> StageDef | None:
    return await formats.current_stage(uow, meeting)


def _kind(stage: StageDef) -> turn_order.TurnStage:
    """The turn rule's vocabulary for a turn-taking stage (its `turns`)."""
    assert stage.turns is not None
    return turn_order.TurnStage(stage.turns)


async def _eligible(uow: UnitOfWork, meeting: Meeting, stage: StageDef) -> list[Participant]:
    """Who takes a turn in this stage, in the default order (app/rules/turn_order.py decides)."""
    people = (
        await uow.session.exec(
            select(Participant)
            .where(Participant.meeting_id == meeting.id, Participant.role == Role.participant, Participant.removed_at == None)  # noqa: E711
            .order_by(col(Participant.joined_at))
        )
    ).all()
    # People whose role is not queued (a conference's focal person) take no turn.
    definition = formats.of_meeting(meeting)
    people = [p for p in people if roles.may(definition, p, Right.queued)]
    asked = (
        await uow.session.exec(
            select(Question).where(Question.meeting_id == meeting.id, Question.author_id != None, Question.status != QuestionStatus.dismissed)  # noqa: E711
        )
    ).all()
    by_id = {p.id: p for p in people}
    order = turn_order.order(
        [turn_order.Person(p.id, p.keynote) for p in people], [_asked(q) for q in asked], stage=_kind(stage)
    )
    return [by_id[person_id] for person_id in order]


def _asked(question: Question) -> turn_order.AskedQuestion:
    assert question.author_id is not None
    return turn_order.AskedQuestion(question.id, question.author_id, question.position, question.keynote)


async def _turns(uow: UnitOfWork, meeting: Meeting, stage: StageDef) -> list[Turn]:
    statement = select(Turn).where(Turn.meeting_id == meeting.id, Turn.stage == stage.id).order_by(col(Turn.position))
    return list((await uow.session.exec(statement)).all())


async def _plan(uow: UnitOfWork, meeting: Meeting, stage: StageDef) -> list[tuple[Participant, Turn | None]]:
    """The turn order as it stands: the stored turns, then whoever is eligible and not in it yet (late joiners)."""
    stored = await _turns(uow, meeting, stage)
    people = {p.id: p for p in (await uow.session.exec(select(Participant).where(Participant.meeting_id == meeting.id))).all()}
    eligible = await _eligible(uow, meeting, stage)
    gone = {t.participant_id for t in stored if t.participant_id not in people or people[t.participant_id].removed_at is not None}
    placed = turn_order.plan(
        [turn_order.StoredTurn(t.participant_id, t.status == TurnStatus.pending) for t in stored], [p.id for p in eligible], gone=gone
    )
    return [
        (people[person_id], stored[index] if index is not None else None) for person_id, index in placed if person_id in people
    ]


async def _sync(uow: UnitOfWork, meeting: Meeting, stage: StageDef) -> list[Turn]:
    """Store the plan: give late joiners a place at the end."""
    plan = await _plan(uow, meeting, stage)
    last = max((t.position for _, t in plan if t is not None), default=0)
    turns = []
    for person, turn in plan:
        if turn is None:
            last += 1
            turn = Turn(id=ids.new_id(), meeting_id=meeting.id, stage=stage.id, participant_id=person.id, position=last)
            uow.session.add(turn)
        turns.append(turn)
    await uow.session.flush()
    return turns


def _turns_stage(meeting: Meeting, stage: StageDef) -> StageDef | None:
    """Whose turns the pages show: the current stage's; outside turn-taking stages, those of the stage that
    promises everyone a turn (Tour de table's rounds), so that nobody waiting is forgotten."""
    if stage.turns is not None:
        return stage
    return next((s for s in steps(meeting) if s.turns is not None and s.confirm_turns_before_leaving), None)


def current_view(stage: StageDef) -> CurrentStageView:
    return CurrentStageView(
        id=stage.id,
        name=stage.name,
        guidance=stage.guidance,
        floor=stage.floor,
        questions=stage.questions,
        turns=turn_order.TurnStage(stage.turns) if stage.turns else None,
        confirm_turns_before_leaving=stage.confirm_turns_before_leaving,
        boards=list(stage.boards),
        scale=stage.scale,
        prompts=list(stage.prompts),
        only_roles=list(stage.only_roles),
        minutes=stage.minutes,
    )


async def view(uow: UnitOfWork, meeting: Meeting) -> StageView | None:
    flow = steps(meeting)
    stage = await current(uow, meeting)
    if stage is None:
        return None
    index = flow.index(stage)
    turns_view = None
    turn_stage = _turns_stage(meeting, stage)
    if turn_stage is not None:
        order = []
        box = None
        for person, turn in await _plan(uow, meeting, turn_stage):
            status = turn.status if turn else TurnStatus.pending
            order.append(TurnView(participant_id=person.id, display_name=person.display_name, status=status, question_id=turn.question_id if turn else None))
            if turn is not None and status == TurnStatus.current:
                box = _time_box(meeting, turn)
        turns_view = TurnsView(
            stage=turn_stage.id,
            kind=_kind(turn_stage),
            order=order,
            current=next((t.participant_id for t in order if t.status == TurnStatus.current), None),
            remaining=[t.participant_id for t in order if t.status == TurnStatus.pending],
            time_box=box,
        )
    return StageView(
        format=meeting.format,
        steps=[s.id for s in flow],
        current=stage.id,
        next=flow[index + 1].id if index + 1 < len(flow) else None,
        turns=turns_view,
        stages=[StepView(id=s.id, name=s.name) for s in flow],
        current_stage=current_view(stage),
    )


def _time_box(meeting: Meeting, turn: Turn) -> TimeBoxView | None:
    if turn.deadline is None or turn.started_at is None:
        return None
    return TimeBoxView(
        participant_id=turn.participant_id,
        started_at=turn.started_at,
        deadline=turn.deadline,
        warn_at=turn.warn_at,
        warned=turn.warned_at is not None,
        time_up=turn.time_up_at is not None,
        action=meeting.turn_time_box_action,
    )


async def announce_if_replanned(uow: UnitOfWork, *, meeting: Meeting, before: StageView | None) -> None:
    """Questions and keynotes decide who goes first: when a change to them moved the planned turn order,
    everyone hears the new order (pages cannot work it out: they do not see every question)."""
    if before is None:
        return
    await uow.session.flush()
    after = await view(uow, meeting)
    if after != before:
        await uow.change(meeting.id, StageChanged(stage=after), to=rooms.meeting(meeting.id))


async def _announce(uow: UnitOfWork, meeting: Meeting, event_type: type, **fields: object) -> StageView:
    await uow.session.flush()
    stage_view = await view(uow, meeting)
    assert stage_view is not None
    await uow.change(meeting.id, event_type(stage=stage_view, **fields), to=rooms.meeting(meeting.id))
    return stage_view


async def _finish_current(uow: UnitOfWork, meeting: Meeting, stage: StageDef) -> Turn | None:
    for turn in await _turns(uow, meeting, stage):
        if turn.status == TurnStatus.current:
            turn.status = TurnStatus.done
            turn.ended_at = uow.now
            return turn
    return None


async def set_stage(uow: UnitOfWork, *, meeting: Meeting, stage: str, confirm: bool) -> StageView:
    meetings.check_not_ended(meeting)
    flow = steps(meeting)
    if not flow:
        raise NoStages()
    target = next((s for s in flow if s.id == stage), None)
    if target is None:
        raise InvalidInput(f"A {meeting.format} meeting has no stage {stage!r}; its stages are {', '.join(s.id for s in flow)}.")
    was = await current(uow, meeting)
    assert was is not None
    if target.id == was.id:
        raise Conflict("The meeting is already in this stage.", code="already_in_stage")
    if was.turns is not None and was.confirm_turns_before_leaving and flow.index(target) > flow.index(was) and not confirm:
        waiting = [person.display_name for person, turn in await _plan(uow, meeting, was) if turn is None or turn.status == TurnStatus.pending]
        if waiting:
            raise TurnsRemaining(
                f"{len(waiting)} {'participant has' if len(waiting) == 1 else 'participants have'} not had a turn yet "
                f"({', '.join(waiting)}). Send confirm: true to move on anyway."
            )
    if was.turns is not None:
        await _finish_current(uow, meeting, was)
    if target.turns is not None:
        await _sync(uow, meeting, target)
    row = await uow.session.get(MeetingStage, meeting.id)
    if row is None:
        uow.session.add(MeetingStage(meeting_id=meeting.id, stage=target.id, entered_at=uow.now))
    else:
        row.stage = target.id
        row.entered_at = uow.now
    return await _announce(uow, meeting, StageChanged)


async def next_stage(uow: UnitOfWork, *, meeting: Meeting, confirm: bool) -> StageView:
    stage_view = await view(uow, meeting)
    if stage_view is None:
        raise NoStages()
    if stage_view.next is None:
        raise Conflict("This is the last stage.", code="last_stage")
    return await set_stage(uow, meeting=meeting, stage=stage_view.next, confirm=confirm)


async def _turn_stage_now(uow: UnitOfWork, meeting: Meeting) -> StageDef:
    stage = await current(uow, meeting)
    if stage is None:
        raise NoStages()
    if stage.turns is None:
        raise NotTurnStage()
    return stage


async def _question_for(uow: UnitOfWork, meeting: Meeting, person: Participant, stage: StageDef) -> Question | None:
    statement = select(Question).where(
        Question.meeting_id == meeting.id, Question.author_id == person.id, col(Question.status).in_(OPEN_QUESTION)
    )
    mine = {q.id: q for q in (await uow.session.exec(statement)).all()}
    chosen = turn_order.question_for([_asked(q) for q in mine.values()], stage=_kind(stage))
    return mine[chosen.question_id] if chosen else None


async def next_turn(uow: UnitOfWork, *, meeting: Meeting, participant_id: str | None) -> str | None:
    """End the current turn and give the next one (or the named person's); their question becomes current."""
    if meeting.status != MeetingStatus.live:
        raise MeetingNotLive("Turns are taken while the meeting is live.")
    stage = await _turn_stage_now(uow, meeting)
    turns = await _sync(uow, meeting, stage)
    if participant_id is not None:
        chosen = next((t for t in turns if t.participant_id == participant_id), None)
        if chosen is None:
            raise NotFound("This person has no place in the turn order.")
        if chosen.status == TurnStatus.current:
            raise Conflict("It is already this person's turn.", code="already_their_turn")
    else:
        chosen = next((t for t in turns if t.status == TurnStatus.pending), None)
    finished = await _finish_current(uow, meeting, stage)
    if chosen is None:
        if finished is None:
            raise NoTurnsLeft()
        await _announce(uow, meeting, TurnFinished, participant_id=finished.participant_id)
        return None
    person = await uow.session.get(Participant, chosen.participant_id)
    assert person is not None
    chosen.status = TurnStatus.current
    chosen.started_at = uow.now
    chosen.ended_at = None
    timer = time_box.schedule(start=uow.now, duration_s=meeting.turn_time_box_seconds) if meeting.turn_time_box_seconds else None
    chosen.deadline, chosen.warn_at = (timer.deadline, timer.warn_at) if timer else (None, None)
    chosen.warned_at = chosen.time_up_at = None
    question = await _question_for(uow, meeting, person, stage)
    if question is not None:
        if question.status == QuestionStatus.submitted:
            await questions.approve(uow, meeting=meeting, question_id=question.id)
        await questions.set_current(uow, meeting=meeting, question_id=question.id)
        chosen.question_id = question.id
    elif meeting.current_question_id is not None:
        # They ask their question live: the previous person's question leaves the table.
        await questions.set_current(uow, meeting=meeting, question_id=None)
    await _announce(uow, meeting, TurnStarted, participant_id=person.id)
    return person.id


async def pass_turn(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, participant_id: str | None) -> None:
    """A participant passes their turn (now or ahead of it); a moderator may record a pass for them."""
    target = participant_id or actor.id
    if target != actor.id and actor.role != Role.moderator:
        raise Forbidden("Only a moderator can pass someone else's turn.")
    stage = await _turn_stage_now(uow, meeting)
    turns = await _sync(uow, meeting, stage)
    turn = next((t for t in turns if t.participant_id == target), None)
    if turn is None:
        raise NotFound("This person has no place in the turn order.")
    if turn.status not in (TurnStatus.pending, TurnStatus.current):
        raise Conflict("This turn has already been taken or passed.", code="turn_over")
    if turn.status == TurnStatus.current and turn.question_id and meeting.current_question_id == turn.question_id:
        await questions.set_current(uow, meeting=meeting, question_id=None)
    turn.status = TurnStatus.passed
    turn.ended_at = uow.now
    await _announce(uow, meeting, TurnPassed, participant_id=target)


async def end_current_turn(uow: UnitOfWork, *, meeting: Meeting) -> None:
    """The meeting ends: the turn in progress is over (it was given, so it counts as taken, ended now);
    turns never given stay pending and the summary does not list them."""
    if not steps(meeting):
        return
    statement = select(Turn).where(Turn.meeting_id == meeting.id, Turn.status == TurnStatus.current)
    for turn in (await uow.session.exec(statement)).all():
        turn.status = TurnStatus.done
        turn.ended_at = uow.now
        await _announce(uow, meeting, TurnFinished, participant_id=turn.participant_id)


async def time_box_warned(uow: UnitOfWork, *, meeting: Meeting, turn: Turn, seconds_left: float) -> None:
    turn.warned_at = uow.now
    await _announce(uow, meeting, TurnTimeWarned, participant_id=turn.participant_id, seconds_left=seconds_left)


async def time_box_up(uow: UnitOfWork, *, meeting: Meeting, turn: Turn) -> None:
    """Zero: everyone's countdown stops; the turn ends there when the moderator chose so."""
    turn.time_up_at = uow.now
    action = TimeBoxAction(meeting.turn_time_box_action)
    await _announce(uow, meeting, TurnTimeUp, participant_id=turn.participant_id, action=action)
    if action == TimeBoxAction.end_turn:
        turn.status = TurnStatus.done
        turn.ended_at = uow.now
        await _announce(uow, meeting, TurnFinished, participant_id=turn.participant_id)


async def turns_for_summary(uow: UnitOfWork, meeting: Meeting) -> list[Turn]:
    # A turn passed ahead of time never started: it counts from when it was passed.
    when = func.coalesce(Turn.started_at, Turn.ended_at)
    statement = select(Turn).where(Turn.meeting_id == meeting.id, Turn.status != TurnStatus.pending).order_by(when, col(Turn.position))
    return list((await uow.session.exec(statement)).all())
