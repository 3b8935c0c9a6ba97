"""The format a meeting runs: the definition kept with the meeting, else the built-in of that id; its current
stage, and what that stage offers."""

from functools import lru_cache

from app.db import UnitOfWork
from app.errors import Conflict
from app.formats import catalogue
from app.formats.definition import FormatDef, StageDef, text_in
from app.models import Meeting, MeetingStage


class NotInThisStage(Conflict):
    code, message = "not_in_this_stage", "The current stage does not offer this."


def of_meeting(meeting: Meeting) -> FormatDef:
    if meeting.format_definition is not None:
        return _parsed(meeting.format_definition)
    return catalogue.builtin()[meeting.format]


@lru_cache(maxsize=256)
def _parsed(document: str) -> FormatDef:
    # A definition is immutable once kept with a meeting: parse each distinct one once.
    return FormatDef.model_validate_json(document)


async def current_stage(uow: UnitOfWork, meeting: Meeting) -> StageDef | None:
    """The stage the meeting is in (no stored row: the first); None for a format without stages."""
    definition = of_meeting(meeting)
    if not definition.stages:
        return None
    row = await uow.session.get(MeetingStage, meeting.id)
    stage = definition.stage(row.stage) if row else None
    return stage or definition.stages[0]


async def check_floor_open(uow: UnitOfWork, meeting: Meeting) -> None:
    stage = await current_stage(uow, meeting)
    if stage is not None and not stage.floor:
        name = text_in(stage.name, meeting.language)
        raise NotInThisStage(f"Hands are not raised in this stage ({name}).")


async def check_questions_open(uow: UnitOfWork, meeting: Meeting) -> None:
    stage = await current_stage(uow, meeting)
    if stage is not None and not stage.questions:
        name = text_in(stage.name, meeting.language)
        raise NotInThisStage(f"Questions are not taken in this stage ({name}).")
