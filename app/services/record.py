"""The take-home record of a meeting: its summary, boards, resources, follow-up items and the results of the forms
the moderator chose, published by a moderator after the meeting has ended.

Where the format says `record_first_to_lead`, a moderator can first release it to the roles with the right
`receive_record` (the lead worker) and publish it to everyone later. Participants read it with the token they
joined with (app/api/deps.py member_of, the same path the forms use after the end); before it is theirs to read
they are told `record_not_published` (404), whatever the meeting.

What it never holds: chat text (no questions asked in the chat, no note written beside a shared link), anything of
a consent ballot, who placed a dot, a name without its person's opt-in (summary.who; a named form's respondents
are not named either), an anonymous card's author, or a private board.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col, select

from app import clock, i18n, rooms
from app import markdown as md
from app.db import UnitOfWork
from app.errors import Conflict, NotFound
from app.events import RecordPublished
from app.formats.definition import Right
from app.models import MailKind, Meeting, MeetingRecord, MeetingStatus, Participant, Role
from app.services import form_results, forms, notifications, roles, summary

SECTIONS = ("boards", "resources", "followups")


class Include(BaseModel):
    model_config = ConfigDict(extra="forbid")

    boards: bool = True
    resources: bool = True
    followups: bool = True


class Choices(BaseModel):
    """What the moderator puts in the record besides the summary: the forms whose results are published, and
    which of the optional sections."""

    model_config = ConfigDict(extra="forbid")

    forms: list[str] = Field(default_factory=list, max_length=20)
    include: Include = Field(default_factory=Include)


class RecordNotPublished(NotFound):
    code, message = "record_not_published", "The record of this meeting has not been published yet."


class MeetingNotEnded(Conflict):
    code, message = "meeting_not_ended", "The record can be published once the meeting has ended."


class NoLeadFirst(Conflict):
    code, message = "record_no_lead", "This meeting's format does not give the record to a lead first."


async def stored(uow: UnitOfWork, *, meeting: Meeting) -> MeetingRecord | None:
    return await uow.session.get(MeetingRecord, meeting.id)


def lead_first(meeting: Meeting) -> bool:
    definition = forms.format_of(meeting)
    return bool(definition and definition.record_first_to_lead)


async def _checked(uow: UnitOfWork, *, meeting: Meeting, choices: Choices) -> dict[str, Any]:
    if meeting.status != MeetingStatus.ended:
        raise MeetingNotEnded()
    for form_id in choices.forms:
        await forms.get(uow, meeting=meeting, form_id=form_id)  # another meeting's form is simply not found
    return {"forms": list(dict.fromkeys(choices.forms)), "include": choices.include.model_dump()}


async def _row(uow: UnitOfWork, meeting: Meeting) -> MeetingRecord:
    row = await stored(uow, meeting=meeting)
    if row is None:
        row = MeetingRecord(meeting_id=meeting.id, choices={})
        uow.session.add(row)
    return row


async def release_to_lead(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, choices: Choices) -> MeetingRecord:
    """The roles with `receive_record` can read it; everyone else not yet. Again later: the choices are updated."""
    if not lead_first(meeting):
        raise NoLeadFirst()
    checked = await _checked(uow, meeting=meeting, choices=choices)
    row = await _row(uow, meeting)
    if row.published_at is not None:
        raise Conflict("The record is already published to everyone.")
    row.choices, row.published_by = checked, actor.id
    first = row.lead_released_at is None
    row.lead_released_at = row.lead_released_at or uow.now
    await uow.session.flush()
    if first:
        definition = forms.format_of(meeting)
        assert definition is not None
        for person in await _people(uow, meeting):
            if person.role != Role.moderator and roles.may(definition, person, Right.receive_record):
                await uow.change(meeting.id, RecordPublished(published_at=row.lead_released_at, everyone=False), to=rooms.person(person.id))
                await _mail(uow, meeting=meeting, person=person)
    return row


async def publish(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, choices: Choices) -> MeetingRecord:
    """Everyone in the meeting can read it from now on, and those who gave an address are told once."""
    checked = await _checked(uow, meeting=meeting, choices=choices)
    row = await _row(uow, meeting)
    if row.published_at is not None:
        raise Conflict("The record is already published.")
    row.choices, row.published_by, row.published_at = checked, actor.id, uow.now
    await uow.session.flush()
    await uow.change(meeting.id, RecordPublished(published_at=row.published_at, everyone=True), to=rooms.meeting(meeting.id))
    for person in await _people(uow, meeting):
        await _mail(uow, meeting=meeting, person=person)
    return row


async def _people(uow: UnitOfWork, meeting: Meeting) -> list[Participant]:
    statement = (
        select(Participant).where(Participant.meeting_id == meeting.id, col(Participant.removed_at).is_(None)).order_by(col(Participant.id))
    )
    return list((await uow.session.exec(statement)).all())


async def _mail(uow: UnitOfWork, *, meeting: Meeting, person: Participant) -> None:
    # Once per person and meeting, whether it reached them as the lead first or with everyone.
    await notifications.queue_for_person(
        uow, person=person, kind=MailKind.record_published, dedupe_key=f"record_published:{person.id}", title=meeting.title
    )


async def check_reader(uow: UnitOfWork, *, meeting: Meeting, person: Participant) -> MeetingRecord | None:
    """Whether this member of the meeting may read its record now; moderators may always (a preview before
    publishing). Anyone else before publication: `record_not_published`."""
    row = await stored(uow, meeting=meeting)
    if person.role == Role.moderator:
        return row
    if row is not None and row.published_at is not None:
        return row
    if row is not None and row.lead_released_at is not None:
        definition = forms.format_of(meeting)
        if definition is not None and roles.may(definition, person, Right.receive_record):
            return row
    raise RecordNotPublished()


def state_of(row: MeetingRecord | None) -> dict[str, Any]:
    return {
        "published_at": clock.iso(row.published_at) if row and row.published_at else None,
        "lead_released_at": clock.iso(row.lead_released_at) if row and row.lead_released_at else None,
    }


async def build(uow: UnitOfWork, *, meeting: Meeting, row: MeetingRecord | None) -> dict[str, Any]:
    """The record as JSON: the summary without chat text, the chosen sections, the chosen forms' results."""
    choices = Choices.model_validate(row.choices) if row and row.choices else Choices()
    data = await summary.build(uow, meeting=meeting)
    # Chat text stays out: the questions asked in the chat, and what was written beside a shared link.
    data.pop("chat_questions", None)
    for resource in data.get("resources", []):
        resource.pop("note", None)
    for section in SECTIONS:
        if not getattr(choices.include, section):
            data.pop(section, None)
    results = []
    for form_id in choices.forms:
        try:
            form = await forms.get(uow, meeting=meeting, form_id=form_id)
        except NotFound:
            continue  # erased since
        shown = await form_results.of_form(uow, meeting=meeting, form=form)
        for question in shown.questions:
            # A named form's respondents are not named in the record: only the summary's opt-in names anyone.
            for text in question.texts or []:
                text.by = None
        results.append(shown.model_dump(mode="json"))
    data["forms"] = results
    # Whether the format gives it to the lead first (the console offers that step then).
    data["record"] = {**state_of(row), "lead_first": lead_first(meeting)}
    return data


