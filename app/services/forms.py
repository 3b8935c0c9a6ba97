"""Forms: moderators make them from a template and open and close them; the audience answers, once each;
the timer opens, reminds and closes on the stored times; a learning conversation brings its own at its end.

Who may answer is the form's audience, read when it is asked (a role given after the meeting counts):
`everyone` is every participant of the meeting (not its moderators), `role:<id>` everyone the meeting's
format gives that role — and, while nobody holds it, the meeting's moderators, so that a follow-up due to
a lead worker nobody was named as still reaches someone who can pass it on —, `person:<id>` one member.

A token keeps working after the meeting's end for this: reading the meeting's forms and answering them
(every other command of a participant is refused by its own service once the meeting has ended).

Anonymous answers: see app/models/form.py and docs/privacy.md. An answer of an anonymous form waits, with
no person and only its day, until the timer releases a batch (app/rules/form_window.py); the marker that
the person answered carries neither a time nor an id.
"""

import json
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import func, or_
from sqlmodel import col, delete, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from app import clock, ids
from app.clock import Timestamp
from app.db import UnitOfWork
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.formats.definition import FormatDef
from app.forms import catalogue
from app.forms.definition import AnswerRefused, FormDef, Prefill, Template, check_answers, text_in
from app.models import Form, FormAnswer, FormPendingAnswer, FormRespondent, MailKind, Meeting, Participant, Role
from app.rules import form_window
from app.rules.form_window import AudienceKind, Due, FormState, Window
from app.services import formats, notifications, roles

MAX_DAYS_OPEN = 365


class FormNotOpen(Conflict):
    code, message = "form_not_open", "This form is not open yet."


class FormClosed(Conflict):
    code, message = "form_closed", "This form is closed: its deadline has passed."


class NotInAudience(Forbidden):
    code, message = "not_in_audience", "This form is not addressed to you."


class AlreadyAnswered(Conflict):
    code, message = "already_answered", "You have already answered this form."


class UnknownQuestion(InvalidInput):
    code, message = "unknown_question", "The form has no such question."


class FormHasAnswers(Conflict):
    code, message = "form_has_answers", "Someone has answered this form already: its questions and audience stay as they are."


# Reading a form ---------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _parsed(document: str) -> FormDef:
    return FormDef.model_validate_json(document)


def definition_of(form: Form) -> FormDef:
    return _parsed(form.definition)


def window_of(form: Form) -> Window:
    return Window(form.opens_at, form.deadline, form.reminder_at, form.closed_at, form.opened_notified_at, form.reminded_at)


def state_of(form: Form, now: datetime) -> FormState:
    return form_window.state(window_of(form), now=now)


def format_of(meeting: Meeting) -> FormatDef | None:
    """The meeting's format definition; None for a format this server does not know (nobody holds its roles)."""
    try:
        return formats.of_meeting(meeting)
    except (KeyError, ValueError):
        return None


async def get(uow: UnitOfWork, *, meeting: Meeting, form_id: str) -> Form:
    form = await uow.session.get(Form, form_id) if isinstance(form_id, str) and len(form_id) <= 36 else None
    if form is None or form.meeting_id != meeting.id:
        raise NotFound("This meeting has no such form.")
    return form


async def forms_of(uow: UnitOfWork, meeting: Meeting) -> Sequence[Form]:
    statement = select(Form).where(Form.meeting_id == meeting.id).order_by(col(Form.created_at), col(Form.id))
    return (await uow.session.exec(statement)).all()


# The audience -----------------------------------------------------------------------------------------


async def _members(uow: UnitOfWork, meeting: Meeting) -> Sequence[Participant]:
    statement = (
        select(Participant)
        .where(Participant.meeting_id == meeting.id, col(Participant.removed_at).is_(None), col(Participant.erased_at).is_(None))
        .order_by(col(Participant.joined_at), col(Participant.id))
    )
    return (await uow.session.exec(statement)).all()


