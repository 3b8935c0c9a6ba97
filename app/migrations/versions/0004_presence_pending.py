"""participant.presence_pending: presence announced by the timer

Revision ID: 0004_presence
Revises: 0003_breakouts
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_presence"
down_revision: str | Sequence[str] | None = "0003_breakouts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("presence_pending", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f("ix_participant_presence_pending"), ["presence_pending"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_presence_pending"))
        batch_op.drop_column("presence_pending")
