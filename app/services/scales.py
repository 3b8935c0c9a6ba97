"""0–10 scaling questions of a format (ScaleDef): answered by each person while the stage asks them,
revealed by a moderator as a spread.

Secrecy: nobody learns who gave which number. Before the reveal everyone sees only how many have answered;
after it, the count per value and the median. Each person sees their own answer (sent only to them). An answer
may be changed while the scale is open; the reveal closes it and keeps the spread as the group saw it.
"""

from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from app import ids, rooms
from app.db import UnitOfWork
from app.errors import Conflict, InvalidInput, NotFound
from app.events import ScaleAnswered, ScaleAnswerSaved, ScaleRevealed, ScaleSpread, View
from app.formats.definition import FormatDef, ScaleDef, text_in
from app.models import Meeting, Participant, ScaleAnswer, ScaleReveal
from app.rules import scale as rule
from app.services import formats, meetings, roles


class ScaleNotOpen(Conflict):
    code, message = "scale_not_open", "This scale is not asked in the current stage."


class ScaleAlreadyRevealed(Conflict):
    code, message = "scale_revealed", "This scale has been revealed; its answers are final."


class TooFewAnswers(Conflict):
    code = "too_few_answers"
    message = f"At least {rule.MIN_TO_REVEAL} answers are needed: with fewer, the spread would show who gave which number."


class ScaleView(View):
    """`meeting.scales[]`: a scale of the format as this person sees it."""

    id: str
    question: dict[str, str]
    low: dict[str, str]
    high: dict[str, str]
    # The stages that ask it: it is open while the meeting is in one of them and it is not revealed.
    stages: list[str]
    answered: int
    spread: ScaleSpread | None
    # This person's own answer (nobody else's is ever sent).
    my_answer: int | None


def _scale(definition: FormatDef, scale_id: str) -> ScaleDef:
    found = next((s for s in definition.scales if s.id == scale_id), None)
    if found is None:
        raise NotFound(f"This meeting's format has no scale {scale_id!r}.")
    return found


async def _count(uow: UnitOfWork, meeting_id: str, scale_id: str) -> int:
    statement = select(func.count()).select_from(ScaleAnswer).where(ScaleAnswer.meeting_id == meeting_id, ScaleAnswer.scale_id == scale_id)
    return (await uow.session.exec(statement)).one()


async def _revealed(uow: UnitOfWork, meeting_id: str, scale_id: str) -> ScaleReveal | None:
    return await uow.session.get(ScaleReveal, (meeting_id, scale_id))


async def answer(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, scale_id: str, value: int) -> None:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    _scale(definition, scale_id)
    if not rule.in_range(value):
        raise InvalidInput(f"value: a scale answer is a whole number from {rule.LOWEST} to {rule.HIGHEST}.")
    stage = await roles.current_stage(uow, meeting, definition)
    if stage is None or stage.scale != scale_id:
        raise ScaleNotOpen()
    if await _revealed(uow, meeting.id, scale_id) is not None:
        raise ScaleAlreadyRevealed()
    statement = select(ScaleAnswer).where(
        ScaleAnswer.meeting_id == meeting.id, ScaleAnswer.scale_id == scale_id, ScaleAnswer.participant_id == actor.id
    )
    row = (await uow.session.exec(statement)).first()
    new = row is None
    if row is None:
        row = ScaleAnswer(id=ids.new_id(), meeting_id=meeting.id, scale_id=scale_id, participant_id=actor.id, value=value, answered_at=uow.now)
        uow.session.add(row)
    else:
        row.value, row.answered_at = value, uow.now
    await uow.session.flush()
    version = await uow.bump(meeting.id)
    # The person's own answer goes only to them; everyone else hears the count, and only when it grows.
    uow.record(ScaleAnswerSaved(scale_id=scale_id, value=value), to=rooms.person(actor.id), version=version)
    if new:
        uow.record(ScaleAnswered(scale_id=scale_id, answered=await _count(uow, meeting.id, scale_id)), to=rooms.meeting(meeting.id), version=version)


async def reveal(uow: UnitOfWork, *, meeting: Meeting, scale_id: str) -> ScaleSpread:
    _scale(formats.of_meeting(meeting), scale_id)
    if await _revealed(uow, meeting.id, scale_id) is not None:
        raise ScaleAlreadyRevealed()
    values = (await uow.session.exec(select(ScaleAnswer.value).where(ScaleAnswer.meeting_id == meeting.id, ScaleAnswer.scale_id == scale_id))).all()
    if not rule.may_reveal(len(values)):
        raise TooFewAnswers(f"{len(values)} answered; at least {rule.MIN_TO_REVEAL} are needed, or the spread would show who gave which number.")
    result = rule.spread(list(values))
    uow.session.add(
        ScaleReveal(
            meeting_id=meeting.id, scale_id=scale_id, counts=",".join(map(str, result.counts)), median=result.median,
            answered=result.answered, revealed_at=uow.now,
        )
    )
    await uow.session.flush()
    spread = ScaleSpread(counts=list(result.counts), median=result.median)
    await uow.change(meeting.id, ScaleRevealed(scale_id=scale_id, answered=result.answered, spread=spread), to=rooms.meeting(meeting.id))
    return spread


def _spread(row: ScaleReveal) -> ScaleSpread:
    return ScaleSpread(counts=[int(c) for c in row.counts.split(",")], median=row.median)


async def views(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant) -> list[ScaleView]:
    definition = formats.of_meeting(meeting)
    if not definition.scales:
        return []
    counts = dict(
        (
            await uow.session.exec(
                select(ScaleAnswer.scale_id, func.count()).where(ScaleAnswer.meeting_id == meeting.id).group_by(col(ScaleAnswer.scale_id))
            )
        ).all()
    )
    revealed = {r.scale_id: r for r in (await uow.session.exec(select(ScaleReveal).where(ScaleReveal.meeting_id == meeting.id))).all()}
    mine = dict(
        (
            await uow.session.exec(
                select(ScaleAnswer.scale_id, ScaleAnswer.value).where(ScaleAnswer.meeting_id == meeting.id, ScaleAnswer.participant_id == viewer.id)
            )
        ).all()
    )
    result = []
    for scale in definition.scales:
        shown = revealed.get(scale.id)
        result.append(
            ScaleView(
                id=scale.id,
                question=scale.question,
                low=scale.low,
                high=scale.high,
                stages=[s.id for s in definition.stages if s.scale == scale.id],
                answered=shown.answered if shown else counts.get(scale.id, 0),
                spread=_spread(shown) if shown else None,
                my_answer=mine.get(scale.id),
            )
        )
    return result


async def summary_part(uow: UnitOfWork, *, meeting: Meeting) -> list[dict[str, Any]]:
    """For the summary: each scale's question, anchors, how many answered and the spread if revealed — never an answer."""
    definition = formats.of_meeting(meeting)
    revealed = {r.scale_id: r for r in (await uow.session.exec(select(ScaleReveal).where(ScaleReveal.meeting_id == meeting.id))).all()}
    language = str(meeting.language)
    part = []
    for scale in definition.scales:
        shown = revealed.get(scale.id)
        part.append(
            {
                "id": scale.id,
                "question": text_in(scale.question, language),
                "low": text_in(scale.low, language),
                "high": text_in(scale.high, language),
                "answered": shown.answered if shown else await _count(uow, meeting.id, scale.id),
                "spread": _spread(shown).model_dump() if shown else None,
            }
        )
    return part