async def audience_of(uow: UnitOfWork, *, meeting: Meeting, form: Form) -> list[Participant]:
    """The people the form is for, as of now."""
    audience = form_window.parse_audience(form.audience)
    people = await _members(uow, meeting)
    if audience.kind == AudienceKind.everyone:
        return [p for p in people if p.role == Role.participant]
    if audience.kind == AudienceKind.person:
        return [p for p in people if p.id == audience.value]
    definition = format_of(meeting)
    holders = [p for p in people if definition is not None and roles.role_of(definition, p).id == audience.value]
    return holders or [p for p in people if p.role == Role.moderator]


async def in_audience(uow: UnitOfWork, *, meeting: Meeting, form: Form, person: Participant) -> bool:
    return any(p.id == person.id for p in await audience_of(uow, meeting=meeting, form=form))


async def has_answered(uow: UnitOfWork, *, form: Form, person: Participant) -> bool:
    return await uow.session.get(FormRespondent, (form.id, person.id)) is not None


async def respondent_count(uow: UnitOfWork, form: Form) -> int:
    return (await uow.session.exec(select(func.count()).select_from(FormRespondent).where(FormRespondent.form_id == form.id))).one()


async def released_count(uow: UnitOfWork, form: Form) -> int:
    return (await uow.session.exec(select(func.count()).select_from(FormAnswer).where(FormAnswer.form_id == form.id))).one()


# Views --------------------------------------------------------------------------------------------------


class FormView(BaseModel):
    """A form as a page shows it: the questions in every language (the page picks), the window, and for the viewer
    whether it is theirs to answer and whether they have. Moderators also see how many answers the results hold."""

    model_config = ConfigDict(extra="forbid")

    id: str
    meeting_id: str
    series_id: str | None
    template: str | None
    definition: dict[str, Any]
    audience: str
    anonymous: bool
    state: FormState
    opens_at: Timestamp | None
    deadline: Timestamp
    reminder_at: Timestamp | None
    closed_at: Timestamp | None
    for_me: bool
    answered: bool
    # What the page puts into a prefilled question before the person types: {question id: text}.
    prefill: dict[str, str]
    # Moderators only: answers in the results (an anonymous form's count moves only in batches of three or more).
    answers: int | None = None


async def view(uow: UnitOfWork, *, meeting: Meeting, form: Form, viewer: Participant) -> FormView:
    definition = definition_of(form)
    mine = await in_audience(uow, meeting=meeting, form=form, person=viewer)
    prefill: dict[str, str] = {}
    for question in definition.questions:
        if question.prefill == Prefill.display_name:
            prefill[question.id] = viewer.display_name
        elif question.prefill == Prefill.meeting_date:
            day = meeting.started_at or meeting.scheduled_for or meeting.created_at
            prefill[question.id] = day.date().isoformat()
    return FormView(
        id=form.id,
        meeting_id=form.meeting_id,
        series_id=form.series_id,
        template=form.template,
        definition=definition.model_dump(mode="json", exclude_none=True),
        audience=form.audience,
        anonymous=form.anonymous,
        state=state_of(form, uow.now),
        opens_at=form.opens_at,
        deadline=form.deadline,
        reminder_at=form.reminder_at,
        closed_at=form.closed_at,
        for_me=mine,
        answered=await has_answered(uow, form=form, person=viewer),
        prefill=prefill,
        answers=await released_count(uow, form) if viewer.role == Role.moderator else None,
    )


async def list_for(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant) -> list[FormView]:
    """A moderator sees every form of the meeting; anyone else the forms addressed to them that are open or
    closed (drafts and forms not open yet stay with the moderators)."""
    shown = []
    for form in await forms_of(uow, meeting):
        if viewer.role != Role.moderator:
            if state_of(form, uow.now) not in (FormState.open, FormState.closed):
                continue
            if not await in_audience(uow, meeting=meeting, form=form, person=viewer):
                continue
        shown.append(await view(uow, meeting=meeting, form=form, viewer=viewer))
    return shown


async def view_for(uow: UnitOfWork, *, meeting: Meeting, form_id: str, viewer: Participant) -> FormView:
    form = await get(uow, meeting=meeting, form_id=form_id)
    if viewer.role != Role.moderator and (
        state_of(form, uow.now) not in (FormState.open, FormState.closed) or not await in_audience(uow, meeting=meeting, form=form, person=viewer)
    ):
        raise NotFound("This meeting has no such form.")
    return await view(uow, meeting=meeting, form=form, viewer=viewer)


