"""organisers: one key per organiser, meetings owned and shared, topic tags, organisers' console seats

Revision ID: 0014_organisers
Revises: 0013_series
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014_organisers"
down_revision: str | Sequence[str] | None = "0013_series"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

text = sqlmodel.sql.sqltypes.AutoString
when = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    organiser = op.create_table(
        "organiser",
        sa.Column("id", text(length=36), nullable=False),
        sa.Column("name", text(length=80), nullable=False),
        sa.Column("key_hash", text(length=64), nullable=True),
        sa.Column("created_at", when(), nullable=False),
        sa.Column("revoked_at", when(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organiser_key_hash"), ["key_hash"], unique=True)
    # The bootstrap key's organiser owns every meeting made so far.
    op.bulk_insert(organiser, [{"id": "bootstrap", "name": "Organiser", "key_hash": None, "created_at": datetime.now(UTC)}])
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organiser_id", text(length=36), nullable=False, server_default="bootstrap"))
        batch_op.create_index(batch_op.f("ix_meeting_organiser_id"), ["organiser_id"], unique=False)
    op.create_table(
        "meeting_share",
        sa.Column("meeting_id", text(length=36), nullable=False),
        sa.Column("organiser_id", text(length=36), nullable=False),
        sa.Column("shared_at", when(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["organiser_id"], ["organiser.id"]),
        sa.PrimaryKeyConstraint("meeting_id", "organiser_id"),
    )
    with op.batch_alter_table("meeting_share", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_share_organiser_id"), ["organiser_id"], unique=False)
    op.create_table(
        "meeting_tag",
        sa.Column("meeting_id", text(length=36), nullable=False),
        sa.Column("tag", text(length=40), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("meeting_id", "tag"),
    )
    with op.batch_alter_table("meeting_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_tag_tag"), ["tag"], unique=False)
    op.create_table(
        "organiser_seat",
        sa.Column("meeting_id", text(length=36), nullable=False),
        sa.Column("organiser_id", text(length=36), nullable=False),
        sa.Column("participant_id", text(length=36), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["organiser_id"], ["organiser.id"]),
        sa.PrimaryKeyConstraint("meeting_id", "organiser_id"),
    )


def downgrade() -> None:
    op.drop_table("organiser_seat")
    with op.batch_alter_table("meeting_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_tag_tag"))
    op.drop_table("meeting_tag")
    with op.batch_alter_table("meeting_share", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_share_organiser_id"))
    op.drop_table("meeting_share")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_organiser_id"))
        batch_op.drop_column("organiser_id")
    with op.batch_alter_table("organiser", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organiser_key_hash"))
    op.drop_table("organiser")
