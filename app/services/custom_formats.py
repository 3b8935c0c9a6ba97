"""Organisers' own formats: a definition validated like the built-ins, stored as JSON, visible to the organiser
who made it. A meeting made from one keeps a copy of the definition (meeting.format_definition)."""

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func
from sqlmodel import col, or_, select

from app.db import UnitOfWork
from app.errors import Conflict, InvalidInput
from app.formats import catalogue
from app.formats.definition import FormatDef
from app.formats.errors import describe
from app.models import CustomFormat


class FormatExists(Conflict):
    code, message = "format_exists", "A format with this id exists already."


class TooManyFormats(Conflict):
    code, message = "too_many_formats", "You have as many formats of your own as an organiser may keep."


@dataclass(frozen=True)
class Listed:
    definition: FormatDef
    builtin: bool


def parse(document: Any) -> FormatDef:
    """A definition from a client: every problem named by its field ("stages.2.boards.0: ...")."""
    if not isinstance(document, dict):
        raise InvalidInput("A format definition is a JSON object.")
    try:
        return FormatDef.model_validate(document)
    except ValidationError as error:
        raise InvalidInput(describe(error)) from None


def _visible_to(organiser_id: str | None) -> Any:
    return or_(col(CustomFormat.organiser_id).is_(None), CustomFormat.organiser_id == organiser_id)


async def listed(uow: UnitOfWork, *, organiser_id: str | None) -> list[Listed]:
    """Every built-in format, then this organiser's own in the order they were made."""
    formats = [Listed(d, True) for d in catalogue.builtin().values()]
    statement = select(CustomFormat).where(_visible_to(organiser_id)).order_by(col(CustomFormat.created_at), col(CustomFormat.id))
    for row in (await uow.session.exec(statement)).all():
        formats.append(Listed(FormatDef.model_validate_json(row.definition), False))
    return formats


async def create(uow: UnitOfWork, *, organiser_id: str | None, document: Any, limit: int) -> FormatDef:
    """A new format of this organiser's, unless they keep `limit` of their own already (each is a stored definition:
    without a cap one key could fill the database)."""
    definition = parse(document)
    if definition.id in catalogue.builtin():
        raise FormatExists(f"{definition.id!r} is a built-in format: give your format another id.")
    if await uow.session.get(CustomFormat, definition.id) is not None:
        raise FormatExists(f"A format with the id {definition.id!r} exists already: give your format another id.")
    owned = col(CustomFormat.organiser_id).is_(None) if organiser_id is None else CustomFormat.organiser_id == organiser_id
    if (await uow.session.exec(select(func.count()).select_from(CustomFormat).where(owned))).one() >= limit:
        raise TooManyFormats(f"You have {limit} formats of your own, as many as an organiser may keep.")
    uow.session.add(CustomFormat(id=definition.id, organiser_id=organiser_id, definition=definition.model_dump_json(), created_at=uow.now))
    await uow.session.flush()
    return definition


async def usable(uow: UnitOfWork, *, format_id: str, organiser_id: str | None) -> FormatDef:
    """The definition of a format this organiser may hold meetings in: a built-in, or one they see (their own, or
    one made for every organiser). The one rule for a meeting and for a series: anything else is not there."""
    if format_id in catalogue.builtin():
        return catalogue.builtin()[format_id]
    own = await find(uow, format_id=format_id, organiser_id=organiser_id)
    if own is None:
        raise InvalidInput(f"format: there is no format {format_id!r}; see GET /api/v1/formats.")
    return FormatDef.model_validate_json(own.definition)


async def find(uow: UnitOfWork, *, format_id: str, organiser_id: str | None) -> CustomFormat | None:
    """The organiser's own format of this id (None: no such format, or another organiser's)."""
    row = await uow.session.get(CustomFormat, format_id)
    if row is None or (row.organiser_id is not None and row.organiser_id != organiser_id):
        return None
    return row