# Making and changing forms (moderators) -----------------------------------------------------------------


def template(template_id: str | None) -> Template | None:
    if template_id is None:
        return None
    found = catalogue.templates().get(template_id)
    if found is None:
        raise InvalidInput(f"template: no built-in form {template_id!r}; known: {', '.join(sorted(catalogue.templates()))}.")
    return found


def parse_definition(document: dict[str, Any]) -> FormDef:
    try:
        return FormDef.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "definition"
        raise InvalidInput(f"definition.{where}: {first.get('msg', 'invalid')}") from None


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else (value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC))


async def _check_audience(uow: UnitOfWork, meeting: Meeting, audience: str) -> str:
    try:
        parsed = form_window.parse_audience(audience)
    except ValueError as exc:
        raise InvalidInput(f"audience: {exc}") from None
    if parsed.kind == AudienceKind.person:
        if not any(p.id == parsed.value for p in await _members(uow, meeting)):
            raise InvalidInput("audience: nobody in this meeting has this participant id.")
    elif parsed.kind == AudienceKind.role:
        definition = format_of(meeting)
        known = {"moderator", "participant"} | ({r.id for r in definition.roles} if definition else set())
        if parsed.value not in known:
            raise InvalidInput(f"audience: the meeting's format has no role {parsed.value!r}; it has {', '.join(sorted(known))}.")
    return str(parsed)


def _check_times(*, opens_at: datetime | None, deadline: datetime, reminder_at: datetime | None, now: datetime) -> None:
    problem = form_window.check_times(opens_at=opens_at, deadline=deadline, reminder_at=reminder_at)
    if problem:
        raise InvalidInput(problem)
    if deadline <= now:
        raise InvalidInput("The deadline must be in the future.")
    if deadline - (opens_at or now) > timedelta(days=MAX_DAYS_OPEN):
        raise InvalidInput(f"A form stays open at most {MAX_DAYS_OPEN} days.")


def _default_times(chosen: Template | None, opens_at: datetime | None, now: datetime) -> tuple[datetime, datetime | None]:
    """The template's window from the opening (or from now, for a draft): a deadline and a reminder before it."""
    days = chosen.days_open if chosen else 7
    hours = chosen.remind_before_hours if chosen else 24
    start = opens_at or now
    deadline = start + timedelta(days=days)
    reminder = deadline - timedelta(hours=hours)
    return deadline, reminder if reminder > start else None


async def create(
    uow: UnitOfWork,
    *,
    meeting: Meeting,
    template_id: str | None,
    definition: dict[str, Any] | None = None,
    audience: str | None = None,
    anonymous: bool | None = None,
    opens_at: datetime | None = None,
    deadline: datetime | None = None,
    reminder_at: datetime | None = None,
    series_id: str | None = None,
    check: bool = True,
) -> Form:
    """A form of the meeting: a copy of the template (or a definition of the moderator's own), with any field
    given here instead of the template's. Without `opens_at` it is a draft until opened."""
    chosen = template(template_id)
    if definition is not None:
        questions = parse_definition(definition)
    elif chosen is not None:
        questions = chosen.definition
    else:
        raise InvalidInput("Give a template or a definition of the questions.")
    opens_at, deadline, reminder_at = _utc(opens_at), _utc(deadline), _utc(reminder_at)
    if deadline is None:
        deadline, default_reminder = _default_times(chosen, opens_at, uow.now)
        reminder_at = reminder_at or default_reminder
    audience = audience or (chosen.audience if chosen else "everyone")
    if check:
        audience = await _check_audience(uow, meeting, audience)
        _check_times(opens_at=opens_at, deadline=deadline, reminder_at=reminder_at, now=uow.now)
    form = Form(
        id=ids.new_id(),
        meeting_id=meeting.id,
        series_id=series_id,
        template=chosen.id if chosen else None,
        definition=questions.model_dump_json(exclude_none=True),
        audience=audience,
        anonymous=anonymous if anonymous is not None else (chosen.anonymous if chosen else False),
        opens_at=opens_at,
        deadline=deadline,
        reminder_at=reminder_at,
        created_at=uow.now,
    )
    uow.session.add(form)
    await uow.session.flush()
    return form


