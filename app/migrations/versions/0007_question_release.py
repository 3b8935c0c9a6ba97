"""question.release_at: anonymous questions are held back and released by the timer

Revision ID: 0007_question_release
Revises: 0006_consent_asked
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007_question_release"
down_revision: str | Sequence[str] | None = "0006_consent_asked"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("release_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_question_release_at"), ["release_at"], unique=False)
    # An anonymous question no longer carries its author's keynote flag.
    op.execute("UPDATE question SET keynote = false WHERE anonymous AND circulated_at IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_release_at"))
        batch_op.drop_column("release_at")
