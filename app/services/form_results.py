"""Form results: per form, and collated across meetings (by format, series and date range) for the organiser.

Per question: how many answered it; for a 0–10 scale the distribution and the median; for choices and yes/no
the counts; free texts grouped per question. An anonymous form shows nothing — not even a count — until at least
3 answers are in its results (they arrive there only in batches of 3 or more, app/rules/form_window.py), and its
texts come in a fresh random order each time, never as one person's row: exports of an anonymous form are one
line per question and value, so a score cannot be joined with a text of the same person. Named forms keep who
wrote each text (the seed's feedback tool asks for the name) and list texts in the order they came.
"""

import csv
import io
import json
import secrets
import statistics
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, or_
from sqlmodel import col, select

from app.db import UnitOfWork
from app.forms.definition import CHOICE_KINDS, TEXT_KINDS, Kind, Question
from app.models import Form, FormAnswer, Meeting, Participant, SeriesMeeting
from app.rules import form_window
from app.rules.form_window import FormState
from app.services import forms, organisers


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextAnswer(Strict):
    text: str
    # The respondent's name on a named form; never on an anonymous one.
    by: str | None = None


class QuestionResult(Strict):
    id: str
    kind: Kind
    text: dict[str, str]
    low: dict[str, str] | None = None
    high: dict[str, str] | None = None
    answered: int
    # scale_0_10: how many chose 0, 1, …, 10; and the median of the answers.
    distribution: list[int] | None = None
    median: float | None = None
    # single_choice, multiple_choice: {choice id: count}; yes_no: {"yes": n, "no": n}.
    counts: dict[str, int] | None = None
    labels: dict[str, dict[str, str]] | None = None
    texts: list[TextAnswer] | None = None


class FormResults(Strict):
    form_id: str
    meeting_id: str
    meeting_title: str
    meeting_date: date
    meeting_format: str
    series_id: str | None
    template: str | None
    title: dict[str, str]
    anonymous: bool
    state: FormState
    # False while an anonymous form has fewer than 3 answers in its results: then `count` is None and nothing else shows.
    shown: bool
    count: int | None
    questions: list[QuestionResult]


def format_id(meeting: Meeting) -> str:
    definition = forms.format_of(meeting)
    return definition.id if definition is not None else meeting.format


def meeting_date(meeting: Meeting) -> date:
    return (meeting.started_at or meeting.scheduled_for or meeting.created_at).date()


def _shuffled(items: list[Any]) -> list[Any]:
    secrets.SystemRandom().shuffle(items)
    return items


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def summarise(question: Question, values: list[Any], *, by: list[str | None], anonymous: bool) -> QuestionResult:
    """One question's answers (`by`: the respondent's name beside each value, for a named form)."""
    result = QuestionResult(id=question.id, kind=question.kind, text=question.text, answered=len(values))
    if question.kind == Kind.scale_0_10:
        numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        result.distribution = [numbers.count(n) for n in range(11)]
        result.median = _median(numbers)
        result.low, result.high = question.low, question.high
    elif question.kind in CHOICE_KINDS:
        chosen = [c for v in values for c in (v if isinstance(v, list) else [v])]
        result.counts = {c.id: chosen.count(c.id) for c in question.choices}
        result.labels = {c.id: c.label for c in question.choices}
    elif question.kind == Kind.yes_no:
        result.counts = {"yes": sum(1 for v in values if v is True), "no": sum(1 for v in values if v is False)}
    elif question.kind in TEXT_KINDS:
        texts = [TextAnswer(text=v, by=None if anonymous else who) for v, who in zip(values, by, strict=True) if isinstance(v, str)]
        result.texts = _shuffled(texts) if anonymous else texts
    return result


async def _rows(uow: UnitOfWork, form: Form) -> list[tuple[dict[str, Any], str | None]]:
    statement = (
        select(FormAnswer.answers, Participant.display_name)
        .join(Participant, col(Participant.id) == FormAnswer.respondent_id, isouter=True)
        .where(FormAnswer.form_id == form.id)
        .order_by(col(FormAnswer.submitted_at), col(FormAnswer.id))
    )
    rows = [(json.loads(answers), None if form.anonymous else name) for answers, name in (await uow.session.exec(statement)).all()]
    return rows


async def of_form(uow: UnitOfWork, *, meeting: Meeting, form: Form) -> FormResults:
    definition = forms.definition_of(form)
    rows = await _rows(uow, form)
    shown = form_window.shown(anonymous=form.anonymous, count=len(rows))
    questions = []
    if shown:
        for question in definition.questions:
            answered = [(answers[question.id], who) for answers, who in rows if question.id in answers]
            questions.append(summarise(question, [v for v, _ in answered], by=[w for _, w in answered], anonymous=form.anonymous))
    return FormResults(
        form_id=form.id,
        meeting_id=meeting.id,
        meeting_title=meeting.title,
        meeting_date=meeting_date(meeting),
        meeting_format=format_id(meeting),
        series_id=form.series_id,
        template=form.template,
        title=definition.title,
        anonymous=form.anonymous,
        state=forms.state_of(form, uow.now),
        shown=shown,
        count=len(rows) if shown else None,
        questions=questions,
    )


