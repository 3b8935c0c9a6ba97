"""Arabic as a meeting language; a question remembers the chat message it was promoted from

Revision ID: 0005_arabic
Revises: 0004_presence
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_arabic"
down_revision: str | Sequence[str] | None = "0004_presence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # PostgreSQL keeps the language as a native enum type; SQLite stores it as plain text.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TYPE language ADD VALUE IF NOT EXISTS 'ar'")
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("promoted_from", sa.String(length=36), nullable=True))
        # One question per chat message: promoting the same message twice is refused, also by the database.
        batch_op.create_index(batch_op.f("ix_question_promoted_from"), ["promoted_from"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_promoted_from"))
        batch_op.drop_column("promoted_from")
    # PostgreSQL cannot drop a value from an enum type; 'ar' stays allowed after a downgrade.
