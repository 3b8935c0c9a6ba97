"""Capture boards: cards proposed, edited, moved, merged, tagged, themed, assigned, hidden; dot votes; plan sign-offs.

The boards are the meeting's format's (`formats.of_meeting(meeting).boards`); this module keeps what the
group writes on them. Who may do what:
- proposing a card needs `propose_card`, voting `vote_cards`, signing a plan `sign_plan`; these are the
  group's contributions and need the board open in the current stage (or a format without stages);
- editing, moving, merging, tagging, theming, assigning, hiding a card needs `edit_cards` (moderators hold
  every right) and is not bound to the stage: the moderator tidies the board also after its stage;
- the author of a named card may edit its text while the board is open;
- a private board exists only for moderators and roles with `see_private`: for anyone else it is not found,
  and its events go only to the moderators' room and the sockets of those people.
An anonymous card is stored without its author and held back for a random delay (as an anonymous question),
then placed at the end of its column by the timer (`release_due`).
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import col, delete, select
from sqlmodel.sql.expression import SelectOfScalar

from app import clock, i18n, ids, rooms
from app import markdown as md
from app.db import UnitOfWork
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.events import (
    BoardCardAdded,
    BoardCardChanged,
    BoardCardHidden,
    BoardCardMerged,
    BoardCardRemoved,
    BoardCardsMoved,
    BoardCardVoted,
    BoardMyVotesChanged,
    BoardPlanSigned,
    BoardPlanUnsigned,
    CardPlace,
    CardView,
    Event,
    SignOffView,
    View,
)
from app.formats.definition import Base, BoardDef, BoardKind, FormatDef, Right, StageDef, text_in
from app.models import Card, CardVote, Meeting, MeetingStage, Participant, PlanSignOff, Role
from app.models.board import CARD_STORED_MAX
from app.rules import boards as rule
from app.services import formats, meetings, roles, views


class BoardClosed(Conflict):
    code, message = "board_closed", "This board is not open for contributions in the current stage."


class BoardFeatureOff(Conflict):
    code = "board_feature_off"


class AnonymousNotAllowed(Conflict):
    code, message = "anonymous_not_allowed", "This board does not take anonymous cards."


class TagNotAllowed(InvalidInput):
    code = "tag_not_allowed"


class NotHidden(Conflict):
    code, message = "not_hidden", "The card is not hidden."


class VoteBudgetSpent(Conflict):
    code, message = "vote_budget_spent", "You have placed all your dots on this board; take one back to move it."


class CardVoteLimit(Conflict):
    code, message = "card_vote_limit", "You have placed as many dots on this card as one person may."


class NoDotToRemove(Conflict):
    code, message = "no_dot_to_remove", "You have no dot on this card."


class AlreadySigned(Conflict):
    code, message = "already_signed", "You have already signed this plan."


class NotSigned(Conflict):
    code, message = "not_signed", "You have not signed this plan."


# Where a board stands ---------------------------------------------------------------------------


async def current_stage(uow: UnitOfWork, meeting: Meeting, definition: FormatDef) -> StageDef | None:
    """The stage the meeting is in (no row: the format's first); None for a format without stages."""
    if not definition.stages:
        return None
    row = await uow.session.get(MeetingStage, meeting.id)
    if row is None:
        return definition.stages[0]
    return definition.stage(row.stage)


def open_in(definition: FormatDef, board: BoardDef) -> list[str] | None:
    """The stages that open the board for contributions; None: always open (a format without stages)."""
    if not definition.stages:
        return None
    return [stage.id for stage in definition.stages if board.id in stage.boards]


async def is_open(uow: UnitOfWork, meeting: Meeting, definition: FormatDef, board: BoardDef) -> bool:
    if not definition.stages:
        return True
    stage = await current_stage(uow, meeting, definition)
    return stage is not None and board.id in stage.boards


async def check_open(uow: UnitOfWork, meeting: Meeting, definition: FormatDef, board: BoardDef) -> None:
    if not await is_open(uow, meeting, definition, board):
        raise BoardClosed()


def can_see(definition: FormatDef, person: Participant, board: BoardDef) -> bool:
    return not board.private or roles.may(definition, person, Right.see_private)


def is_editor(definition: FormatDef, person: Participant) -> bool:
    return roles.may(definition, person, Right.edit_cards)


def sees_hidden(person: Participant) -> bool:
    """Hidden cards stay on the moderators' boards (to be shown again); everyone else loses them."""
    return person.role == Role.moderator


def board_of(definition: FormatDef, person: Participant, board_id: str) -> BoardDef:
    board = definition.board(board_id)
    if board is None or not can_see(definition, person, board):
        raise NotFound("No such board in this meeting.")
    return board


def sign_roles(definition: FormatDef) -> list[str]:
    """The roles asked to sign a plan: participant roles with `sign_plan` that take part (not observers)."""
    candidates = [definition.role(definition.default_role), *definition.roles]
    found: list[str] = []
    for role in candidates:
        if role.base == Base.participant and not role.observer and Right.sign_plan in role.rights and role.id not in found:
            found.append(role.id)
    return found


async def _audience(uow: UnitOfWork, meeting: Meeting, definition: FormatDef, board: BoardDef) -> list[str]:
    if not board.private:
        return [rooms.meeting(meeting.id)]
    people = (
        await uow.session.exec(
            select(Participant).where(
                Participant.meeting_id == meeting.id, Participant.role != Role.moderator, Participant.removed_at == None  # noqa: E711
            )
        )
    ).all()
    return [rooms.moderators(meeting.id)] + [rooms.person(p.id) for p in people if roles.may(definition, p, Right.see_private)]


async def _announce(uow: UnitOfWork, meeting: Meeting, definition: FormatDef, board: BoardDef, event: Event) -> None:
    await uow.change(meeting.id, event, to=await _audience(uow, meeting, definition, board))


# Cards ------------------------------------------------------------------------------------------


async def card_view(uow: UnitOfWork, card: Card) -> CardView:
    author = await uow.session.get(Participant, card.author_id) if card.author_id else None
    return _view(card, author)


def _view(card: Card, author: Participant | None) -> CardView:
    return CardView(
        id=card.id,
        board_id=card.board_id,
        column_id=card.column_id,
        position=card.position,
        text=card.text,
        anonymous=card.anonymous,
        author=views.person(author) if author is not None else None,
        organisation=card.organisation,
        tags=list(card.tags),
        theme=card.theme,
        owner=card.owner,
        due=card.due,
        hidden=card.hidden,
        votes=card.votes,
        created_at=card.created_at,
        updated_at=card.updated_at,
    )


def _on_board(meeting_id: str, board_id: str | None = None) -> SelectOfScalar[Card]:
    """Cards that are on a board now: released, not merged away (hidden ones included)."""
    statement = select(Card).where(Card.meeting_id == meeting_id, col(Card.release_at).is_(None), col(Card.merged_into).is_(None))
    if board_id is not None:
        statement = statement.where(Card.board_id == board_id)
    return statement


async def _get(uow: UnitOfWork, meeting: Meeting, definition: FormatDef, person: Participant, card_id: str) -> tuple[Card, BoardDef]:
    card = await uow.session.get(Card, card_id)
    if card is None or card.meeting_id != meeting.id or card.release_at is not None or card.merged_into is not None:
        raise NotFound("No such card in this meeting.")
    board = definition.board(card.board_id)
    if board is None or not can_see(definition, person, board) or (card.hidden and not sees_hidden(person)):
        raise NotFound("No such card in this meeting.")
    return card, board


async def _order(uow: UnitOfWork, meeting: Meeting, board: BoardDef) -> dict[str, list[str]]:
    cards = (await uow.session.exec(_on_board(meeting.id, board.id).order_by(col(Card.position), col(Card.created_at), col(Card.id)))).all()
    order: dict[str, list[str]] = {column.id: [] for column in board.columns}
    for card in cards:
        order.setdefault(card.column_id, []).append(card.id)
    return order


async def _next_position(uow: UnitOfWork, meeting_id: str, board_id: str, column_id: str) -> int:
    cards = (await uow.session.exec(_on_board(meeting_id, board_id).where(Card.column_id == column_id))).all()
    return max((c.position for c in cards), default=-1) + 1


def _column(board: BoardDef, column_id: str) -> str:
    if not any(c.id == column_id for c in board.columns):
        raise NotFound("No such column on this board.")
    return column_id


def _require_editor(definition: FormatDef, person: Participant) -> None:
    roles.require(definition, person, Right.edit_cards)


async def add_card(
    uow: UnitOfWork, *, meeting: Meeting, actor: Participant, board_id: str, column_id: str, text: str, anonymous: bool, anonymous_delay_seconds: float
) -> Card:
    """A named card appears at the end of its column at once; an anonymous one after its hold-back, from the timer."""
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    board = board_of(definition, actor, board_id)
    _column(board, column_id)
    if not is_editor(definition, actor):
        roles.require(definition, actor, Right.propose_card)
        await check_open(uow, meeting, definition, board)
    if anonymous and not board.anonymous:
        raise AnonymousNotAllowed()
    card = Card(
        id=ids.new_id(),
        meeting_id=meeting.id,
        board_id=board.id,
        column_id=column_id,
        text=text,
        author_id=None if anonymous else actor.id,
        anonymous=anonymous,
        organisation=None if anonymous else actor.organisation,
        created_at=uow.now,
        updated_at=uow.now,
    )
    if anonymous:
        card.release_at = uow.now + timedelta(seconds=anonymous_delay_seconds)
        uow.session.add(card)
        return card
    card.position = await _next_position(uow, meeting.id, board.id, column_id)
    uow.session.add(card)
    await uow.session.flush()
    await _announce(uow, meeting, definition, board, BoardCardAdded(card=_view(card, actor)))
    return card


def held_back_due(now: datetime) -> list[SelectOfScalar[Card]]:
    """What `release_due` looks for: anonymous cards whose hold-back has passed."""
    return [select(Card).where(col(Card.release_at).is_not(None), col(Card.release_at) <= now)]


async def release_due(uow: UnitOfWork) -> None:
    """Timer: anonymous cards whose hold-back has passed take their place at the end of their column, as if written now."""
    due = (await uow.session.exec(held_back_due(uow.now)[0].order_by(col(Card.release_at)))).all()
    for card in due:
        meeting = await uow.session.get(Meeting, card.meeting_id)
        if meeting is None:
            continue
        definition = formats.of_meeting(meeting)
        board = definition.board(card.board_id)
        if board is None:
            card.release_at = None
            continue
        # Its place before it counts as on the board: the end of the column as it stands now.
        card.position = await _next_position(uow, meeting.id, board.id, card.column_id)
        card.release_at = None
        card.created_at = card.updated_at = uow.now
        await uow.session.flush()
        await _announce(uow, meeting, definition, board, BoardCardAdded(card=_view(card, None)))


async def _changed(uow: UnitOfWork, meeting: Meeting, definition: FormatDef, board: BoardDef, card: Card) -> None:
    card.updated_at = uow.now
    await uow.session.flush()
    event = BoardCardChanged(card=await card_view(uow, card))
    if card.hidden:
        # A hidden card stays with the moderators: its new text must not reach anyone else.
        await uow.change(meeting.id, event, to=rooms.moderators(meeting.id))
    else:
        await _announce(uow, meeting, definition, board, event)


async def edit_card(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str, text: str) -> None:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    card, board = await _get(uow, meeting, definition, actor, card_id)
    if not is_editor(definition, actor):
        if card.anonymous or card.author_id != actor.id:
            raise Forbidden("Only a moderator or the card's author can edit it.")
        await check_open(uow, meeting, definition, board)
    if card.text == text:
        return
    card.text = text
    await _changed(uow, meeting, definition, board, card)


async def move_card(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str, column_id: str, position: int) -> None:
    """Put the card at `position` (0 = top, beyond the end = last) of `column_id` on its board."""
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    _require_editor(definition, actor)
    card, board = await _get(uow, meeting, definition, actor, card_id)
    _column(board, column_id)
    before = await _order(uow, meeting, board)
    after = rule.move(before, card.id, to_column=column_id, position=position)
    cards = {c.id: c for c in (await uow.session.exec(_on_board(meeting.id, board.id))).all()}
    was = {cid: (c.column_id, c.position) for cid, c in cards.items()}
    # Dense positions in the columns touched, so that the order is the same whoever reads it.
    for column in {card.column_id, column_id}:
        for index, cid in enumerate(after.get(column, [])):
            cards[cid].column_id, cards[cid].position = column, index
    moves = [CardPlace(card_id=cid, column_id=c.column_id, position=c.position) for cid, c in cards.items() if was[cid] != (c.column_id, c.position)]
    if not moves:
        return
    moves.sort(key=lambda m: (m.column_id, m.position))
    await _announce(uow, meeting, definition, board, BoardCardsMoved(board_id=board.id, moves=moves))


async def merge_card(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str, into_id: str) -> Card:
    """`card_id` goes into `into_id`: texts joined, dots added person by person; the kept card keeps its place."""
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    _require_editor(definition, actor)
    if card_id == into_id:
        raise InvalidInput("A card cannot be merged into itself.")
    card, board = await _get(uow, meeting, definition, actor, card_id)
    into, into_board = await _get(uow, meeting, definition, actor, into_id)
    if board.id != into_board.id:
        raise InvalidInput("Cards can be merged only on the same board.")
    text = rule.joined_text(into.text, card.text)
    if len(text) > CARD_STORED_MAX:
        raise InvalidInput(f"Together the two texts are longer than {CARD_STORED_MAX} characters; shorten one first.")
    into.text = text
    if card.author_id != into.author_id:
        # Written by different people (or one of them anonymously): the merged card is nobody's alone.
        into.author_id = None
    into.anonymous = into.anonymous and card.anonymous
    into.tags = [t for t in board.tags if t in set(into.tags) | set(card.tags)]
    into.theme = into.theme or card.theme
    into.owner = into.owner or card.owner
    into.due = into.due or card.due
    kept = {v.participant_id: v for v in (await uow.session.exec(select(CardVote).where(CardVote.card_id == into.id))).all()}
    moved = list((await uow.session.exec(select(CardVote).where(CardVote.card_id == card.id))).all())
    dots = rule.merged_dots({p: v.dots for p, v in kept.items()}, {v.participant_id: v.dots for v in moved})
    for vote in moved:
        await uow.session.delete(vote)
    await uow.session.flush()
    for person, count in dots.items():
        if person in kept:
            kept[person].dots = count
        else:
            uow.session.add(CardVote(card_id=into.id, participant_id=person, meeting_id=meeting.id, board_id=board.id, dots=count))
    into.votes = sum(dots.values())
    card.votes = 0
    card.merged_into = into.id
    card.updated_at = into.updated_at = uow.now
    await uow.session.flush()
    event = BoardCardMerged(board_id=board.id, card_id=card.id, into=await card_view(uow, into))
    if into.hidden:
        await uow.change(meeting.id, event, to=rooms.moderators(meeting.id))
    else:
        await _announce(uow, meeting, definition, board, event)
    return into


async def tag_card(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str, tags: Sequence[str]) -> None:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    _require_editor(definition, actor)
    card, board = await _get(uow, meeting, definition, actor, card_id)
    if not board.tags:
        raise BoardFeatureOff("This board has no tags.")
    unknown = [t for t in tags if t not in board.tags]
    if unknown:
        raise TagNotAllowed(f"Not a tag of this board: {', '.join(unknown)}. Its tags: {', '.join(board.tags)}.")
    wanted = set(tags)
    card.tags = [t for t in board.tags if t in wanted]
    await _changed(uow, meeting, definition, board, card)


async def theme_card(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str, theme: str | None) -> None:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    _require_editor(definition, actor)
    card, board = await _get(uow, meeting, definition, actor, card_id)
    if not board.themes:
        raise BoardFeatureOff("This board has no themes.")
    card.theme = " ".join(theme.split()) if theme and theme.strip() else None
    await _changed(uow, meeting, definition, board, card)


async def assign_card(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str, owner: str | None, due: date | None) -> None:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    _require_editor(definition, actor)
    card, board = await _get(uow, meeting, definition, actor, card_id)
    if not board.owners:
        raise BoardFeatureOff("Cards on this board have no owner or due date.")
    card.owner = owner.strip() if owner and owner.strip() else None
    card.due = due
    await _changed(uow, meeting, definition, board, card)


async def hide_card(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str) -> None:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    _require_editor(definition, actor)
    card, board = await _get(uow, meeting, definition, actor, card_id)
    if card.hidden:
        raise Conflict("The card is already hidden.", code="already_hidden")
    # `updated_at` stays: the text did not change, and pages that keep the card (the moderators') only mark it.
    card.hidden = True
    await _announce(uow, meeting, definition, board, BoardCardHidden(board_id=board.id, card_id=card.id))


async def unhide_card(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str) -> None:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    _require_editor(definition, actor)
    card, board = await _get(uow, meeting, definition, actor, card_id)
    if not card.hidden:
        raise NotHidden()
    card.hidden = False
    await _changed(uow, meeting, definition, board, card)


# Dot voting -------------------------------------------------------------------------------------


async def _voting(uow: UnitOfWork, meeting: Meeting, actor: Participant, card_id: str) -> tuple[FormatDef, BoardDef, Card]:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    roles.require(definition, actor, Right.vote_cards)
    card, board = await _get(uow, meeting, definition, actor, card_id)
    if board.voting is None:
        raise BoardFeatureOff("This board has no dot voting.")
    if card.hidden:
        raise NotFound("No such card in this meeting.")
    await check_open(uow, meeting, definition, board)
    return definition, board, card


async def _my_dots(uow: UnitOfWork, actor: Participant, board: BoardDef) -> list[CardVote]:
    statement = select(CardVote).where(CardVote.meeting_id == actor.meeting_id, CardVote.board_id == board.id, CardVote.participant_id == actor.id)
    return list((await uow.session.exec(statement)).all())


async def vote(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str) -> int:
    """One more dot of the actor's on the card; returns the dots they have left on the board."""
    definition, board, card = await _voting(uow, meeting, actor, card_id)
    assert board.voting is not None
    mine = await _my_dots(uow, actor, board)
    row = next((v for v in mine if v.card_id == card.id), None)
    refusal = rule.check_vote(
        on_board=sum(v.dots for v in mine), on_card=row.dots if row else 0, budget=board.voting.budget, per_card=board.voting.per_card
    )
    if refusal == rule.VoteRefusal.budget_spent:
        raise VoteBudgetSpent()
    if refusal == rule.VoteRefusal.card_limit:
        raise CardVoteLimit()
    if row is None:
        row = CardVote(card_id=card.id, participant_id=actor.id, meeting_id=meeting.id, board_id=board.id, dots=0)
        uow.session.add(row)
    placed = sum(v.dots for v in mine)
    row.dots += 1
    card.votes += 1
    await _announce_vote(uow, meeting, definition, board, card, actor, row.dots)
    return rule.remaining(budget=board.voting.budget, placed=[placed + 1])


async def unvote(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, card_id: str) -> int:
    """One of the actor's dots off the card; returns the dots they have left on the board."""
    definition, board, card = await _voting(uow, meeting, actor, card_id)
    assert board.voting is not None
    mine = await _my_dots(uow, actor, board)
    row = next((v for v in mine if v.card_id == card.id), None)
    if row is None or row.dots <= 0:
        raise NoDotToRemove()
    placed = sum(v.dots for v in mine)
    row.dots -= 1
    card.votes = max(0, card.votes - 1)
    left = row.dots
    if left == 0:
        await uow.session.delete(row)
    await _announce_vote(uow, meeting, definition, board, card, actor, left)
    return rule.remaining(budget=board.voting.budget, placed=[placed - 1])


async def _announce_vote(uow: UnitOfWork, meeting: Meeting, definition: FormatDef, board: BoardDef, card: Card, actor: Participant, dots: int) -> None:
    # Two events of one version: the total to the board's audience, the voter's own dots to their sockets only.
    version = await uow.bump(meeting.id)
    uow.record(BoardCardVoted(board_id=board.id, card_id=card.id, votes=card.votes), to=await _audience(uow, meeting, definition, board), version=version)
    uow.record(BoardMyVotesChanged(board_id=board.id, card_id=card.id, dots=dots), to=rooms.person(actor.id), version=version)


# Plan sign-off ----------------------------------------------------------------------------------


def sign_off_view(row: PlanSignOff) -> SignOffView:
    return SignOffView(board_id=row.board_id, participant_id=row.participant_id, display_name=row.display_name, signed_at=row.signed_at)


async def _plan(uow: UnitOfWork, meeting: Meeting, actor: Participant, board_id: str) -> tuple[FormatDef, BoardDef]:
    meetings.check_not_ended(meeting)
    definition = formats.of_meeting(meeting)
    board = board_of(definition, actor, board_id)
    roles.require(definition, actor, Right.sign_plan)
    if board.kind != BoardKind.plan:
        raise BoardFeatureOff("Only a plan is signed.")
    await check_open(uow, meeting, definition, board)
    return definition, board


async def sign(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, board_id: str) -> PlanSignOff:
    definition, board = await _plan(uow, meeting, actor, board_id)
    if await uow.session.get(PlanSignOff, (meeting.id, board.id, actor.id)) is not None:
        raise AlreadySigned()
    row = PlanSignOff(meeting_id=meeting.id, board_id=board.id, participant_id=actor.id, display_name=actor.display_name, signed_at=uow.now)
    uow.session.add(row)
    await _announce(uow, meeting, definition, board, BoardPlanSigned(sign_off=sign_off_view(row)))
    return row


async def unsign(uow: UnitOfWork, *, meeting: Meeting, actor: Participant, board_id: str) -> None:
    definition, board = await _plan(uow, meeting, actor, board_id)
    row = await uow.session.get(PlanSignOff, (meeting.id, board.id, actor.id))
    if row is None:
        raise NotSigned()
    await uow.session.delete(row)
    await _announce(uow, meeting, definition, board, BoardPlanUnsigned(board_id=board.id, participant_id=actor.id))


async def expected_signers(uow: UnitOfWork, meeting: Meeting, definition: FormatDef) -> list[Participant]:
    """Everyone present (joined, not removed) who is asked to sign: their role has `sign_plan` (not moderators)."""
    asked = set(sign_roles(definition))
    people = (
        await uow.session.exec(
            select(Participant)
            .where(Participant.meeting_id == meeting.id, Participant.role == Role.participant, Participant.removed_at == None)  # noqa: E711
            .order_by(col(Participant.joined_at))
        )
    ).all()
    return [p for p in people if roles.role_of(definition, p).id in asked]


# Reads ------------------------------------------------------------------------------------------


class ColumnInfo(View):
    id: str
    name: dict[str, str]
    hint: dict[str, str] | None


class VotingInfo(View):
    budget: int
    per_card: int


class BoardInfo(View):
    """A board of the format as the page draws it (names per language; the page picks its own)."""

    id: str
    name: dict[str, str]
    kind: BoardKind
    columns: list[ColumnInfo]
    anonymous: bool
    tags: list[str]
    themes: bool
    owners: bool
    voting: VotingInfo | None
    private: bool
    # The stages that open it for contributions; null: always open (a format without stages).
    open_in: list[str] | None


class BoardsSnapshot(View):
    """`meeting.boards`: the boards this person may see, their cards in order, their own dots, the sign-offs."""

    boards: list[BoardInfo]
    # Ordered by board, column and position. Hidden cards only in moderators' snapshots.
    cards: list[CardView]
    # This person's dots per card (nobody else's are ever sent).
    my_votes: dict[str, int]
    sign_offs: list[SignOffView]
    # Who is asked to sign a plan: participants whose format role is one of these (`default_role` when they have none).
    sign_roles: list[str]
    default_role: str


def board_info(definition: FormatDef, board: BoardDef) -> BoardInfo:
    return BoardInfo(
        id=board.id,
        name=dict(board.name),
        kind=board.kind,
        columns=[ColumnInfo(id=c.id, name=dict(c.name), hint=dict(c.hint) if c.hint else None) for c in board.columns],
        anonymous=board.anonymous,
        tags=list(board.tags),
        themes=board.themes,
        owners=board.owners,
        voting=VotingInfo(budget=board.voting.budget, per_card=board.voting.per_card) if board.voting else None,
        private=board.private,
        open_in=open_in(definition, board),
    )


async def snapshot(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant) -> BoardsSnapshot:
    definition = formats.of_meeting(meeting)
    seen = [b for b in definition.boards if can_see(definition, viewer, b)]
    return BoardsSnapshot(
        boards=[board_info(definition, b) for b in seen],
        cards=await visible_cards(uow, meeting=meeting, viewer=viewer) if seen else [],
        my_votes=await my_votes(uow, meeting=meeting, viewer=viewer) if seen else {},
        sign_offs=await sign_offs(uow, meeting=meeting, viewer=viewer) if seen else [],
        sign_roles=sign_roles(definition),
        default_role=definition.default_role,
    )


async def visible_cards(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant) -> list[CardView]:
    definition = formats.of_meeting(meeting)
    seen = {b.id for b in definition.boards if can_see(definition, viewer, b)}
    if not seen:
        return []
    rows = (
        await uow.session.exec(
            _on_board(meeting.id).where(col(Card.board_id).in_(seen)).order_by(col(Card.board_id), col(Card.column_id), col(Card.position), col(Card.id))
        )
    ).all()
    authors = {
        p.id: p
        for p in (await uow.session.exec(select(Participant).where(col(Participant.id).in_({c.author_id for c in rows if c.author_id})))).all()
    }
    hidden_too = sees_hidden(viewer)
    return [_view(c, authors.get(c.author_id) if c.author_id else None) for c in rows if hidden_too or not c.hidden]


async def my_votes(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant) -> dict[str, int]:
    statement = select(CardVote).where(CardVote.meeting_id == meeting.id, CardVote.participant_id == viewer.id)
    return {v.card_id: v.dots for v in (await uow.session.exec(statement)).all() if v.dots > 0}


async def sign_offs(uow: UnitOfWork, *, meeting: Meeting, viewer: Participant | None) -> list[SignOffView]:
    definition = formats.of_meeting(meeting)
    statement = select(PlanSignOff).where(PlanSignOff.meeting_id == meeting.id).order_by(col(PlanSignOff.signed_at), col(PlanSignOff.participant_id))
    rows = (await uow.session.exec(statement)).all()
    boards = {b.id: b for b in definition.boards}
    return [
        sign_off_view(r) for r in rows if r.board_id in boards and (viewer is None or can_see(definition, viewer, boards[r.board_id]))
    ]


# Erasure (app/services/privacy.py) --------------------------------------------------------------


async def forget_person(uow: UnitOfWork, *, meeting: Meeting, person: Participant) -> None:
    """A person erases their data: their named cards go, their dots come off, their sign-offs go; pages are told."""
    definition = formats.of_meeting(meeting)
    for vote_row in (await uow.session.exec(select(CardVote).where(CardVote.participant_id == person.id))).all():
        card = await uow.session.get(Card, vote_row.card_id)
        await uow.session.delete(vote_row)
        if card is None or card.merged_into is not None or card.release_at is not None:
            continue
        card.votes = max(0, card.votes - vote_row.dots)
        board = definition.board(card.board_id)
        if board is not None:
            await _announce(uow, meeting, definition, board, BoardCardVoted(board_id=board.id, card_id=card.id, votes=card.votes))
    await uow.session.flush()
    for card in (await uow.session.exec(select(Card).where(Card.author_id == person.id))).all():
        on_board = card.merged_into is None and card.release_at is None
        for vote_row in (await uow.session.exec(select(CardVote).where(CardVote.card_id == card.id))).all():
            await uow.session.delete(vote_row)
        # Cards merged into this one were the same person's (a merge of different people's cards is nobody's).
        for merged in (await uow.session.exec(select(Card).where(Card.merged_into == card.id))).all():
            await _delete_card(uow, merged)
        await _delete_card(uow, card)
        board = definition.board(card.board_id)
        if on_board and board is not None:
            await _announce(uow, meeting, definition, board, BoardCardRemoved(board_id=board.id, card_id=card.id))
    for row in (await uow.session.exec(select(PlanSignOff).where(PlanSignOff.participant_id == person.id))).all():
        await uow.session.delete(row)
        board = definition.board(row.board_id)
        if board is not None:
            await _announce(uow, meeting, definition, board, BoardPlanUnsigned(board_id=board.id, participant_id=person.id))
    await uow.session.flush()


async def export_person(uow: UnitOfWork, *, person: Participant) -> dict[str, Any]:
    """Art. 15: their named cards, their dots, their sign-offs. Anonymous cards are not theirs on record."""
    cards = (await uow.session.exec(select(Card).where(Card.author_id == person.id).order_by(col(Card.created_at)))).all()
    dots = (await uow.session.exec(select(CardVote).where(CardVote.participant_id == person.id))).all()
    signed = (await uow.session.exec(select(PlanSignOff).where(PlanSignOff.participant_id == person.id))).all()
    return {
        "board_cards": [
            {"board_id": c.board_id, "column_id": c.column_id, "text": c.text, "merged": c.merged_into is not None, "hidden": c.hidden, "created_at": clock.iso(c.created_at)}
            for c in cards
        ],
        "card_dots": [{"card_id": v.card_id, "dots": v.dots} for v in dots],
        "plan_sign_offs": [{"board_id": s.board_id, "display_name": s.display_name, "signed_at": clock.iso(s.signed_at)} for s in signed],
    }


async def _delete_card(uow: UnitOfWork, card: Card) -> None:
    for vote_row in (await uow.session.exec(select(CardVote).where(CardVote.card_id == card.id))).all():
        await uow.session.delete(vote_row)
    await uow.session.flush()
    await uow.session.delete(card)


async def erase_meeting(uow: UnitOfWork, *, meeting_id: str) -> None:
    """Retention: everything written on the meeting's boards goes."""
    await uow.session.exec(delete(CardVote).where(col(CardVote.meeting_id) == meeting_id))
    await uow.session.exec(delete(PlanSignOff).where(col(PlanSignOff.meeting_id) == meeting_id))
    await uow.session.exec(delete(Card).where(col(Card.meeting_id) == meeting_id))


# The summary (app/services/summary.py) -----------------------------------------------------------


async def for_summary(uow: UnitOfWork, *, meeting: Meeting, who: Callable[[str | None], str | None]) -> list[dict[str, Any]]:
    """The boards as the group left them, for the meeting's record: columns in order, each card's words,
    tags, theme, owner, due date and dots; hidden and merged cards left out; an anonymous card without an
    author; names only as `who` gives them (the person's opt-in). Private boards are never in it: the
    summary is handed on, a facilitator's private note is not."""
    definition = formats.of_meeting(meeting)
    shown = [b for b in definition.boards if not b.private]
    if not shown:
        return []
    cards = (
        await uow.session.exec(_on_board(meeting.id).where(Card.hidden == False).order_by(col(Card.position), col(Card.id)))  # noqa: E712
    ).all()
    signed = (
        await uow.session.exec(
            select(PlanSignOff).where(PlanSignOff.meeting_id == meeting.id).order_by(col(PlanSignOff.signed_at), col(PlanSignOff.participant_id))
        )
    ).all()
    language = meeting.language
    result = []
    for board in shown:
        mine = [c for c in cards if c.board_id == board.id]
        entry: dict[str, Any] = {
            "id": board.id,
            "name": text_in(board.name, language),
            "kind": board.kind,
            "columns": [
                {
                    "id": column.id,
                    "name": text_in(column.name, language),
                    "cards": [
                        {
                            "text": c.text,
                            "anonymous": c.anonymous,
                            "by": None if c.anonymous else who(c.author_id),
                            "tags": list(c.tags),
                            "theme": c.theme,
                            "owner": c.owner,
                            "due": c.due.isoformat() if c.due else None,
                            "votes": c.votes,
                        }
                        for c in mine
                        if c.column_id == column.id
                    ],
                }
                for column in board.columns
            ],
        }
        if board.kind == BoardKind.map:
            services = board.columns[0].id
            rows = rule.coverage(rule.MapCard(c.theme, c.organisation, c.column_id == services) for c in mine)
            entry["map"] = [{"theme": r.theme, "organisations": list(r.organisations), "coverage": r.coverage} for r in rows]
        if board.kind == BoardKind.plan:
            entry["signed"] = [{"by": who(s.participant_id), "signed_at": clock.iso(s.signed_at)} for s in signed if s.board_id == board.id]
        result.append(entry)
    return result


def summary_lines(boards: list[dict[str, Any]], tr: Callable[..., str]) -> list[str]:
    """The boards part of summary.md."""
    if not boards:
        return []
    lines = ["", f"## {tr('summary.boards')}"]
    tags = {key.removeprefix("summary.board.tag.") for key in i18n.EN if key.startswith("summary.board.tag.")}
    for board in boards:
        lines += ["", f"### {md.text(board['name'])}"]
        for column in board["columns"]:
            lines += ["", f"#### {md.text(column['name'])}", ""]
            items = []
            for card in column["cards"]:
                details = [tr(f"summary.board.tag.{t}") if t in tags else md.text(t) for t in card["tags"]]
                if card["theme"]:
                    details.append(tr("summary.board.theme", theme=md.text(card["theme"])))
                if card["owner"]:
                    details.append(tr("summary.board.owner", owner=md.text(card["owner"])))
                if card["due"]:
                    details.append(tr("summary.board.due", date=card["due"]))
                if card["votes"]:
                    details.append(tr("summary.board.votes", count=card["votes"]))
                author = tr("summary.board.anonymous") if card["anonymous"] else tr("summary.board.by", name=md.text(card["by"])) if card["by"] else None
                if author:
                    details.append(author)
                text = md.text(" ".join(card["text"].split()))
                items.append(f"- {text}" + (f" ({'; '.join(details)})" if details else ""))
            lines += items or [tr("summary.board.no_cards")]
        if "map" in board and board["map"]:
            lines += ["", f"#### {tr('summary.board.map')}", ""]
            lines += [
                f"- {md.text(row['theme'])}: {', '.join(md.text(o) for o in row['organisations']) or '—'} ({tr('summary.board.coverage.' + row['coverage'])})"
                for row in board["map"]
            ]
        if "signed" in board:
            names = [md.text(s["by"] or tr("summary.someone")) for s in board["signed"]]
            lines += ["", tr("summary.board.signed", names=", ".join(names)) if names else tr("summary.board.not_signed")]
    return lines
