"""/api/v1/meetings/{id}/forms: moderators make, edit, open and close forms; the audience reads and answers them;
the results per form, and /api/v1/results collated across meetings for the organiser.

A participant's token keeps working for these after the meeting has ended (app/services/forms.py).
"""

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import CurrentOrganiser, EdgeDep, member_of, moderator_of
from app.api.schemas import Body
from app.db import UnitOfWork
from app.errors import InvalidInput
from app.forms import catalogue
from app.forms.definition import Template
from app.models import Form
from app.services import form_results as form_results_service
from app.services import forms, participants
from app.services.form_results import Collated, FormResults
from app.services.forms import FormView

router = APIRouter(prefix="/api/v1")


class FormCreate(Body):
    # A built-in template (GET /api/v1/form-templates); its questions are copied into the meeting's form.
    template: str | None = Field(default=None, max_length=40)
    # The questions instead of (or edited from) the template's: app/forms/definition.py FormDef.
    definition: dict[str, Any] | None = None
    audience: str | None = Field(default=None, max_length=80)
    anonymous: bool | None = None
    # Without it the form is a draft until opened (POST …/open).
    opens_at: datetime | None = None
    deadline: datetime | None = None
    reminder_at: datetime | None = None
    series_id: str | None = Field(default=None, max_length=36)


class FormEdit(Body):
    definition: dict[str, Any] | None = None
    audience: str | None = Field(default=None, max_length=80)
    anonymous: bool | None = None
    opens_at: datetime | None = None
    deadline: datetime | None = None
    reminder_at: datetime | None = None


class AnswersBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # {question id: answer}: text, a whole number 0–10, true/false, a choice id or a list of choice ids.
    answers: Annotated[dict[str, Any], Field(max_length=60)]


class Answered(BaseModel):
    form_id: str
    answered: bool


class TemplateList(BaseModel):
    templates: list[Template]


@router.get("/form-templates", response_model=TemplateList)
async def form_templates() -> TemplateList:
    """The built-in forms (texts in every language); a form made from one is the meeting's own, editable copy."""
    return TemplateList(templates=list(catalogue.templates().values()))


@router.get("/meetings/{meeting_id}/forms", response_model=list[FormView])
async def list_forms(meeting_id: str, request: Request, edge: EdgeDep) -> list[FormView]:
    person, meeting = await member_of(request, meeting_id, edge)
    return await edge.read(lambda uow: forms.list_for(uow, meeting=meeting, viewer=person))


@router.post("/meetings/{meeting_id}/forms", status_code=201, response_model=FormView)
async def create_form(meeting_id: str, body: FormCreate, request: Request, edge: EdgeDep) -> FormView:
    moderator, _ = await moderator_of(request, meeting_id, edge)

    async def create(uow: UnitOfWork) -> FormView:
        meeting = await uow.lock_meeting(meeting_id)
        form = await forms.create(
            uow,
            meeting=meeting,
            template_id=body.template,
            definition=body.definition,
            audience=body.audience,
            anonymous=body.anonymous,
            opens_at=body.opens_at,
            deadline=body.deadline,
            reminder_at=body.reminder_at,
            series_id=body.series_id,
        )
        return await forms.view(uow, meeting=meeting, form=form, viewer=await participants.get_actor(uow, moderator.id))

    return await edge.apply(create)


@router.get("/meetings/{meeting_id}/forms/{form_id}", response_model=FormView)
async def get_form(meeting_id: str, form_id: str, request: Request, edge: EdgeDep) -> FormView:
    person, meeting = await member_of(request, meeting_id, edge)
    return await edge.read(lambda uow: forms.view_for(uow, meeting=meeting, form_id=form_id, viewer=person))


@router.patch("/meetings/{meeting_id}/forms/{form_id}", response_model=FormView)
async def edit_form(meeting_id: str, form_id: str, body: FormEdit, request: Request, edge: EdgeDep) -> FormView:
    moderator, _ = await moderator_of(request, meeting_id, edge)
    given = body.model_fields_set

    async def edit(uow: UnitOfWork) -> FormView:
        meeting = await uow.lock_meeting(meeting_id)
        times: dict[str, Any] = {name: getattr(body, name) for name in ("opens_at", "reminder_at") if name in given}
        form = await forms.edit(
            uow,
            meeting=meeting,
            form_id=form_id,
            definition=body.definition,
            audience=body.audience,
            anonymous=body.anonymous,
            deadline=body.deadline,
            **times,
        )
        return await forms.view(uow, meeting=meeting, form=form, viewer=await participants.get_actor(uow, moderator.id))

    return await edge.apply(edit)


