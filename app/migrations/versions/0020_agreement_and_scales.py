"""agreement and scales: each person's acknowledgement of a format's agreement; 0–10 scale answers and revealed results

Revision ID: 0020_agreement_and_scales
Revises: 0019_meeting_record
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0020_agreement_and_scales"
down_revision: str | Sequence[str] | None = "0019_meeting_record"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreement_acknowledgement",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("acknowledged_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "participant_id"),
    )
    with op.batch_alter_table("agreement_acknowledgement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_acknowledgement_meeting_id"), ["meeting_id"], unique=False)
    op.create_table(
        "scale_answer",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("scale_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("participant_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("answered_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "scale_id", "participant_id"),
    )
    with op.batch_alter_table("scale_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scale_answer_meeting_id"), ["meeting_id"], unique=False)
    op.create_table(
        "scale_reveal",
        sa.Column("meeting_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("scale_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("counts", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("median", sa.Float(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("revealed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("meeting_id", "scale_id"),
    )


def downgrade() -> None:
    op.drop_table("scale_reveal")
    with op.batch_alter_table("scale_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scale_answer_meeting_id"))
    op.drop_table("scale_answer")
    with op.batch_alter_table("agreement_acknowledgement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_acknowledgement_meeting_id"))
    op.drop_table("agreement_acknowledgement")