UNSET: Any = object()


async def edit(
    uow: UnitOfWork,
    *,
    meeting: Meeting,
    form_id: str,
    definition: dict[str, Any] | None = None,
    audience: str | None = None,
    anonymous: bool | None = None,
    opens_at: datetime | None = UNSET,
    deadline: datetime | None = None,
    reminder_at: datetime | None = UNSET,
) -> Form:
    """Change a form. Its questions, audience and anonymity are fixed once someone has answered (the answers
    were given to those questions, under that promise); its times may move until it closes."""
    form = await get(uow, meeting=meeting, form_id=form_id)
    if state_of(form, uow.now) == FormState.closed:
        raise FormClosed("This form is closed.")
    if (definition is not None or audience is not None or anonymous is not None) and await respondent_count(uow, form) > 0:
        raise FormHasAnswers()
    if definition is not None:
        form.definition = parse_definition(definition).model_dump_json(exclude_none=True)
    if audience is not None:
        form.audience = await _check_audience(uow, meeting, audience)
    if anonymous is not None:
        form.anonymous = anonymous
    new_opens = form.opens_at if opens_at is UNSET else _utc(opens_at)
    new_deadline = _utc(deadline) or form.deadline
    new_reminder = form.reminder_at if reminder_at is UNSET else _utc(reminder_at)
    if new_opens != form.opens_at and form.opened_notified_at is not None:
        raise InvalidInput("The form is open already; it keeps its opening time.")
    if new_reminder != form.reminder_at and form.reminded_at is not None:
        raise InvalidInput("The reminder went out already.")
    _check_times(opens_at=new_opens, deadline=new_deadline, reminder_at=new_reminder, now=uow.now)
    form.opens_at, form.deadline, form.reminder_at = new_opens, new_deadline, new_reminder
    return form


async def open_now(uow: UnitOfWork, *, meeting: Meeting, form_id: str) -> Form:
    """Open a draft or scheduled form at once; the timer announces it on its next look."""
    form = await get(uow, meeting=meeting, form_id=form_id)
    current = state_of(form, uow.now)
    if current == FormState.closed:
        raise FormClosed("This form is closed.")
    if current == FormState.open:
        raise Conflict("This form is open already.")
    form.opens_at = uow.now
    if form.reminder_at is not None and form.reminder_at <= uow.now:
        form.reminder_at = None
    return form


async def close(uow: UnitOfWork, *, meeting: Meeting, form_id: str) -> Form:
    form = await get(uow, meeting=meeting, form_id=form_id)
    if state_of(form, uow.now) == FormState.closed:
        raise FormClosed("This form is closed already.")
    form.closed_at = uow.now
    await release_waiting(uow, form=form)
    return form


# Answering ----------------------------------------------------------------------------------------------