async def switch_form(meeting_id: str, form_id: str, request: Request, edge: EdgeDep, switch: Callable[..., Awaitable[Form]]) -> FormView:
    """Open or close a form now: the same moderator check, lock and answer; only the service's verb differs."""
    moderator, _ = await moderator_of(request, meeting_id, edge)

    async def apply(uow: UnitOfWork) -> FormView:
        meeting = await uow.lock_meeting(meeting_id)
        form = await switch(uow, meeting=meeting, form_id=form_id)
        return await forms.view(uow, meeting=meeting, form=form, viewer=await participants.get_actor(uow, moderator.id))

    return await edge.apply(apply)


@router.post("/meetings/{meeting_id}/forms/{form_id}/open", response_model=FormView)
async def open_form(meeting_id: str, form_id: str, request: Request, edge: EdgeDep) -> FormView:
    return await switch_form(meeting_id, form_id, request, edge, forms.open_now)


@router.post("/meetings/{meeting_id}/forms/{form_id}/close", response_model=FormView)
async def close_form(meeting_id: str, form_id: str, request: Request, edge: EdgeDep) -> FormView:
    return await switch_form(meeting_id, form_id, request, edge, forms.close)


@router.post("/meetings/{meeting_id}/forms/{form_id}/answers", status_code=201, response_model=Answered)
async def answer_form(meeting_id: str, form_id: str, body: AnswersBody, request: Request, edge: EdgeDep) -> Answered:
    """One person's answers, once. Works with the token they joined with, also after the meeting has ended."""
    person, _ = await member_of(request, meeting_id, edge)

    async def answer(uow: UnitOfWork) -> Answered:
        meeting = await uow.lock_meeting(meeting_id)
        actor = await participants.get_actor(uow, person.id)
        await forms.answer(uow, meeting=meeting, person=actor, form_id=form_id, answers=body.answers)
        return Answered(form_id=form_id, answered=True)

    return await edge.apply(answer)


Export = Annotated[Literal["csv", "json"] | None, Query(description="`csv` or `json`: a file to download instead of the JSON answer")]


def download(body: str, *, kind: str, filename: str) -> Response:
    media = "text/csv; charset=utf-8" if kind == "csv" else "application/json"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}.{kind}"'})


@router.get("/meetings/{meeting_id}/forms/{form_id}/results", response_model=FormResults)
async def form_results(meeting_id: str, form_id: str, request: Request, edge: EdgeDep, export: Export = None) -> Response | FormResults:
    """A form's results for the meeting's moderators (an anonymous form: nothing until 3 answers)."""
    _, meeting = await moderator_of(request, meeting_id, edge)
    results = await edge.read(lambda uow: form_results_service.of_meeting_form(uow, meeting=meeting, form_id=form_id))
    if export == "csv":
        return download(form_results_service.csv_of([results], language=meeting.language), kind="csv", filename=f"form-{form_id[:8]}")
    if export == "json":
        return download(results.model_dump_json(), kind="json", filename=f"form-{form_id[:8]}")
    return results


@router.get("/results", response_model=Collated)
async def collated_results(
    organiser: CurrentOrganiser,
    edge: EdgeDep,
    format: Annotated[str | None, Query(max_length=40, description="a format id")] = None,
    series: Annotated[str | None, Query(max_length=36, description="a series id")] = None,
    date_from: Annotated[date | None, Query(alias="from", description="the first meeting date (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="the last meeting date (YYYY-MM-DD)")] = None,
    export: Export = None,
    language: Annotated[Literal["en", "da", "ar"], Query()] = "en",
) -> Response | Collated:
    """The organiser's results across meetings: by format, series and meeting date, per template and per form."""
    if date_from and date_to and date_to < date_from:
        raise InvalidInput("to: the range ends before it begins.")
    collated = await edge.read(
        lambda uow: form_results_service.collate(uow, organiser_id=organiser.id, format=format, series=series, date_from=date_from, date_to=date_to)
    )
    if export == "csv":
        return download(form_results_service.csv_of(collated.forms, language=language), kind="csv", filename="results")
    if export == "json":
        return download(collated.model_dump_json(), kind="json", filename="results")
    return collated
