"""meeting record: the take-home record's publication and the moderator's choices

Revision ID: 0019_meeting_record
Revises: 0018_custom_formats
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0019_meeting_record"
down_revision: str | Sequence[str] | None = "0018_custom_formats"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    when = sqlmodel.sql.sqltypes.UTCDateTime
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "meeting_record",
        sa.Column("meeting_id", text(length=36), nullable=False),
        sa.Column("published_at", when(), nullable=True),
        sa.Column("published_by", text(length=36), nullable=True),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("lead_released_at", when(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("meeting_id"),
    )


def downgrade() -> None:
    op.drop_table("meeting_record")
