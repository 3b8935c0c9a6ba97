"""Capture boards: cards in the columns of a format's boards, dot votes on them, and sign-offs of a plan.

The boards themselves (columns, tags, voting) are the format's definition (app/formats/definition.py);
only what the group writes is stored here.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

CARD_TEXT_MAX = 500
# Merging joins texts: a merged card may be longer than one that is written.
CARD_STORED_MAX = 2000


class Card(SQLModel, table=True):
    __table_args__ = (Index("ix_card_board_column_position", "meeting_id", "board_id", "column_id", "position"),)

    id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", max_length=36)
    board_id: str = Field(max_length=40)
    column_id: str = Field(max_length=40)
    # Its place in the column: lower first. Dense (0, 1, 2 …) among the column's cards after every move.
    position: int = 0
    text: str = Field(max_length=CARD_STORED_MAX)
    # None when anonymous: the author is never stored, so nothing can reveal it (as for anonymous questions).
    author_id: str | None = Field(default=None, max_length=36)
    anonymous: bool = False
    # The author's organisation when the card was written (the map groups by it); never for an anonymous card.
    organisation: str | None = Field(default=None, max_length=120)
    tags: list[str] = Field(default_factory=list, sa_type=JSON)
    theme: str | None = Field(default=None, max_length=80)
    owner: str | None = Field(default=None, max_length=120)
    due: date | None = None
    hidden: bool = False
    # Set when merged into another card: the card is gone from the board, its text and dots live on there.
    merged_into: str | None = Field(default=None, max_length=36)
    # Dots on the card, all people together (the rows in card_vote say whose, and are never sent).
    votes: int = 0
    created_at: datetime
    updated_at: datetime
    # An anonymous card is held back until this moment (a random delay drawn when written) and then placed
    # by the timer at the end of its column, so that its arrival does not follow its author's acts.
    # None once released (always for a named card); `created_at` is then the release time.
    release_at: datetime | None = Field(default=None, index=True)


class CardVote(SQLModel, table=True):
    """One person's dots on one card (dot voting)."""

    __tablename__ = "card_vote"

    card_id: str = Field(foreign_key="card.id", primary_key=True, max_length=36)
    participant_id: str = Field(primary_key=True, max_length=36)
    meeting_id: str = Field(foreign_key="meeting.id", index=True, max_length=36)
    board_id: str = Field(max_length=40)
    dots: int = 0


class PlanSignOff(SQLModel, table=True):
    """A person's agreement to a plan board, kept with the name they had and the time they signed."""

    __tablename__ = "plan_sign_off"

    meeting_id: str = Field(foreign_key="meeting.id", primary_key=True, max_length=36)
    board_id: str = Field(primary_key=True, max_length=40)
    participant_id: str = Field(primary_key=True, max_length=36)
    display_name: str = Field(max_length=80)
    signed_at: datetime
