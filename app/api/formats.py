"""/api/v1/formats: the built-in formats and the organiser's own; an organiser makes a format from a definition."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel

from app.api.deps import CurrentOrganiser, EdgeDep, SettingsDep
from app.db import UnitOfWork
from app.formats.definition import FormatDef, text_in
from app.models import Language
from app.services import custom_formats

router = APIRouter(prefix="/api/v1")


class FormatStage(BaseModel):
    id: str
    name: str


class Format(BaseModel):
    """A format as the organise page lists it: names in the asked language, and the whole definition."""

    id: str
    name: str
    description: str | None
    builtin: bool
    stages: list[FormatStage]
    definition: FormatDef


class FormatList(BaseModel):
    formats: list[Format]


def as_format(definition: FormatDef, *, builtin: bool, language: str) -> Format:
    return Format(
        id=definition.id,
        name=text_in(definition.name, language),
        description=text_in(definition.description, language) if definition.description else None,
        builtin=builtin,
        stages=[FormatStage(id=s.id, name=text_in(s.name, language)) for s in definition.stages],
        definition=definition,
    )


@router.get("/formats", response_model=FormatList)
async def list_formats(organiser: CurrentOrganiser, edge: EdgeDep, language: Annotated[Language, Query()] = Language.en) -> FormatList:
    async def read(uow: UnitOfWork) -> list[custom_formats.Listed]:
        return await custom_formats.listed(uow, organiser_id=organiser.id)

    listed = await edge.read(read)
    return FormatList(formats=[as_format(f.definition, builtin=f.builtin, language=language) for f in listed])


@router.post("/formats", status_code=201, response_model=Format)
async def create_format(
    organiser: CurrentOrganiser,
    edge: EdgeDep,
    settings: SettingsDep,
    # A format definition (docs/protocol.md, "Formats as data"); validated by the service, so that every problem
    # is named by its field.
    document: Annotated[dict[str, Any], Body()],
    language: Annotated[Language, Query()] = Language.en,
) -> Format:
    definition = await edge.apply(lambda uow: custom_formats.create(
        uow, organiser_id=organiser.id, document=document, limit=settings.max_custom_formats_per_organiser
    ))
    return as_format(definition, builtin=False, language=language)