def _label(text: dict[str, str] | None, language: str) -> str:
    if not text:
        return ""
    return text.get(language) or text.get("en") or next(iter(text.values()), "")


def form_lines(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Each published form as a heading and its lines of plain text (escaped by whoever writes them out)."""
    language = data["meeting"].get("language", "en")

    def tr(key: str, **params: object) -> str:
        return i18n.text(language, key, **params)

    out: list[tuple[str, list[str]]] = []
    for form in data.get("forms", []):
        lines: list[str] = []
        if not form["shown"]:
            lines.append(tr("record.form_not_shown"))
        else:
            lines.append(tr("record.form_answers", count=form["count"]))
            for question in form["questions"]:
                lines.append(f"{_label(question['text'], language)} ({tr('record.form_answers', count=question['answered'])})")
                if question.get("distribution") is not None:
                    spread = ", ".join(f"{n}: {c}" for n, c in enumerate(question["distribution"]) if c)
                    median = question["median"]
                    lines.append(
                        "  " + tr("record.form_median", median="-" if median is None else f"{median:g}") + (f"; {spread}" if spread else "")
                    )
                if question.get("counts") is not None:
                    labels = question.get("labels") or {}
                    names = {"yes": tr("record.yes"), "no": tr("record.no")}
                    lines.append(
                        "  "
                        + ", ".join(f"{_label(labels.get(k), language) or names.get(k, k)}: {c}" for k, c in question["counts"].items())
                    )
                lines += [f"  “{t['text']}”" for t in question.get("texts") or []]
        out.append((_label(form["title"], language), lines))
    return out


def markdown(data: dict[str, Any]) -> str:
    """The record as Markdown: the summary's sections as summary.md writes them, then the published forms."""
    language = data["meeting"].get("language", "en")
    lines = [summary.markdown(data).rstrip("\n")]
    lines += ["", f"## {i18n.text(language, 'record.forms')}", ""]
    forms_part = form_lines(data)
    for title, body in forms_part:
        lines += [f"### {md.text(title)}", ""]
        lines += [("  - " + md.text(line.strip())) if line.startswith("  ") else f"- {md.text(line)}" for line in body]
        lines.append("")
    if not forms_part:
        lines.append(i18n.text(language, "record.no_forms"))
    return "\n".join(lines).rstrip("\n") + "\n"
