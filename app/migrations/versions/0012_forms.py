"""forms: questionnaires of a meeting, their answers (named, or anonymous in released batches) and who answered

Revision ID: 0012_forms
Revises: 0011_formats_as_data
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012_forms"
down_revision: str | Sequence[str] | None = "0011_formats_as_data"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sqlmodel.sql.sqltypes.AutoString(length=36)
TIME = sqlmodel.sql.sqltypes.UTCDateTime()


def upgrade() -> None:
    op.create_table(
        "form",
        sa.Column("id", ID, nullable=False),
        sa.Column("meeting_id", ID, nullable=False),
        sa.Column("series_id", ID, nullable=True),
        sa.Column("template", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("opens_at", TIME, nullable=True),
        sa.Column("deadline", TIME, nullable=False),
        sa.Column("reminder_at", TIME, nullable=True),
        sa.Column("opened_notified_at", TIME, nullable=True),
        sa.Column("reminded_at", TIME, nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("closed_at", TIME, nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("form", schema=None) as batch_op:
        for column in ("meeting_id", "series_id", "opens_at", "deadline", "reminder_at", "closed_at"):
            batch_op.create_index(batch_op.f(f"ix_form_{column}"), [column], unique=False)

    # WITHOUT ROWID (SQLite): rows are kept in the order of their random keys, not in the order people answered.
    op.create_table(
        "form_answer",
        sa.Column("id", ID, nullable=False),
        sa.Column("form_id", ID, nullable=False),
        sa.Column("respondent_id", ID, nullable=True),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("submitted_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(["form_id"], ["form.id"]),
        sa.ForeignKeyConstraint(["respondent_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("form_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_form_answer_form_id"), ["form_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_form_answer_respondent_id"), ["respondent_id"], unique=False)

    op.create_table(
        "form_pending_answer",
        sa.Column("id", ID, nullable=False),
        sa.Column("form_id", ID, nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("submitted_on", TIME, nullable=False),
        sa.ForeignKeyConstraint(["form_id"], ["form.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("form_pending_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_form_pending_answer_form_id"), ["form_id"], unique=False)

    op.create_table(
        "form_respondent",
        sa.Column("form_id", ID, nullable=False),
        sa.Column("participant_id", ID, nullable=False),
        sa.ForeignKeyConstraint(["form_id"], ["form.id"]),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.PrimaryKeyConstraint("form_id", "participant_id"),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("form_respondent")
    with op.batch_alter_table("form_pending_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_form_pending_answer_form_id"))
    op.drop_table("form_pending_answer")
    with op.batch_alter_table("form_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_form_answer_respondent_id"))
        batch_op.drop_index(batch_op.f("ix_form_answer_form_id"))
    op.drop_table("form_answer")
    with op.batch_alter_table("form", schema=None) as batch_op:
        for column in ("closed_at", "reminder_at", "deadline", "opens_at", "series_id", "meeting_id"):
            batch_op.drop_index(batch_op.f(f"ix_form_{column}"))
    op.drop_table("form")
