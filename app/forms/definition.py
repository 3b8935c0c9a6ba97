"""A form's definition: its title and questions, each of one kind with its limits, and the check of an answer.

A form is data, like a format (app/formats/definition.py): the built-in templates are JSON files in
templates/; a meeting keeps its own editable copy (the `form.definition` column). Texts are given per
language, English required, others falling back to it.

`check_answers` is pure: it takes one person's answers as sent and returns them cleaned, or raises
`AnswerRefused` with a code and a message that say exactly which question and why; nothing is half-accepted.
"""

from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.formats.definition import LANGUAGES, Slug, Text, text_in

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 4000
MAX_QUESTIONS = 40
MAX_CHOICES = 20

__all__ = ["LANGUAGES", "Text", "text_in"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(StrEnum):
    short_text = "short_text"
    long_text = "long_text"
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    scale_0_10 = "scale_0_10"
    yes_no = "yes_no"


class Prefill(StrEnum):
    """A value the page offers before the person types (they may change it): the seed's "Your name", "Date"."""

    display_name = "display_name"
    meeting_date = "meeting_date"


TEXT_KINDS = frozenset({Kind.short_text, Kind.long_text})
CHOICE_KINDS = frozenset({Kind.single_choice, Kind.multiple_choice})


class Choice(Strict):
    id: Slug
    label: Text


class Question(Strict):
    id: Slug
    kind: Kind
    text: Text
    # A line under the question (e.g. the seed's section "Acknowledgement").
    hint: Text | None = None
    required: bool = False
    # single_choice and multiple_choice only.
    choices: Annotated[list[Choice], Field(max_length=MAX_CHOICES)] = []
    # scale_0_10 only: what 0 and 10 mean.
    low: Text | None = None
    high: Text | None = None
    prefill: Prefill | None = None

    @model_validator(mode="after")
    def _fits_kind(self) -> Self:
        if self.kind in CHOICE_KINDS:
            if len(self.choices) < 2:
                raise ValueError(f"question {self.id!r}: a choice question needs at least two choices")
            ids = [c.id for c in self.choices]
            if len(set(ids)) != len(ids):
                raise ValueError(f"question {self.id!r}: a choice id appears twice")
        elif self.choices:
            raise ValueError(f"question {self.id!r}: only choice questions have choices")
        if self.kind == Kind.scale_0_10:
            if self.low is None or self.high is None:
                raise ValueError(f"question {self.id!r}: a 0–10 scale needs its low and high labels")
        elif self.low is not None or self.high is not None:
            raise ValueError(f"question {self.id!r}: only a 0–10 scale has low and high labels")
        if self.prefill is not None and self.kind not in TEXT_KINDS:
            raise ValueError(f"question {self.id!r}: only text questions are prefilled")
        return self


class FormDef(Strict):
    """The questions of a form: a template's, or a meeting's edited copy."""

    title: Text
    # Shown above the questions (who the form is for, where the answers go).
    intro: Text | None = None
    questions: Annotated[list[Question], Field(min_length=1, max_length=MAX_QUESTIONS)]

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("a question id appears twice")
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class Template(Strict):
    """A built-in form: its definition and the settings a form made from it starts with."""

    id: Slug
    name: Text
    definition: FormDef
    anonymous: bool = False
    # everyone | role:<role id>
    audience: str = "everyone"
    # Days between opening and the deadline; the reminder goes out `remind_before_hours` before the deadline.
    days_open: Annotated[int, Field(ge=1, le=90)] = 7
    remind_before_hours: Annotated[int, Field(ge=1, le=24 * 30)] = 24


# Answers ------------------------------------------------------------------------------------------

Answer = str | int | bool | list[str]


class AnswerRefused(ValueError):
    """Why a set of answers is refused: `code` is an error code of the catalogue (app/errors.py)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def check_answers(definition: FormDef, answers: dict[str, Any]) -> dict[str, Answer]:
    """One person's answers, cleaned (texts trimmed, empty ones left out), or AnswerRefused for the first problem."""
    unknown = sorted(set(answers) - {q.id for q in definition.questions})
    if unknown:
        raise AnswerRefused("unknown_question", f"The form has no question {unknown[0]!r}.")
    cleaned: dict[str, Answer] = {}
    for question in definition.questions:
        value = answers.get(question.id)
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            if question.required:
                raise AnswerRefused("invalid_input", f"{question.id}: an answer is required.")
            continue
        cleaned[question.id] = _check_one(question, value)
    if not cleaned:
        raise AnswerRefused("invalid_input", "Answer at least one question.")
    return cleaned


def _check_one(question: Question, value: Any) -> Answer:
    where = question.id
    if question.kind in TEXT_KINDS:
        if not isinstance(value, str):
            raise AnswerRefused("invalid_input", f"{where}: the answer must be text.")
        text = value.strip()
        limit = SHORT_TEXT_MAX if question.kind == Kind.short_text else LONG_TEXT_MAX
        if len(text) > limit:
            raise AnswerRefused("invalid_input", f"{where}: the answer is longer than {limit} characters.")
        if question.kind == Kind.short_text and ("\n" in text or "\r" in text):
            raise AnswerRefused("invalid_input", f"{where}: a short answer is one line.")
        if any(ord(c) < 32 and c not in "\n\r\t" for c in text):
            raise AnswerRefused("invalid_input", f"{where}: the answer contains control characters.")
        return text
    if question.kind == Kind.scale_0_10:
        # bool is an int in Python: True is not a point on the scale.
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerRefused("invalid_input", f"{where}: the answer must be a whole number from 0 to 10.")
        if not 0 <= value <= 10:
            raise AnswerRefused("invalid_input", f"{where}: {value} is outside the scale 0 to 10.")
        return value
    if question.kind == Kind.yes_no:
        if not isinstance(value, bool):
            raise AnswerRefused("invalid_input", f"{where}: the answer must be yes (true) or no (false).")
        return value
    choices = [c.id for c in question.choices]
    if question.kind == Kind.single_choice:
        if not isinstance(value, str) or value not in choices:
            raise AnswerRefused("invalid_input", f"{where}: choose one of {', '.join(choices)}.")
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AnswerRefused("invalid_input", f"{where}: the answer must be a list of choices.")
    if len(set(value)) != len(value):
        raise AnswerRefused("invalid_input", f"{where}: a choice is given twice.")
    strange = [v for v in value if v not in choices]
    if strange:
        raise AnswerRefused("invalid_input", f"{where}: {strange[0]!r} is not one of {', '.join(choices)}.")
    # Kept in the form's order of choices: the order a person ticked them tells nothing anyone needs.
    return [c for c in choices if c in value]