def _day(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


async def answer(uow: UnitOfWork, *, meeting: Meeting, person: Participant, form_id: str, answers: dict[str, Any]) -> None:
    """One person's answers, checked whole: a refusal changes nothing."""
    form = await get(uow, meeting=meeting, form_id=form_id)
    current = state_of(form, uow.now)
    mine = await in_audience(uow, meeting=meeting, form=form, person=person)
    if current in (FormState.draft, FormState.scheduled):
        if not mine and person.role != Role.moderator:
            raise NotFound("This meeting has no such form.")
        raise FormNotOpen()
    if not mine:
        raise NotInAudience()
    if current == FormState.closed:
        raise FormClosed()
    if await has_answered(uow, form=form, person=person):
        raise AlreadyAnswered()
    try:
        cleaned = check_answers(definition_of(form), answers)
    except AnswerRefused as refused:
        raise (UnknownQuestion if refused.code == UnknownQuestion.code else InvalidInput)(refused.message) from None
    document = json.dumps(cleaned, ensure_ascii=False)
    uow.session.add(FormRespondent(form_id=form.id, participant_id=person.id))
    if form.anonymous:
        uow.session.add(FormPendingAnswer(id=ids.new_id(), form_id=form.id, answers=document, submitted_on=_day(uow.now)))
    else:
        uow.session.add(FormAnswer(id=ids.new_id(), form_id=form.id, respondent_id=person.id, answers=document, submitted_at=uow.now))
    await uow.session.flush()


async def release_waiting(uow: UnitOfWork, *, form: Form) -> int:
    """Move the anonymous answers that wait into the results when the rule allows: all of them at once, in a
    random order, with new random keys and the day of the release as their time. Returns how many moved."""
    waiting = list((await uow.session.exec(select(FormPendingAnswer).where(FormPendingAnswer.form_id == form.id))).all())
    closed = state_of(form, uow.now) == FormState.closed
    if not form_window.release(waiting=len(waiting), released=await released_count(uow, form), closed=closed):
        return 0
    secrets.SystemRandom().shuffle(waiting)
    day = _day(uow.now)
    for row in waiting:
        uow.session.add(FormAnswer(id=ids.new_id(), form_id=form.id, respondent_id=None, answers=row.answers, submitted_at=day))
    await uow.session.exec(delete(FormPendingAnswer).where(col(FormPendingAnswer.form_id) == form.id))
    await uow.session.flush()
    return len(waiting)


# Forms a format brings with it ---------------------------------------------------------------------------


async def meeting_ended(uow: UnitOfWork, *, meeting: Meeting) -> list[Form]:
    """The forms the meeting's format opens at its end (app/forms/catalogue.py AFTER_END): for a learning
    conversation the feedback tool now, for everyone, with its 2-day deadline and a reminder a day before it,
    and the lead worker's follow-up 8 weeks on."""
    made = []
    definition = format_of(meeting)
    for planned in catalogue.AFTER_END.get(definition.id if definition else meeting.format, ()):
        chosen = catalogue.templates()[planned.template]
        opens_at = uow.now + planned.opens_after
        deadline, reminder = _default_times(chosen, opens_at, uow.now)
        made.append(
            await create(
                uow, meeting=meeting, template_id=chosen.id, opens_at=opens_at, deadline=deadline, reminder_at=reminder, check=False
            )
        )
    return made


# The timer -----------------------------------------------------------------------------------------------


def looks_for(now: datetime) -> tuple[Select[str, str], SelectOfScalar[str]]:
    """What `tick` looks for: open forms whose opening, reminder or deadline has come and was not acted on, and
    forms whose waiting anonymous answers may be released now (a batch is complete, or the form has closed)."""
    opening_or_closing = select(Form.id, Form.meeting_id).where(
        col(Form.closed_at).is_(None),
        or_(
            col(Form.deadline) <= now,
            (col(Form.opens_at) <= now) & col(Form.opened_notified_at).is_(None),
            (col(Form.reminder_at) <= now) & col(Form.reminded_at).is_(None),
        ),
    )
    releasable = (
        select(FormPendingAnswer.form_id)
        .join(Form, col(Form.id) == FormPendingAnswer.form_id)
        .group_by(col(FormPendingAnswer.form_id), col(Form.closed_at), col(Form.deadline))
        .having(or_(func.count() >= form_window.MIN_BATCH, col(Form.closed_at).is_not(None), col(Form.deadline) <= now))
    )
    return opening_or_closing, releasable


async def tick(uow: UnitOfWork) -> None:
    """Timer: announce each form once when it opens, remind once at its reminder time, close once at its deadline,
    and release anonymous answers in batches. Each is marked in the same transaction, so it happens once,
    also after a restart (one that missed a deadline closes the form at once, without a late reminder)."""
    now = uow.now
    opening_or_closing, releasable = looks_for(now)
    candidates = (await uow.session.exec(opening_or_closing)).all()
    waiting = (await uow.session.exec(releasable)).all()
    for form_id, meeting_id in sorted(set(candidates)):
        # The meeting first, then its rows: the lock order of every command.
        meeting = await uow.lock_meeting(meeting_id)
        form = await uow.session.get(Form, form_id)
        assert form is not None
        # Another process may have acted between the query and the lock.
        await uow.session.refresh(form)
        for action in form_window.due(window_of(form), now=now):
            if action == Due.close:
                form.closed_at = form.deadline
            elif action == Due.announce:
                await announce(uow, meeting=meeting, form=form)
                form.opened_notified_at = now
            elif action == Due.remind:
                await remind(uow, meeting=meeting, form=form)
                form.reminded_at = now
    for form_id in sorted(set(waiting)):
        form = await uow.session.get(Form, form_id)
        if form is not None:
            await uow.lock_meeting(form.meeting_id)
            await release_waiting(uow, form=form)


async def announce(uow: UnitOfWork, *, meeting: Meeting, form: Form) -> list[Participant]:
    """The form is open: everyone it is for is told — their page lists it, and a mail goes to each who gave an
    address, once (the dedupe key names the form and the person), in their language. Returns who was mailed."""
    return await _mail(uow, meeting=meeting, form=form, people=await audience_of(uow, meeting=meeting, form=form), kind=MailKind.form_opened)


async def remind(uow: UnitOfWork, *, meeting: Meeting, form: Form) -> list[Participant]:
    """The deadline nears: those of the audience who have not answered are reminded by mail, once. The reminder
    goes to each of them alone, so nobody learns from it who has answered."""
    answered = set((await uow.session.exec(select(FormRespondent.participant_id).where(FormRespondent.form_id == form.id))).all())
    waiting = [p for p in await audience_of(uow, meeting=meeting, form=form) if p.id not in answered]
    return await _mail(uow, meeting=meeting, form=form, people=waiting, kind=MailKind.form_reminder)


async def _mail(uow: UnitOfWork, *, meeting: Meeting, form: Form, people: Sequence[Participant], kind: MailKind) -> list[Participant]:
    mailed = []
    title = definition_of(form).title
    for person in people:
        address = await notifications.address_of(uow, person=person)
        if address is None:
            continue
        # No link: a link that opens the form is the person's own secret link (only its hash is kept); the mail
        # they got when they gave their address holds it, and the meeting page opens with it as before.
        queued = await notifications.queue_for_person(
            uow, person=person, kind=kind, dedupe_key=f"form:{form.id}:{kind.value}:{person.id}", title=meeting.title,
            detail=text_in(title, address.language), due=form.deadline,
        )
        if queued is not None:
            mailed.append(person)
    return mailed


# Privacy ---------------------------------------------------------------------------------------------------


async def erase_meeting(uow: UnitOfWork, *, meeting: Meeting) -> None:
    """Retention: the meeting's forms go with its personal data, answers and markers first."""
    form_ids = list((await uow.session.exec(select(Form.id).where(Form.meeting_id == meeting.id))).all())
    for table in (FormRespondent, FormPendingAnswer, FormAnswer):
        await uow.session.exec(delete(table).where(col(table.form_id).in_(form_ids)))  # type: ignore[attr-defined]
    await uow.session.exec(delete(Form).where(col(Form.meeting_id) == meeting.id))


async def export_person(uow: UnitOfWork, *, person: Participant) -> list[dict[str, Any]]:
    """Art. 15: their named answers, and which anonymous forms they answered (the answer itself is not theirs on
    record: nothing ties it to them)."""
    named = (await uow.session.exec(select(FormAnswer).where(FormAnswer.respondent_id == person.id))).all()
    answered = (await uow.session.exec(select(FormRespondent.form_id).where(FormRespondent.participant_id == person.id))).all()
    out: list[dict[str, Any]] = [
        {"form_id": a.form_id, "answers": json.loads(a.answers), "submitted_at": clock.iso(a.submitted_at)} for a in named
    ]
    named_forms = {a.form_id for a in named}
    out += [{"form_id": form_id, "answers": None, "anonymous": True} for form_id in answered if form_id not in named_forms]
    return out


async def erase_person(uow: UnitOfWork, *, person: Participant) -> None:
    """Art. 17: their named answers go. The marker that their (now anonymous) id answered stays, so the form is
    not offered again; an anonymous answer was never theirs on record and stays in the results."""
    await uow.session.exec(delete(FormAnswer).where(col(FormAnswer.respondent_id) == person.id))
