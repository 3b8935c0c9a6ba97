"""A format's definition: its stages, what each stage opens, its capture boards, its roles and their rights.

A format is data. The built-in formats are JSON files beside this module (app/formats/builtin/); an organiser's
own formats are the same document stored in the database. Everything the pages offer in a stage, and every
right a role has, is read from here: no code asks "which format is this?".

Texts are given per language (`{"en": ..., "da": ...}`); English is required, other languages fall back to it.
"""

import re
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SLUG = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
LANGUAGES = ("en", "da", "ar")


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError("must be 1–40 characters: lower-case letters, digits and _, starting with a letter")
    return value


Slug = Annotated[str, AfterValidator(_slug)]


def _text(value: dict[str, str]) -> dict[str, str]:
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"unknown language(s) {', '.join(sorted(unknown))}; known: {', '.join(LANGUAGES)}")
    if not value.get("en", "").strip():
        raise ValueError("an English text is required")
    for language, text in value.items():
        if len(text) > 2000:
            raise ValueError(f"the {language} text is longer than 2000 characters")
    return value


# A text in several languages; pages show the meeting's language, else English.
Text = Annotated[dict[str, str], AfterValidator(_text)]


def text_in(text: dict[str, str], language: str) -> str:
    return text.get(language) or text["en"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Base(StrEnum):
    """What the server's access rules see: a moderator runs the meeting, everyone else takes part."""

    moderator = "moderator"
    participant = "participant"


class Right(StrEnum):
    """What a role may do. Moderator-based roles may do everything; these grant a participant-based role more or less."""

    raise_hand = "raise_hand"
    ask_question = "ask_question"
    chat = "chat"
    # Take a place in the turn order and the fairness rules (the focal person of a conference does not).
    queued = "queued"
    propose_card = "propose_card"
    edit_cards = "edit_cards"
    vote_cards = "vote_cards"
    scale = "scale"
    sign_plan = "sign_plan"
    # Sees boards marked private (the facilitator's note) — moderators always do.
    see_private = "see_private"
    # Gets the meeting's record first, before it is published to everyone (the lead worker).
    receive_record = "receive_record"


class View(StrEnum):
    full = "full"
    # Without professional-only parts: plain words, fewer tools (a family member, the focal person).
    simple = "simple"


class RoleDef(Strict):
    id: Slug
    name: Text
    base: Base = Base.participant
    rights: frozenset[Right] = frozenset()
    view: View = View.full
    # The role joins without taking part (an observer): sees, cannot act.
    observer: bool = False
    # The role's people are the meeting's keynote speakers (Ask the audience): their questions are keynote questions
    # and they take the keynotes' turns first. Giving the role marks the person as a keynote speaker, as
    # `participant.set_keynote` does; taking it away unmarks them.
    keynote: bool = False

    @model_validator(mode="after")
    def _speaks(self) -> Self:
        if self.keynote and self.observer:
            raise ValueError("an observer cannot be a keynote speaker")
        return self


class ColumnDef(Strict):
    id: Slug
    name: Text
    # A line under the column's name telling people what belongs there.
    hint: Text | None = None


class BoardKind(StrEnum):
    # Cards in columns (Signs of Safety, concerns, brainstorm, actions, recommendations).
    cards = "cards"
    # The personal plan: sections as columns, signed off per person at the end.
    plan = "plan"
    # Who does what: each card is an organisation's service with a theme; the board shows overlaps and gaps by theme.
    map = "map"


class VotingDef(Strict):
    """Dot voting: each person may place this many dots in all, at most `per_card` on one card."""

    budget: Annotated[int, Field(ge=1, le=20)] = 3
    per_card: Annotated[int, Field(ge=1, le=20)] = 1
    # Votes are counted and shown as totals; who placed a dot is never shown.


class BoardDef(Strict):
    id: Slug
    name: Text
    kind: BoardKind = BoardKind.cards
    columns: Annotated[list[ColumnDef], Field(min_length=1, max_length=12)]
    # Participants may propose a card without their name (the author is never shown or sent to anyone).
    anonymous: bool = False
    # Tags a card may carry, e.g. ["fact", "opinion"]; empty: no tags.
    tags: Annotated[list[Slug], Field(max_length=12)] = []
    # Cards carry a theme (the map board groups by it; other boards may cluster by it).
    themes: bool = False
    # Cards may get an owner and a due date (actions, recommendations).
    owners: bool = False
    voting: VotingDef | None = None
    # Only moderators and roles with `see_private` see this board (the facilitator's private note).
    private: bool = False

    @model_validator(mode="after")
    def _unique(self) -> Self:
        _no_repeats([c.id for c in self.columns], "column")
        _no_repeats(self.tags, "tag")
        if self.kind == BoardKind.map and not self.themes:
            raise ValueError("a map board needs themes: true")
        return self


class ScaleDef(Strict):
    """A 0–10 scaling question each person answers; everyone sees the spread, not who gave which number."""

    id: Slug
    question: Text
    low: Text
    high: Text


class AgreementDef(Strict):
    """Ground rules each person acknowledges before taking part (kept with name and time)."""

    title: Text
    principles: Annotated[list[Text], Field(min_length=1, max_length=20)]


class Prompt(StrEnum):
    """What a stage suggests to the moderator (a button in the console, a line in the stage's guidance)."""

    open_opening_ballot = "open_opening_ballot"
    open_closing_ballot = "open_closing_ballot"
    review_carried_actions = "review_carried_actions"
    record_follow_ups = "record_follow_ups"
    thinking_break = "thinking_break"
    breakouts = "breakouts"
    collect_sign_offs = "collect_sign_offs"
    agree_review = "agree_review"
    set_next_date = "set_next_date"


class TurnKind(StrEnum):
    """The turn order a stage keeps (app/rules/turn_order.py)."""

    keynotes = "keynotes"
    concluding_tour = "concluding_tour"
    rounds = "rounds"


class StageDef(Strict):
    id: Slug
    name: Text
    # What the stage is for, shown to everyone while it runs.
    guidance: Text | None = None
    # The hand queue and the floor are open.
    floor: bool = True
    questions: bool = True
    turns: TurnKind | None = None
    # Closing this stage while turns remain asks the moderator to confirm.
    confirm_turns_before_leaving: bool = False
    # Boards open for contributions in this stage (others stay visible, read-only).
    boards: Annotated[list[Slug], Field(max_length=12)] = []
    scale: Slug | None = None
    prompts: Annotated[list[Prompt], Field(max_length=len(Prompt))] = []
    # Only these roles (and moderators) take part in this stage; the others wait (the network's own time).
    only_roles: Annotated[list[Slug], Field(max_length=18)] = []
    # A suggested length, shown as a guide; 0: none.
    minutes: Annotated[int, Field(ge=0, le=480)] = 0


class FormatDef(Strict):
    """A format, as the organiser creates it (`POST /api/v1/formats`) and as the built-ins ship."""

    id: Slug
    name: Text
    description: Text | None = None
    # No stages: every tool is available throughout (the `open` format).
    stages: Annotated[list[StageDef], Field(max_length=20)] = []
    boards: Annotated[list[BoardDef], Field(max_length=12)] = []
    scales: Annotated[list[ScaleDef], Field(max_length=4)] = []
    agreement: AgreementDef | None = None
    # Roles beyond the base moderator and participant; `default_role` is what someone joining by the link gets.
    roles: Annotated[list[RoleDef], Field(max_length=16)] = []
    default_role: Slug = "participant"
    # The record goes to the roles with `receive_record` first, before the moderator publishes it to everyone.
    record_first_to_lead: bool = False
    # A roster rule: one key representative per organisation of the series' roster (seed 003); the console flags an
    # entry with more than one person present.
    one_per_organisation: bool = False

    @model_validator(mode="after")
    def _references(self) -> Self:
        _no_repeats([s.id for s in self.stages], "stage")
        _no_repeats([b.id for b in self.boards], "board")
        _no_repeats([s.id for s in self.scales], "scale")
        _no_repeats([r.id for r in self.roles], "role")
        boards, scales = {b.id for b in self.boards}, {s.id for s in self.scales}
        roles = {r.id for r in self.roles} | {"moderator", "participant"}
        for stage in self.stages:
            for board in stage.boards:
                if board not in boards:
                    raise ValueError(f"stage {stage.id!r} opens board {board!r}, which the format does not define")
            if stage.scale is not None and stage.scale not in scales:
                raise ValueError(f"stage {stage.id!r} asks scale {stage.scale!r}, which the format does not define")
            for role in stage.only_roles:
                if role not in roles:
                    raise ValueError(f"stage {stage.id!r} names role {role!r}, which the format does not define")
        if self.default_role not in roles:
            raise ValueError(f"default_role {self.default_role!r} is not one of the format's roles")
        if self.role(self.default_role).keynote:
            raise ValueError(f"default_role {self.default_role!r} is a keynote role: everyone joining would be a keynote speaker")
        return self

    def role(self, role_id: str) -> RoleDef:
        """A role by id; the base roles exist in every format with every right (moderator) or the usual ones."""
        for role in self.roles:
            if role.id == role_id:
                return role
        return BASE_MODERATOR if role_id == "moderator" else BASE_PARTICIPANT

    def stage(self, stage_id: str) -> StageDef | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def board(self, board_id: str) -> BoardDef | None:
        return next((b for b in self.boards if b.id == board_id), None)


PARTICIPANT_RIGHTS = frozenset(
    {Right.raise_hand, Right.ask_question, Right.chat, Right.queued, Right.propose_card, Right.vote_cards, Right.scale}
)
# The base roles, made once: the hand queue asks for a role per raised hand, on every raise of a burst.
BASE_MODERATOR = RoleDef(id="moderator", name={"en": "Moderator"}, base=Base.moderator, rights=frozenset(Right))
BASE_PARTICIPANT = RoleDef(id="participant", name={"en": "Participant"}, rights=PARTICIPANT_RIGHTS)


def _no_repeats(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} id {value!r} appears twice")
        seen.add(value)
