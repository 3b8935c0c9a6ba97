"""boards: cards on a format's capture boards, dot votes on them, sign-offs of a plan

Revision ID: 0016_boards
Revises: 0015_consent_ballot_counts
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0016_boards"
down_revision: str | Sequence[str] | None = "0015_consent_ballot_counts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "card",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("board_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("column_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("author_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("organisation", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("theme", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("merged_into", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("votes", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("release_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.create_index("ix_card_board_column_position", ["meeting_id", "board_id", "column_id", "position"], unique=False)
        batch_op.create_index(batch_op.f("ix_card_release_at"), ["release_at"], unique=False)
    op.create_table(
        "card_vote",
        sa.Column("card_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("board_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["card_id"], ["card.id"]),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("card_id", "participant_id"),
    )
    with op.batch_alter_table("card_vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_vote_meeting_id"), ["meeting_id"], unique=False)
    op.create_table(
        "plan_sign_off",
        sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("board_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("signed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("meeting_id", "board_id", "participant_id"),
    )


def downgrade() -> None:
    op.drop_table("plan_sign_off")
    with op.batch_alter_table("card_vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_vote_meeting_id"))
    op.drop_table("card_vote")
    with op.batch_alter_table("card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_release_at"))
        batch_op.drop_index("ix_card_board_column_position")
    op.drop_table("card")