async def of_meeting_form(uow: UnitOfWork, *, meeting: Meeting, form_id: str) -> FormResults:
    return await of_form(uow, meeting=meeting, form=await forms.get(uow, meeting=meeting, form_id=form_id))


# Collated across meetings ----------------------------------------------------------------------------------


class Group(Strict):
    """The forms of one template (or one form made from scratch) in the selection, their answers taken together."""

    template: str | None
    title: dict[str, str]
    anonymous: bool
    forms: int
    meetings: int
    count: int
    questions: list[QuestionResult]


class Collated(Strict):
    format: str | None
    series: str | None
    date_from: date | None
    date_to: date | None
    groups: list[Group]
    # Each form's own results (an anonymous form with fewer than 3 answers shows `shown: false` and nothing else).
    forms: list[FormResults]


async def collate(
    uow: UnitOfWork, *, organiser_id: str, format: str | None, series: str | None, date_from: date | None, date_to: date | None
) -> Collated:
    """Across the meetings this organiser sees (made or shared with them), never another organiser's."""
    day = func.coalesce(Meeting.started_at, Meeting.scheduled_for, Meeting.created_at)
    statement = select(Form, Meeting).join(Meeting, col(Meeting.id) == Form.meeting_id).where(organisers.visible_to(organiser_id))
    if series:
        # A form of the series itself, or of a meeting of the series.
        in_series = select(SeriesMeeting.meeting_id).where(SeriesMeeting.series_id == series)
        statement = statement.where(or_(col(Form.series_id) == series, col(Form.meeting_id).in_(in_series)))
    if date_from:
        statement = statement.where(day >= datetime.combine(date_from, datetime.min.time(), UTC))
    if date_to:
        statement = statement.where(day < datetime.combine(date_to + timedelta(days=1), datetime.min.time(), UTC))
    pairs: Sequence[tuple[Form, Meeting]] = (await uow.session.exec(statement.order_by(day, col(Form.created_at), col(Form.id)))).all()
    if format:
        # The format's id as its definition names it (a meeting may keep its own copy of a format's definition).
        pairs = [(f, m) for f, m in pairs if format_id(m) == format]
    results: list[FormResults] = []
    grouped: dict[str, list[tuple[Form, Meeting, list[tuple[dict[str, Any], str | None]]]]] = {}
    for form, meeting in pairs:
        results.append(await of_form(uow, meeting=meeting, form=form))
        rows = await _rows(uow, form)
        if not form_window.shown(anonymous=form.anonymous, count=len(rows)):
            continue
        key = f"{form.template or 'form:' + form.id}:{'anonymous' if form.anonymous else 'named'}"
        grouped.setdefault(key, []).append((form, meeting, rows))
    groups = []
    for members in grouped.values():
        first = forms.definition_of(members[0][0])
        anonymous = members[0][0].anonymous
        questions = []
        for question in first.questions:
            values: list[Any] = []
            names: list[str | None] = []
            for form, _, rows in members:
                theirs = forms.definition_of(form).question(question.id)
                if theirs is None or theirs.kind != question.kind:
                    continue
                for answers, who in rows:
                    if question.id in answers:
                        values.append(answers[question.id])
                        names.append(who)
            questions.append(summarise(question, values, by=names, anonymous=anonymous))
        groups.append(
            Group(
                template=members[0][0].template,
                title=first.title,
                anonymous=anonymous,
                forms=len(members),
                meetings=len({m.id for _, m, _ in members}),
                count=sum(len(rows) for _, _, rows in members),
                questions=questions,
            )
        )
    return Collated(format=format, series=series, date_from=date_from, date_to=date_to, groups=groups, forms=results)


# CSV -----------------------------------------------------------------------------------------------------

CSV_COLUMNS = ["meeting_id", "meeting_title", "meeting_date", "form_id", "template", "anonymous", "question_id", "question", "kind", "measure", "value", "count", "respondent"]


def csv_of(results: list[FormResults], *, language: str = "en") -> str:
    """One line per form and question and value: counts, the 0–10 distribution and median, choices, and each
    text on its own line (with the respondent on a named form). Never one line per respondent."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for form in results:
        if not form.shown:
            continue
        head = [form.meeting_id, _cell(form.meeting_title), form.meeting_date.isoformat(), form.form_id, form.template or "", str(form.anonymous).lower()]
        writer.writerow([*head, "", "", "", "answers", "", form.count, ""])
        for q in form.questions:
            text = _cell(q.text.get(language) or q.text["en"])
            row = [*head, q.id, text, q.kind.value]
            writer.writerow([*row, "answered", "", q.answered, ""])
            if q.distribution is not None:
                for point, count in enumerate(q.distribution):
                    writer.writerow([*row, "scale", point, count, ""])
                writer.writerow([*row, "median", "" if q.median is None else q.median, "", ""])
            if q.counts is not None:
                for choice, count in q.counts.items():
                    writer.writerow([*row, "choice", choice, count, ""])
            for answer in q.texts or []:
                writer.writerow([*row, "text", _cell(answer.text), "", _cell(answer.by or "")])
    return out.getvalue()


def _cell(text: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets: a leading apostrophe keeps it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
