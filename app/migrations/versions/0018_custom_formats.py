"""custom formats: an organiser's own format definitions

Revision ID: 0018_custom_formats
Revises: 0017_mail
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_custom_formats"
down_revision: str | Sequence[str] | None = "0017_mail"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "custom_format",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("organiser_id", sa.String(length=64), nullable=True),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_custom_format_organiser_id"), "custom_format", ["organiser_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_custom_format_organiser_id"), table_name="custom_format")
    op.drop_table("custom_format")
